import Planner

/// `filters.conf`: the import filter of each peer type, the export filter towards peers and the
/// export filter towards the kernel.
///
/// Import (RFC 7454 practice): every route from a peer is rejected when its prefix is a bogon,
/// shorter or longer than the Internet routes, one of our own prefixes or under one, its AS
/// path is too long, or it is RPKI-invalid. Then per type: transit, IXP and route-server routes
/// may carry no bogon ASN anywhere in the path (a private interconnect only no reserved one);
/// a bilateral IXP peer must give its own address as next hop, while a route server passes on
/// the next hop of the member that sent the route (the route server is not the next hop, so it
/// is not required to be); each type sets its local preference. Export: only the node's own
/// anycast routes, from its static protocols, so nothing learned from one peer reaches another.
enum BIRDFilters {
    static let maxPathLength = 64
    static let ipv4Lengths = (shortest: 8, longest: 24)
    static let ipv6Lengths = (shortest: 16, longest: 48)

    /// Local preference per peer type: our own network, then bilateral peering, route servers,
    /// and transit last.
    static func localPreference(_ type: PeerType) -> Int {
        switch type {
        case .privatePeer: 300
        case .ixp: 200
        case .routeServer: 150
        case .transit: 100
        }
    }

    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        var lines = [
            "# Longest AS path accepted; prefix lengths the Internet routes.",
            "define MAX_AS_PATH_LEN = \(maxPathLength);",
            "",
            "function is_bogon_prefix() {",
            "    if net.type = NET_IP4 then return net ~ BOGON_PREFIXES_V4;",
            "    return net ~ BOGON_PREFIXES_V6 || !(net ~ GLOBAL_UNICAST_V6);",
            "}",
            "",
            "function has_routable_length() {",
            "    if net.type = NET_IP4 then return net.len >= \(ipv4Lengths.shortest) && net.len <= \(ipv4Lengths.longest);",
            "    return net.len >= \(ipv6Lengths.shortest) && net.len <= \(ipv6Lengths.longest);",
            "}",
            "",
            "# One of our own prefixes (anycast.conf) or a more-specific of one, received back.",
            "function is_own_prefix() {",
            "    if net.type = NET_IP4 then return \(context.ownPrefixesV4.isEmpty ? "false" : "net ~ OWN_PREFIXES_V4");",
            "    return \(context.ownPrefixesV6.isEmpty ? "false" : "net ~ OWN_PREFIXES_V6");",
            "}",
            "",
        ]
        if context.hasRPKI {
            lines += [
                "# The origin AS has no ROA covering this prefix and length (rpki.conf).",
                "function is_rpki_invalid() {",
                "    if net.type = NET_IP4 then return roa_check(roa_v4, net, bgp_path.last) = ROA_INVALID;",
                "    return roa_check(roa_v6, net, bgp_path.last) = ROA_INVALID;",
                "}",
                "",
            ]
        }
        lines += [
            "# The checks every import makes, whatever the peer; a reject here ends the filter.",
            "function reject_unroutable() {",
            "    if is_bogon_prefix() then reject;",
            "    if !has_routable_length() then reject;",
            "    if is_own_prefix() then reject;",
            "    if bgp_path.len > MAX_AS_PATH_LEN then reject;",
        ]
        lines += context.hasRPKI ? ["    if is_rpki_invalid() then reject;"] : ["    # (No RPKI validator on this node: no origin validation.)"]
        lines += ["}"]
        for type in BIRDTemplates.order {
            lines += ["", "# \(BIRDTemplates.describe(type))"]
            lines += ["filter \(importFilter(type)) {", "    reject_unroutable();"]
            switch type {
            case .privatePeer:
                lines.append("    if bgp_path ~ RESERVED_ASNS then reject;")
            case .ixp:
                lines += ["    if bgp_path ~ BOGON_ASNS then reject;", "    # A bilateral peer's routes lead to the peer itself.", "    if bgp_next_hop != from then reject;"]
            case .routeServer:
                lines += [
                    "    if bgp_path ~ BOGON_ASNS then reject;",
                    "    # The next hop is the member that sent the route, not the route server; BIRD already",
                    "    # refuses a next hop outside the shared LAN (not directly connected).",
                ]
            case .transit:
                lines.append("    if bgp_path ~ BOGON_ASNS then reject;")
            }
            lines += ["    bgp_local_pref = \(localPreference(type));", "    accept;", "}"]
        }
        lines += [
            "",
            "# Towards every peer: the node's own anycast routes only (anycast.conf), never a route",
            "# learned from a peer (no transit between peers).",
            "filter export_anycast {",
            "    if source != RTS_STATIC then reject;",
        ]
        if context.announcements.contains(where: \.ipv4) { lines.append("    if net.type = NET_IP4 then { if net ~ ANNOUNCED_V4 then accept; }") }
        if context.announcements.contains(where: { !$0.ipv4 }) { lines.append("    if net.type = NET_IP6 then { if net ~ ANNOUNCED_V6 then accept; }") }
        lines += [
            "    reject;",
            "}",
            "",
            "# Towards the kernel: routes BGP learned and the import filters accepted; never the anycast",
            "# blackholes (they would hide the local service), nothing else.",
            "filter export_kernel {",
            "    if source = RTS_BGP then accept;",
            "    reject;",
            "}",
        ]
        return BIRDFragment(
            name: "filters.conf", title: "import filters per peer type, export filters", subjects: context.subjects(context.announcements.map(\.prefix.origin.subject)),
            lines: lines)
    }

    static func importFilter(_ type: PeerType) -> String { "import_" + BIRDTemplates.suffix(type) }
}
