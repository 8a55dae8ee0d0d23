import Planner

/// The BIRD protocols a node's configuration declares that come from one spec object (a
/// `protocol bgp` per peer, a `protocol static` per announced prefix, a `protocol rpki` per
/// validator), with the symbol BIRD knows them by: what `ttlc explain bgp/<node>:<protocol>` finds.
public struct BIRDProtocol: Sendable, Equatable {
    public var node: String
    /// The symbol in the configuration (`peer_transit_a`).
    public var symbol: String
    /// The spec object's name (`transit-a`).
    public var name: String
    /// The spec object's IRI.
    public var subject: String
    /// The file under the node's folder declaring the protocol (`peers.conf`).
    public var file: String
}

extension BIRDEmitter {
    /// Every protocol of every node made from a spec object, in configuration order per node.
    public static func protocols(_ model: SystemModel) -> [BIRDProtocol] {
        model.nodes.flatMap { node in
            let context = BIRDNodeContext(node: node, model: model)
            let validators = context.validatorSymbols
            return context.peers.map { BIRDProtocol(node: node.name, symbol: $0.symbol, name: $0.peer.name, subject: $0.peer.origin.subject, file: "peers.conf") }
                + context.announcements.map { BIRDProtocol(node: node.name, symbol: $0.symbol, name: $0.prefix.name, subject: $0.prefix.origin.subject, file: "anycast.conf") }
                + context.validators.map { BIRDProtocol(node: node.name, symbol: validators[$0.name], name: $0.name, subject: $0.origin.subject, file: "rpki.conf") }
        }
    }
}
