/// BGP: nodes, peers, anycast prefixes and RPKI caches.
public enum PeerType: String, Sendable {
    case transit = "Transit"
    case ixp = "IXP"
    case routeServer = "RouteServer"
    case privatePeer = "Private"
}

public struct Node: Sendable {
    public var name: String
    public var origin: Origin
    public var routerId: Located<String>
    public var asn: Located<Int>
    public var announces: [Located<String>]
    public var peers: [Located<String>]
    public var rpki: [Located<String>]
}

public struct Peer: Sendable {
    public var name: String
    public var origin: Origin
    public var peerType: Located<PeerType>
    public var neighbor: Located<String>
    public var remoteAsn: Located<Int>
    public var maxPrefixes: Located<Int>
    public var bfd: Located<Bool>?
    public var multihop: Located<Int>?
    public var password: SecretRef?
}

public struct HealthCheck: Sendable {
    public var url: Located<String>
    public var withdrawAfter: Located<Int>
    public var interval: Located<String>?
}

public struct AnycastPrefix: Sendable {
    public var name: String
    public var origin: Origin
    public var prefix: Located<String>
    public var healthCheck: HealthCheck
}

public struct RpkiValidator: Sendable {
    public var name: String
    public var origin: Origin
    public var host: Located<String>
    public var port: Located<Int>
}
