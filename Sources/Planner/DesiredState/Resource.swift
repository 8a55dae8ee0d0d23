/// The stable identity of a Kubernetes object: what plan and apply match on.
public struct ResourceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    /// Nil for cluster-scoped kinds.
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Deployment/edge/river-proxy`, or `Namespace/edge` for cluster-scoped kinds.
    public var description: String {
        [kind, namespace, name].compactMap { $0 }.joined(separator: "/")
    }

    public static func < (a: ResourceID, b: ResourceID) -> Bool {
        (a.kind, a.namespace ?? "", a.name, a.apiVersion) < (b.kind, b.namespace ?? "", b.name, b.apiVersion)
    }
}

/// One object of the desired state: its identity, the file it is written to (relative to the
/// output root), its content, and the spec subjects it was made from.
public struct Resource: Sendable {
    public var id: ResourceID
    public var path: String
    public var document: Document
    /// The spec objects this resource comes from (IRIs), first the main one.
    public var subjects: [String]

    public init(id: ResourceID, path: String, document: Document, subjects: [String]) {
        self.id = id
        self.path = path
        self.document = document
        self.subjects = subjects
    }
}

/// A file of the output tree that is not a Kubernetes object (bird.conf, rules.c, kustomization
/// and inventory files): its path, bytes and the subjects it was made from.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]
    public var subjects: [String]
    /// The identities of the Kubernetes objects in the file, in file order (none for files that
    /// are not Kubernetes objects).
    public var objects: [ResourceID]

    public init(path: String, bytes: [UInt8], subjects: [String], objects: [ResourceID] = []) {
        self.path = path
        self.bytes = bytes
        self.subjects = subjects
        self.objects = objects
    }
}
