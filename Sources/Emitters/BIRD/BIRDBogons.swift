/// `bogons.conf`: the bogon prefix and AS number sets, written from the dated data in
/// `Data/BogonData.swift`. The same on every node.
enum BIRDBogons {
    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        var lines = [
            "# Bogons as of \(BogonData.asOf), from the IANA special-purpose registries (IPv4 and IPv6",
            "# Special-Purpose Address Registries, Special-Purpose AS Numbers Registry; the list and",
            "# its sources are in ttlc's Sources/Emitters/BIRD/Data/). filters.conf rejects a route",
            "# whose prefix is in or under one of these blocks, or whose AS path holds one of these ASNs.",
            "",
        ]
        lines += set("BOGON_PREFIXES_V4", BogonData.ipv4.map { ("\($0.prefix)+", "\($0.name) (\($0.reference))") })
        lines.append("")
        lines += set("BOGON_PREFIXES_V6", BogonData.ipv6.map { ("\($0.prefix)+", "\($0.name) (\($0.reference))") })
        lines += [
            "",
            "# IPv6 routes outside Global Unicast are bogons too.",
            "define GLOBAL_UNICAST_V6 = [ \(BogonData.ipv6GlobalUnicast)+ ];",
            "",
            "# Anywhere in the AS path of a route from a transit, IXP or route-server peer.",
        ]
        lines += set("BOGON_ASNS", BogonData.asns.map { (range($0), "\($0.name) (\($0.reference))") })
        lines += [
            "",
            "# A private interconnect may use private and documentation ASNs: only these are refused there.",
        ]
        lines += set("RESERVED_ASNS", BogonData.asns.filter { !$0.privateUse }.map { (range($0), "\($0.name) (\($0.reference))") })
        return BIRDFragment(name: "bogons.conf", title: "bogon prefixes and AS numbers (dated data)", subjects: context.subjects([]), lines: lines)
    }

    /// `define NAME = [ … ];` with one element per line and its comment aligned.
    static func set(_ name: String, _ elements: [(String, String)]) -> [String] {
        let width = elements.map(\.0.count).max() ?? 0
        var lines = ["define \(name) = ["]
        for (index, element) in elements.enumerated() {
            let item = element.0 + (index == elements.count - 1 ? "" : ",")
            lines.append("    " + item + String(repeating: " ", count: width + 2 - item.count) + "# " + element.1)
        }
        lines.append("];")
        return lines
    }

    static func range(_ asn: BogonData.ASNRange) -> String {
        asn.low == asn.high ? "\(asn.low)" : "\(asn.low)..\(asn.high)"
    }
}
