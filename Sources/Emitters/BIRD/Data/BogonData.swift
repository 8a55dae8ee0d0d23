/// The bogon lists every import filter applies: prefixes and AS numbers that never belong in the
/// global routing table. Dated data, taken from the IANA special-purpose registries (see
/// `SOURCES.md` next to this file); update the lists and `asOf` together, from the registries.
enum BogonData {
    /// When these lists were last compared with the registries.
    static let asOf = "2026-11-25"

    struct Prefix: Sendable {
        /// The block in CIDR notation; the filters reject it and every more-specific of it.
        var prefix: String
        var name: String
        var reference: String
    }

    struct ASNRange: Sendable {
        var low: UInt32
        var high: UInt32
        var name: String
        var reference: String
        /// Private-use and documentation numbers: bogons on the Internet, but a private
        /// interconnect may use them (its filter rejects only the reserved ones).
        var privateUse: Bool
    }

    /// IPv4 blocks that are not globally reachable: the IANA IPv4 Special-Purpose Address
    /// Registry (entries with Globally Reachable = False, and the deprecated 6to4 relay block),
    /// plus multicast and the reserved class E from the IPv4 Address Space Registry.
    static let ipv4: [Prefix] = [
        Prefix(prefix: "0.0.0.0/8", name: "\"This network\"", reference: "RFC 791"),
        Prefix(prefix: "10.0.0.0/8", name: "Private-Use", reference: "RFC 1918"),
        Prefix(prefix: "100.64.0.0/10", name: "Shared Address Space", reference: "RFC 6598"),
        Prefix(prefix: "127.0.0.0/8", name: "Loopback", reference: "RFC 1122"),
        Prefix(prefix: "169.254.0.0/16", name: "Link Local", reference: "RFC 3927"),
        Prefix(prefix: "172.16.0.0/12", name: "Private-Use", reference: "RFC 1918"),
        Prefix(prefix: "192.0.0.0/24", name: "IETF Protocol Assignments", reference: "RFC 6890"),
        Prefix(prefix: "192.0.2.0/24", name: "Documentation (TEST-NET-1)", reference: "RFC 5737"),
        Prefix(prefix: "192.88.99.0/24", name: "Deprecated 6to4 Relay Anycast", reference: "RFC 7526"),
        Prefix(prefix: "192.168.0.0/16", name: "Private-Use", reference: "RFC 1918"),
        Prefix(prefix: "198.18.0.0/15", name: "Benchmarking", reference: "RFC 2544"),
        Prefix(prefix: "198.51.100.0/24", name: "Documentation (TEST-NET-2)", reference: "RFC 5737"),
        Prefix(prefix: "203.0.113.0/24", name: "Documentation (TEST-NET-3)", reference: "RFC 5737"),
        Prefix(prefix: "224.0.0.0/4", name: "Multicast", reference: "RFC 5771"),
        Prefix(prefix: "240.0.0.0/4", name: "Reserved, and Limited Broadcast", reference: "RFC 1112, RFC 919"),
    ]

    /// IPv6 blocks that are not globally reachable: the IANA IPv6 Special-Purpose Address
    /// Registry (Globally Reachable = False), the deprecated ORCHID and 6to4 blocks, and the
    /// returned 6bone block. Anything outside Global Unicast (2000::/3) is rejected as well.
    static let ipv6: [Prefix] = [
        Prefix(prefix: "::/8", name: "Loopback, Unspecified, IPv4-mapped, NAT64 (IETF reserved)", reference: "RFC 4291, RFC 6052, RFC 8215"),
        Prefix(prefix: "100::/64", name: "Discard-Only Address Block", reference: "RFC 6666"),
        Prefix(prefix: "2001:2::/48", name: "Benchmarking", reference: "RFC 5180"),
        Prefix(prefix: "2001:10::/28", name: "Deprecated (previously ORCHID)", reference: "RFC 4843"),
        Prefix(prefix: "2001:db8::/32", name: "Documentation", reference: "RFC 3849"),
        Prefix(prefix: "2002::/16", name: "6to4", reference: "RFC 3056, RFC 7526"),
        Prefix(prefix: "3ffe::/16", name: "Former 6bone, returned", reference: "RFC 3701"),
        Prefix(prefix: "3fff::/20", name: "Documentation", reference: "RFC 9637"),
        Prefix(prefix: "5f00::/16", name: "Segment Routing (SRv6) SIDs", reference: "RFC 9602"),
        Prefix(prefix: "fc00::/7", name: "Unique-Local", reference: "RFC 4193"),
        Prefix(prefix: "fe80::/10", name: "Link-Local Unicast", reference: "RFC 4291"),
        Prefix(prefix: "fec0::/10", name: "Site-Local (deprecated)", reference: "RFC 3879"),
        Prefix(prefix: "ff00::/8", name: "Multicast", reference: "RFC 4291"),
    ]

    /// The IPv6 Global Unicast space (IPv6 Address Space Registry); routes outside it are bogons.
    static let ipv6GlobalUnicast = "2000::/3"

    /// AS numbers that never appear in a path on the Internet: the IANA Special-Purpose AS
    /// Numbers Registry, and the reserved block of the 32-bit AS Numbers Registry. AS 112
    /// (RFC 7534) is special-purpose but a real origin, so it is not listed.
    static let asns: [ASNRange] = [
        ASNRange(low: 0, high: 0, name: "Reserved", reference: "RFC 7607", privateUse: false),
        ASNRange(low: 23456, high: 23456, name: "AS_TRANS", reference: "RFC 6793", privateUse: false),
        ASNRange(low: 64496, high: 64511, name: "Documentation", reference: "RFC 5398", privateUse: true),
        ASNRange(low: 64512, high: 65534, name: "Private Use", reference: "RFC 6996", privateUse: true),
        ASNRange(low: 65535, high: 65535, name: "Reserved", reference: "RFC 7300", privateUse: false),
        ASNRange(low: 65536, high: 65551, name: "Documentation", reference: "RFC 5398", privateUse: true),
        ASNRange(low: 65552, high: 131071, name: "Reserved", reference: "IANA 32-bit AS Numbers Registry", privateUse: false),
        ASNRange(low: 4_200_000_000, high: 4_294_967_294, name: "Private Use", reference: "RFC 6996", privateUse: true),
        ASNRange(low: 4_294_967_295, high: 4_294_967_295, name: "Reserved", reference: "RFC 7300", privateUse: false),
    ]
}
