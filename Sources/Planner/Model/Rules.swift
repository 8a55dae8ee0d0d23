/// Runtime rules and governance.
public struct Rule: Sendable {
    public var name: String
    public var origin: Origin
    public var priority: Located<Int>
    public var action: Located<String>
    public var match: Match
}

public struct Match: Sendable {
    public var origin: Origin
    public var sourcePrefixes: [Located<String>]
    public var destinationPrefixes: [Located<String>]
    public var sourcePorts: [Located<Int>]
    public var destinationPorts: [Located<Int>]
    public var matchProtocol: Located<String>?
    public var signalKinds: [Located<String>]
    public var payloads: [Located<String>]
    public var rate: Rate?
}

public struct Rate: Sendable {
    public var limit: Located<Int>
    public var window: Located<String>
    public var perKey: Located<String>
}

public struct Governance: Sendable {
    public var name: String
    public var origin: Origin
    public var defaultVerdict: Located<String>
    public var policies: [GovernancePolicy]
}

public struct GovernancePolicy: Sendable {
    public var origin: Origin
    public var operations: [Located<String>]
    public var resourceKinds: [Located<String>]
    public var namespaces: [Located<String>]
    public var fields: [Located<String>]
    public var verdict: Located<String>
}
