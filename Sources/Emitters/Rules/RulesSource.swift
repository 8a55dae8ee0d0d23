import CRuntime
import Foundation
import Runtime

/// The text of `rules/rules.c`: each array of the compiled table as a C initializer.
enum RulesSource {
    static func text(_ table: RuleTable, subjects: [String]) -> String {
        // The arrays rs points into belong to table: keep it alive to the end of this function.
        defer { withExtendedLifetime(table) {} }
        let rs = table.ruleset.pointee
        var out = RulesEmitter.banner("rules.c", subjects)
        out += "#include \"rules.h\"\n\n"

        out += "/* In evaluation order: priority, then name. */\n"
        out += "static const struct bitactor_rule rules[\(max(1, Int(rs.n_rules)))] = {\n"
        for i in 0..<Int(rs.n_rules) {
            let r = rs.rules[i]
            let name = String(cString: r.name)
            out += "    {\(quote(name)), \(r.priority), \(r.action), \(r.rate_key), 0, \(r.rate_limit)u, 0, \(r.rate_window)ull}, /* \(i): \(commentSafe(table.rules[i].origin.subject)) */\n"
        }
        if rs.n_rules == 0 { out += "    {0},\n" }
        out += "};\n\n"

        out += "/* Rule sets: bit r of word r / 64 is rule r. */\n"
        out += "static const struct bitactor_rule_mask masks[\(rs.n_masks)] = {\n"
        for i in 0..<Int(rs.n_masks) {
            let w = rs.masks[i].w
            out += "    {{\(hex64(w.0)), \(hex64(w.1)), \(hex64(w.2)), \(hex64(w.3))}},\n"
        }
        out += "};\n\n"

        out += "/* Prefix tries, compressed: child and leaf-run bitmaps, first child, first leaf run, bits set before each word of the two bitmaps. */\n"
        out += array("static const struct bitactor_lpm_node lpm[\(rs.n_lpm_nodes)]", count: Int(rs.n_lpm_nodes), perLine: 1) { i in
            let n = rs.lpm[i]
            let cb = n.child_before, lb = n.leaf_before
            return "{{\(hex64(n.child.0)), \(hex64(n.child.1)), \(hex64(n.child.2)), \(hex64(n.child.3))}, "
                + "{\(hex64(n.leaf.0)), \(hex64(n.leaf.1)), \(hex64(n.leaf.2)), \(hex64(n.leaf.3))}, \(n.child_base)u, \(n.leaf_base)u, "
                + "{\(cb.0), \(cb.1), \(cb.2), \(cb.3)}, {\(lb.0), \(lb.1), \(lb.2), \(lb.3)}}"
        }
        out += array("static const uint16_t lpm_leaves[\(rs.n_lpm_leaves)]", count: Int(rs.n_lpm_leaves), perLine: 16) { "\(rs.lpm_leaves[$0])" }
        // The dense tries' direct levels: entry v for first bytes v >> 8, v & 255.
        let direct = [rs.lpm_direct.0, rs.lpm_direct.1, rs.lpm_direct.2, rs.lpm_direct.3]
        for (trie, entries) in direct.enumerated() {
            guard let entries else { continue }
            if trie == direct.firstIndex(where: { $0 != nil }) {
                out += "/* Direct levels of the dense tries: the walk after an address's first two bytes (bit 15: a leaf's mask, else the node it goes on from). */\n"
            }
            out += array("static const uint16_t lpm_direct_\(trie)[\(BITACTOR_LPM_DIRECT_ENTRIES)]", count: Int(BITACTOR_LPM_DIRECT_ENTRIES), perLine: 16) { "\(entries[$0])" }
        }
        // Only a table with a direct level names the field (the others leave it zero: no level).
        let directField = direct.allSatisfy { $0 == nil } ? ""
            : ".lpm_direct = {" + direct.enumerated().map { $0.element == nil ? "0" : "lpm_direct_\($0.offset)" }.joined(separator: ", ") + "},\n    "
        out += array("static const uint16_t proto_mask[256]", count: 256, perLine: 16) { "\(rs.proto_mask[$0])" }
        out += array("static const uint16_t kind_mask[256]", count: 256, perLine: 16) { "\(rs.kind_mask[$0])" }
        out += ports("src_ports", rs.src_ports, Int(rs.n_src_ports))
        out += ports("dst_ports", rs.dst_ports, Int(rs.n_dst_ports))
        out += "/* Payload automaton: byte classes, then [state][class] (bit 15: the state has output). */\n"
        out += array("static const uint8_t ac_class[256]", count: 256, perLine: 16) { "\(rs.ac_class[$0])" }
        let cells = Int(rs.n_ac_states) * Int(rs.n_ac_classes)
        out += array("static const uint16_t ac_next[\(cells)]", count: cells, perLine: 16) { "\(rs.ac_next[$0])" }
        out += array("static const uint16_t ac_out[\(rs.n_ac_states)]", count: Int(rs.n_ac_states), perLine: 16) { "\(rs.ac_out[$0])" }
        out += array("static const uint8_t ac_depth[\(rs.n_ac_states)]", count: Int(rs.n_ac_states), perLine: 16) { "\(rs.ac_depth[$0])" }
        out += "/* Prefilter: bit (b0 | b1 << 8) when a pattern starts with b0 b1; bit 65536 + b for one-byte patterns; from bit 65792, hashed windows of three bytes (when pattern_min is 4 to 6) or four (from 7). */\n"
        out += array("static const uint64_t prefilter[\(BITACTOR_PREFILTER_WORDS)]", count: Int(BITACTOR_PREFILTER_WORDS), perLine: 4) { hex64(rs.prefilter[$0]) }

        out += """
            const struct bitactor_ruleset ttlc_rules = {
                .n_rules = \(rs.n_rules)u,
                .n_masks = \(rs.n_masks)u,
                .rules = rules,
                .masks = masks,
                .lpm = lpm,
                .lpm_leaves = lpm_leaves,
                .n_lpm_nodes = \(rs.n_lpm_nodes)u,
                .n_lpm_leaves = \(rs.n_lpm_leaves)u,
                .lpm_root = {\(rs.lpm_root.0)u, \(rs.lpm_root.1)u, \(rs.lpm_root.2)u, \(rs.lpm_root.3)u},
                \(directField).proto_mask = proto_mask,
                .kind_mask = kind_mask,
                .src_ports = src_ports,
                .dst_ports = dst_ports,
                .n_src_ports = \(rs.n_src_ports)u,
                .n_dst_ports = \(rs.n_dst_ports)u,
                .src_port_other = \(rs.src_port_other)u,
                .dst_port_other = \(rs.dst_port_other)u,
                .payload_rules = \(rs.payload_rules)u,
                .pattern_min = \(rs.pattern_min)u,
                .rate_rules = \(rs.rate_rules)u,
                .ac_class = ac_class,
                .ac_next = ac_next,
                .ac_out = ac_out,
                .ac_depth = ac_depth,
                .prefilter = prefilter,
                .n_ac_states = \(rs.n_ac_states)u,
                .n_ac_classes = \(rs.n_ac_classes)u,
            };

            """
        return out
    }

    /// `name = { v, v, ... };` with a fixed number of values a line.
    static func array(_ declaration: String, count: Int, perLine: Int, value: (Int) -> String) -> String {
        var out = declaration + " = {\n"
        var i = 0
        while i < count {
            let end = min(count, i + perLine)
            out += "    " + (i..<end).map(value).joined(separator: ", ") + ",\n"
            i = end
        }
        return out + "};\n\n"
    }

    /// C has no empty arrays: an empty table is one unused entry with a count of 0.
    static func ports(_ name: String, _ entries: UnsafePointer<bitactor_port_entry>, _ count: Int) -> String {
        array("static const struct bitactor_port_entry \(name)[\(max(1, count))]", count: max(1, count), perLine: 8) {
            count == 0 ? "{0, 0}" : "{\(entries[$0].port), \(entries[$0].mask)}"
        }
    }

    static func hex(_ v: UInt64, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func hex64(_ v: UInt64) -> String { "0x" + hex(v, width: 16) + "ull" }

    /// A C string literal: printable ASCII as is, everything else as octal escapes (never a
    /// trigraph, never a hex escape that swallows the next character).
    static func quote(_ s: String) -> String {
        var out = "\""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "?"): out += "\\" + String(UnicodeScalar(byte))
            case 0x20..<0x7F: out += String(UnicodeScalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + "\""
    }

    /// Text inside a /* */ comment that a strict compiler takes without a warning: no `*/` to
    /// end it early, no `/*` inside it (-Wcomment), no `??` to start a trigraph (-Wtrigraphs under
    /// -std=c11; `??/` is a backslash), no control character. Each is broken by a backslash,
    /// which inside a comment is only text.
    static func commentSafe(_ s: String) -> String {
        var out = ""
        var previous: Character = " "
        for written in s {
            let character: Character = written.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) ? "?" : written
            if (previous == "*" && character == "/") || (previous == "/" && character == "*") || (previous == "?" && character == "?") {
                out += "\\"
            }
            out.append(character)
            previous = character
        }
        return out
    }
}
