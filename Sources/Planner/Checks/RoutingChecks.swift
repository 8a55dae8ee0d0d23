import Ontology

/// The BGP checks that span objects (DESIGN.md "Checks"): an anycast prefix no node announces, a
/// node that announces with no peer to announce to, two nodes with one router id, two peers of
/// one node at one session address, and BFD on a multihop IPv6 session (BIRD needs a fixed
/// local address for it, which the spec has no property for). The per-value rules (ASNs,
/// addresses, secret references, required max-prefixes and health-check URL) are in
/// `SpecChecks` and the shapes. Each is a located error.
public enum RoutingChecks {
    public static func run(_ model: SystemModel) -> [Diagnostic] {
        unannouncedPrefixes(model) + nodesWithoutPeers(model) + duplicateRouterIds(model) + duplicateSessions(model) + multihopBFD(model)
            + internalSessions(model) + familiesWithoutPeer(model) + prefixLengths(model)
    }

    /// A node announcing a prefix of a family none of its peers speaks exports it nowhere
    /// (BIRD's export filters are per family): the announcement the spec asks for never happens.
    static func familiesWithoutPeer(_ model: SystemModel) -> [Diagnostic] {
        let peers = peersByName(model)
        let prefixes = Dictionary(model.anycastPrefixes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [Diagnostic] = []
        for node in model.nodes where !node.peers.isEmpty {
            let families = Set(node.peers.compactMap { peers[$0.value].flatMap { IPAddress($0.neighbor.value)?.isIPv4 } })
            for reference in node.announces {
                guard let prefix = prefixes[reference.value], case .success(let parsed) = IPPrefix.parse(prefix.prefix.value),
                    !families.contains(parsed.address.isIPv4)
                else { continue }
                let family = parsed.address.isIPv4 ? "IPv4" : "IPv6"
                out.append(
                    Diagnostic(
                        .bgpNoPeer, "node \(node.name) announces \(family) prefix \(prefix.prefix.value) but has no \(family) peer to announce it to",
                        at: reference.origin.location, notes: [Note("give the node an \(family) tc:peer, or announce the prefix from another node")]))
            }
        }
        return out
    }

    /// Networks filter IPv4 routes longer than /24 and IPv6 routes longer than /48 (and so do
    /// the import filters ttlc writes): a longer anycast prefix does not propagate.
    static func prefixLengths(_ model: SystemModel) -> [Diagnostic] {
        model.anycastPrefixes.compactMap { prefix in
            guard case .success(let parsed) = IPPrefix.parse(prefix.prefix.value) else { return nil }
            let longest = parsed.address.isIPv4 ? 24 : 48
            guard parsed.length > longest else { return nil }
            return Diagnostic(
                .bgpPrefixLength, "anycast prefix \(prefix.prefix.value) is longer than /\(longest): networks filter it (as the import filters ttlc writes do), so it would not propagate",
                severity: .warning, at: prefix.prefix.origin.location)
        }
    }

    /// A peer in the node's own AS is an iBGP session, which the configs ttlc writes are not:
    /// they check each route's first AS (eBGP only) and treat every session as eBGP. BIRD refused
    /// them ("Enforce first AS check requires EBGP sessions"; with BFD, iBGP's implied multihop
    /// wants a local address); said here, at the peer's AS.
    static func internalSessions(_ model: SystemModel) -> [Diagnostic] {
        let peers = peersByName(model)
        var out: [Diagnostic] = []
        for node in model.nodes {
            for reference in node.peers {
                guard let peer = peers[reference.value], peer.remoteAsn.value == node.asn.value else { continue }
                out.append(
                    Diagnostic(
                        .bgpInternalSession,
                        "peer \(peer.name) is in node \(node.name)'s own AS \(node.asn.value): an iBGP session, which ttlc does not configure (its BIRD sessions are eBGP)",
                        at: peer.remoteAsn.origin.location, notes: [Note("node \(node.name)'s AS is set here", at: node.asn.origin.location)]))
            }
        }
        return out
    }

    static func unannouncedPrefixes(_ model: SystemModel) -> [Diagnostic] {
        let announced = Set(model.nodes.flatMap { $0.announces.map(\.value) })
        return model.anycastPrefixes.filter { !announced.contains($0.name) }.map { prefix in
            Diagnostic(
                .bgpUnannouncedPrefix, "anycast prefix \(prefix.name) (\(prefix.prefix.value)) is announced by no node", at: prefix.prefix.origin.location,
                notes: [Note("add it to the tc:announces of the nodes that should announce it, or remove it")])
        }
    }

    static func nodesWithoutPeers(_ model: SystemModel) -> [Diagnostic] {
        model.nodes.compactMap { node in
            guard node.peers.isEmpty, let first = node.announces.first else { return nil }
            let names = node.announces.map(\.value).joined(separator: ", ")
            return Diagnostic(
                .bgpNoPeer, "node \(node.name) announces \(names) but has no peer to announce \(node.announces.count == 1 ? "it" : "them") to",
                at: first.origin.location, notes: [Note("give the node a tc:peer, or remove its tc:announces")])
        }
    }

    static func duplicateRouterIds(_ model: SystemModel) -> [Diagnostic] {
        var first: [String: Node] = [:]
        var out: [Diagnostic] = []
        for node in model.nodes {
            let key = IPAddress(node.routerId.value)?.description ?? node.routerId.value
            if let owner = first[key] {
                out.append(
                    Diagnostic(
                        .bgpDuplicateRouterId, "nodes \(owner.name) and \(node.name) have one router id, \(node.routerId.value)", at: node.routerId.origin.location,
                        notes: [Note("\(owner.name)'s router id is set here; router ids are unique among nodes", at: owner.routerId.origin.location)]))
            } else {
                first[key] = node
            }
        }
        return out
    }

    static func duplicateSessions(_ model: SystemModel) -> [Diagnostic] {
        let peers = peersByName(model)
        var reported: Set<[String]> = []
        var out: [Diagnostic] = []
        for node in model.nodes {
            var first: [String: Peer] = [:]
            for peer in node.peers.compactMap({ peers[$0.value] }) {
                let key = IPAddress(peer.neighbor.value)?.description ?? peer.neighbor.value
                guard let owner = first[key] else {
                    first[key] = peer
                    continue
                }
                guard reported.insert([owner.name, peer.name]).inserted else { continue }
                out.append(
                    Diagnostic(
                        .bgpDuplicateSession, "peers \(owner.name) and \(peer.name) of node \(node.name) have one session address, \(peer.neighbor.value)",
                        at: peer.neighbor.origin.location,
                        notes: [Note("\(owner.name)'s neighbor is set here; a node has one BGP session per neighbour address", at: owner.neighbor.origin.location)]))
            }
        }
        return out
    }

    /// The peers a node's tc:peer names refer to, the first of a name winning.
    private static func peersByName(_ model: SystemModel) -> [String: Peer] {
        var peers: [String: Peer] = [:]
        for peer in model.peers where peers[peer.name] == nil { peers[peer.name] = peer }
        return peers
    }

    static func multihopBFD(_ model: SystemModel) -> [Diagnostic] {
        model.peers.compactMap { peer in
            guard let bfd = peer.bfd, bfd.value, peer.multihop != nil, let address = IPAddress(peer.neighbor.value), !address.isIPv4 else { return nil }
            return Diagnostic(
                .bgpMultihopBFD, "peer \(peer.name): BFD on a multihop IPv6 session needs a fixed local IPv6 address, which the spec cannot give",
                at: bfd.origin.location, notes: [Note("set tc:bfd false, or peer over a direct link (multihop IPv4 sessions use the router id)")])
        }
    }
}

extension MessageID {
    public static let bgpUnannouncedPrefix: MessageID = "bgp.unannouncedPrefix"
    public static let bgpNoPeer: MessageID = "bgp.noPeer"
    public static let bgpDuplicateRouterId: MessageID = "bgp.duplicateRouterId"
    public static let bgpDuplicateSession: MessageID = "bgp.duplicateSession"
    public static let bgpMultihopBFD: MessageID = "bgp.multihopBfd"
    public static let bgpInternalSession: MessageID = "bgp.internalSession"
    public static let bgpPrefixLength: MessageID = "bgp.prefixLength"
}
