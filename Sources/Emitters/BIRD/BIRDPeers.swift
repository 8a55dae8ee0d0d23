import Planner

/// `peers.conf`: one `protocol bgp` per peer of the node, with one channel in the neighbour's
/// address family.
enum BIRDPeers {
    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        var lines: [String] = []
        if context.peers.isEmpty { lines.append("# This node has no peer.") }
        for (index, session) in context.peers.enumerated() {
            let peer = session.peer
            let family = session.ipv4 ? "ipv4" : "ipv6"
            if index > 0 { lines.append("") }
            lines += [
                "# \(peer.name) (\(peer.origin.subject)): \(peer.peerType.value.rawValue), AS\(peer.remoteAsn.value), \(session.ipv4 ? "IPv4" : "IPv6").",
                "protocol bgp \(session.symbol) from \(BIRDTemplates.template(peer.peerType.value)) {",
                "    description \(BIRDMain.quoted(peer.name));",
                "    neighbor \(peer.neighbor.value) as \(peer.remoteAsn.value);",
            ]
            if let file = session.secretFile, let secret = peer.password {
                lines += [
                    "    # TCP-MD5 password, from Secret \(secret.secretName.value) key \(secret.key.value), written on the node.",
                    "    include \"secrets/\(file).conf\";",
                ]
            }
            if let hops = peer.multihop?.value {
                lines.append("    multihop \(hops);")
            }
            if peer.bfd?.value == true {
                lines.append("    bfd on;")
                if peer.multihop != nil, session.ipv4 {
                    lines += [
                        "    # Multihop BFD needs a fixed source address: the router id, the node's loopback.",
                        "    local \(context.node.routerId.value);",
                    ]
                }
            }
            lines += [
                "    \(family) {",
                "        # Too many routes: the session is torn down and set up again (tc:maxPrefixes).",
                "        import limit \(peer.maxPrefixes.value) action restart;",
                "        import keep filtered on;",
            ]
            if context.hasRPKI { lines.append("        import table on;") }
            lines += [
                "        import filter \(BIRDFilters.importFilter(peer.peerType.value));",
                "        export filter export_anycast;",
                "    };",
                "}",
            ]
        }
        return BIRDFragment(
            name: "peers.conf", title: "one BGP session per neighbour", subjects: context.subjects(context.peers.map(\.peer.origin.subject)), lines: lines)
    }
}
