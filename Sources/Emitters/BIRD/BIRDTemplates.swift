import Planner

/// `templates.conf`: one `template bgp` per peer type, the session settings shared by its peers.
enum BIRDTemplates {
    static let order: [PeerType] = [.transit, .ixp, .routeServer, .privatePeer]
    static let holdTime = 90

    static func suffix(_ type: PeerType) -> String {
        switch type {
        case .transit: "transit"
        case .ixp: "ixp"
        case .routeServer: "route_server"
        case .privatePeer: "private"
        }
    }

    static func template(_ type: PeerType) -> String { "tpl_" + suffix(type) }

    static func describe(_ type: PeerType) -> String {
        switch type {
        case .transit: "Transit: an upstream carrying our traffic to the whole Internet."
        case .ixp: "IXP: a bilateral peer on an exchange LAN."
        case .routeServer: "Route server: an exchange's route server (multilateral peering)."
        case .privatePeer: "Private: a private interconnect, such as our own backbone."
        }
    }

    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        var lines = [
            "# One template per peer type. Each protocol bgp in peers.conf adds its neighbour, password,",
            "# BFD and multihop, and its one channel (import limit and filters, filters.conf).",
        ]
        for type in order {
            lines += [
                "",
                "# \(describe(type))",
                "template bgp \(template(type)) {",
                "    local as OWN_ASN;",
                "    hold time \(holdTime);",
            ]
            if type == .routeServer {
                lines += ["    # A route server does not put its own AS in the paths it passes on.", "    enforce first as off;"]
            } else {
                lines += ["    # The first AS of every path is the neighbour's.", "    enforce first as on;"]
            }
            lines.append("}")
        }
        return BIRDFragment(name: "templates.conf", title: "one BGP template per peer type", subjects: context.subjects([]), lines: lines)
    }
}
