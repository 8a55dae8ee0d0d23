/// The whole system, typed, read out of a valid spec graph. Collections are sorted by name so
/// that everything built from the model is independent of file and triple order.
public struct SystemModel: Sendable {
    public var system: System?
    public var clusters: [Cluster] = []
    public var namespaces: [Namespace] = []
    public var services: [Service] = []
    public var networkPolicies: [NetworkPolicy] = []
    public var nodes: [Node] = []
    public var peers: [Peer] = []
    public var anycastPrefixes: [AnycastPrefix] = []
    public var rpkiValidators: [RpkiValidator] = []
    public var issuers: [Issuer] = []
    public var certificates: [Certificate] = []
    public var rules: [Rule] = []
    public var governance: Governance?

    public init() {}

    /// The service of a name. The reader sorts services by name (and a valid spec names each
    /// once), so a binary search finds it: verifying a scaling operation looks up each of its
    /// services. A model put together in another order is searched whole before the answer is no.
    public func service(named name: String) -> Service? {
        var low = 0
        var high = services.count
        while low < high {
            let mid = (low + high) / 2
            if services[mid].name < name { low = mid + 1 } else { high = mid }
        }
        if low < services.count, services[low].name == name { return services[low] }
        return services.first { $0.name == name }
    }

    /// The model with replica counts decided by `ttlc decide` (by service name) in place of the
    /// blueprints' minimums. Counts outside a blueprint's min..max are clamped: the spec's
    /// bounds win over a stale decision.
    public func withReplicaDecisions(_ decisions: [String: Located<Int>]) -> SystemModel {
        var copy = self
        for index in copy.services.indices {
            guard case .blueprint(var blueprint) = copy.services[index].replicas, var decided = decisions[copy.services[index].name] else { continue }
            decided.value = Swift.min(blueprint.max.value, Swift.max(blueprint.min.value, decided.value))
            blueprint.decided = decided
            copy.services[index].replicas = .blueprint(blueprint)
        }
        return copy
    }
    public func namespace(named name: String) -> Namespace? { namespaces.first { $0.name == name } }
    public func issuer(named name: String) -> Issuer? { issuers.first { $0.name == name } }
}

public struct System: Sendable {
    public var name: String
    public var origin: Origin
    public var repository: Located<String>
    public var branch: Located<String>
    public var path: Located<String>
    public var interval: Located<String>
    public var repositorySecret: SecretRef?
    public var birdImage: Located<String>
}

public struct Cluster: Sendable {
    public var name: String
    public var origin: Origin
    public var region: Located<String>
    public var nodes: [Located<String>]
}
