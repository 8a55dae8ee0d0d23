/// `bfd.conf`: `protocol bfd` when a peer of the node asks for BFD (`tc:bfd true`).
enum BIRDBFD {
    static let intervalMilliseconds = 300
    static let multiplier = 3

    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        let peers = context.peers.filter { $0.peer.bfd?.value == true }
        guard !peers.isEmpty else {
            return BIRDFragment(name: "bfd.conf", title: "BFD", subjects: context.subjects([]), lines: ["# No peer of this node asks for BFD."])
        }
        let timers = [
            "        min rx interval \(intervalMilliseconds) ms;",
            "        min tx interval \(intervalMilliseconds) ms;",
            "        multiplier \(multiplier);",
        ]
        let lines =
            [
                "# Sub-second failure detection for the sessions with bfd on (peers.conf): a neighbour",
                "# silent for \(intervalMilliseconds) ms × \(multiplier) is down, and its BGP session with it.",
                "# For: " + peers.map(\.peer.name).joined(separator: ", "),
                "protocol bfd bfd1 {",
                "    interface \"*\" {",
            ] + timers + ["    };", "    multihop {"] + timers + ["    };", "}"]
        return BIRDFragment(name: "bfd.conf", title: "BFD", subjects: context.subjects(peers.map(\.peer.origin.subject)), lines: lines)
    }
}
