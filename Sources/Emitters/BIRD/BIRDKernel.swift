/// `kernel.conf`: `protocol device` and a `protocol kernel` per address family the node uses.
///
/// No `protocol direct`: the anycast prefixes come from static protocols and BGP next hops
/// resolve through the device protocol, so no interface route needs to be in BIRD's tables.
enum BIRDKernel {
    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        var lines = [
            "# Interfaces and their addresses, for BGP next hops and sessions.",
            "protocol device device1 {",
            "    scan time 10;",
            "}",
            "",
            "# No protocol direct: the anycast prefixes come from anycast.conf and BGP resolves next hops",
            "# through the device protocol.",
        ]
        for (ipv4, used) in [(true, context.hasIPv4), (false, context.hasIPv6)] where used {
            let family = ipv4 ? "ipv4" : "ipv6"
            lines += [
                "",
                "# \(ipv4 ? "IPv4" : "IPv6"): BGP routes the import filters accepted go into the main table",
                "# (export_kernel); nothing is learned from the kernel.",
                "protocol kernel kernel\(ipv4 ? 4 : 6) {",
                "    \(family) {",
                "        import none;",
                "        export filter export_kernel;",
                "    };",
                "    learn off;",
                "    scan time 60;",
                "}",
            ]
        }
        return BIRDFragment(name: "kernel.conf", title: "interfaces and the kernel routing table", subjects: context.subjects([]), lines: lines)
    }
}
