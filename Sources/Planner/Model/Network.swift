/// Network policy: per namespace, the flows allowed on top of default deny.
public struct NetworkPolicy: Sendable {
    public var name: String
    public var origin: Origin
    public var namespace: Located<String>
    public var allows: [AllowedFlow]
}

/// Well-known peers that are neither services nor CIDRs (Cilium entities).
public enum Entity: String, Sendable {
    case world = "World"
    case cluster = "InCluster"
    case host = "Host"
    case remoteNode = "RemoteNode"
    case kubeApiServer = "KubeApiServer"
}

public struct HTTPRule: Sendable {
    public var method: Located<String>
    public var path: Located<String>
}

public struct AllowedFlow: Sendable {
    public var origin: Origin
    public var from: Located<String>?
    public var fromCidrs: [Located<String>]
    public var fromEntity: Located<Entity>?
    public var to: Located<String>?
    public var toCidrs: [Located<String>]
    public var toEntity: Located<Entity>?
    /// Port names of the target service.
    public var toPorts: [Located<String>]
    /// Port numbers, for targets that are not services.
    public var toPortNumbers: [Located<Int>]
    public var http: [HTTPRule]
}
