import Planner

/// Renders a `Document` as YAML, deterministically: block style, two-space indents, keys in a
/// fixed order (apiVersion, kind, metadata, spec, then alphabetical), strings plain only when no
/// YAML 1.1 or 1.2 reader could take them for anything else, LF line ends, no trailing spaces.
public enum YAMLWriter {
    public static func render(_ document: Document) -> String {
        var out = ""
        switch document {
        case .map(let entries, _) where !entries.isEmpty:
            writeMap(entries, indent: 0, into: &out)
        case .list(let items, _) where !items.isEmpty:
            writeList(items, indent: 0, into: &out)
        default:
            out = inline(document) + "\n"
        }
        return out
    }

    /// apiVersion, kind, metadata and spec first, as Kubernetes tools print them; then the rest
    /// alphabetically.
    static func ordered(_ entries: [(key: String, value: Document)]) -> [(key: String, value: Document)] {
        let leading = ["apiVersion", "kind", "metadata", "spec"]
        return entries.sorted { a, b in
            let ra = leading.firstIndex(of: a.key) ?? leading.count
            let rb = leading.firstIndex(of: b.key) ?? leading.count
            return ra != rb ? ra < rb : a.key < b.key
        }
    }

    private static func writeMap(_ entries: [(key: String, value: Document)], indent: Int, into out: inout String, firstLinePrefix: String? = nil) {
        let pad = String(repeating: " ", count: indent)
        for (index, entry) in ordered(entries).enumerated() {
            let lead = index == 0 && firstLinePrefix != nil ? firstLinePrefix! : pad
            let key = scalarText(.string(entry.key))
            writeValue(entry.value, prefix: lead + key + ":", indent: indent, into: &out)
        }
    }

    private static func writeList(_ items: [Document], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .map(let entries, _) where !entries.isEmpty:
                writeMap(entries, indent: indent + 2, into: &out, firstLinePrefix: pad + "- ")
            case .list(let inner, _) where !inner.isEmpty:
                out += pad + "-\n"
                writeList(inner, indent: indent + 2, into: &out)
            default:
                writeValue(item, prefix: pad + "-", indent: indent, into: &out)
            }
        }
    }

    /// Writes `prefix` (a key with its colon, or a list dash) and the value after it.
    private static func writeValue(_ value: Document, prefix: String, indent: Int, into out: inout String) {
        switch value {
        case .map(let entries, _) where !entries.isEmpty:
            out += prefix + "\n"
            writeMap(entries, indent: indent + 2, into: &out)
        case .list(let items, _) where !items.isEmpty:
            out += prefix + "\n"
            writeList(items, indent: indent + 2, into: &out)
        case .scalar(.string(let text), _) where blockLiteralFits(text):
            let chomp = text.hasSuffix("\n\n") ? "+" : text.hasSuffix("\n") ? "" : "-"
            out += prefix + " |" + chomp + "\n"
            let pad = String(repeating: " ", count: indent + 2)
            var body = Substring(text)
            while body.hasSuffix("\n") { body = body.dropLast() }
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                out += line.isEmpty ? "\n" : pad + line + "\n"
            }
            if chomp == "+" {
                for _ in 0..<(text.count - text.trimmingSuffixNewlines().count - 1) { out += "\n" }
            }
        default:
            out += prefix + " " + inline(value) + "\n"
        }
    }

    private static func inline(_ value: Document) -> String {
        switch value {
        case .map: "{}"
        case .list: "[]"
        case .scalar(let scalar, _): scalarText(scalar)
        }
    }

    static func scalarText(_ scalar: Document.Scalar) -> String {
        switch scalar {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(format: number) : "\(number)"
        case .string(let text): isPlainSafe(text) ? text : doubleQuoted(text)
        }
    }

    /// A multi-line string reads best as a `|` block, when nothing in it needs escaping.
    static func blockLiteralFits(_ text: String) -> Bool {
        guard text.contains("\n"), let first = text.first, first != " ", first != "\n" else { return false }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix(" ") || line.contains("\t") || line.contains("\r") { return false }
            if line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return false }
        }
        return true
    }

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if " \t".unicodeScalars.contains(last) || " \t".unicodeScalars.contains(first) { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x85 || $0.value == 0xFEFF }) { return false }
        return !looksLikeAnotherType(text)
    }

    /// What YAML 1.1 (many Kubernetes tools) or 1.2 would read as null, bool, number or date.
    static func looksLikeAnotherType(_ text: String) -> Bool {
        let lower = text.lowercased()
        if ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan", "<<", "="].contains(lower) {
            return true
        }
        if text.wholeMatch(of: /[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?([eE][-+]?[0-9]+)?/) != nil, text.contains(where: \.isNumber) { return true }
        if text.wholeMatch(of: /0[xX][0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+/) != nil { return true }
        if text.wholeMatch(of: /[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?/) != nil { return true }
        if text.prefixMatch(of: /[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/) != nil { return true }
        return false
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    init(format number: Double) {
        self = String(Int64(number)) + ".0"
    }

    func trimmingSuffixNewlines() -> String {
        var copy = Substring(self)
        while copy.hasSuffix("\n") { copy = copy.dropLast() }
        return String(copy)
    }
}
