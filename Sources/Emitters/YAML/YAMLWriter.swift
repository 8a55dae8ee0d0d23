#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Ontology
import Planner

/// Renders a `Document` as YAML, deterministically: block style, two-space indents, keys in a
/// fixed order (apiVersion, kind, metadata, spec, then alphabetical), strings plain only when no
/// YAML 1.1 or 1.2 reader could take them for anything else, LF line ends, no trailing spaces.
public enum YAMLWriter {
    public static func render(_ document: Document) -> String {
        var out = ByteSink()
        write(document, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Appends the YAML of `document` to `out`. Large builds render tens of thousands of
    /// objects; bytes appended to one buffer avoid a String per line.
    public static func write(_ document: Document, into out: inout ByteSink) {
        switch document {
        case .map(let entries, _) where !entries.isEmpty:
            writeMap(entries, indent: 0, into: &out)
        case .list(let items, _) where !items.isEmpty:
            writeList(items, indent: 0, into: &out)
        default:
            writeInline(document, into: &out)
            out.append(newline)
        }
    }

    private static let newline = UInt8(ascii: "\n")

    /// The order to write a map's entries in (nil: as they stand): apiVersion, kind, metadata
    /// and spec first, as Kubernetes tools print them; then the rest alphabetically.
    static func ordering(_ entries: [(key: String, value: Document)]) -> [Int]? {
        // Emitters mostly build maps in this order already; checking costs less than sorting,
        // and nil (write in place) copies no entry.
        var index = 1
        while index < entries.count, precedes(entries[index - 1].key, rank(entries[index - 1].key), entries[index].key, rank(entries[index].key)) {
            index += 1
        }
        if index >= entries.count { return nil }
        // Each key's rank once, not once per comparison.
        let ranks = entries.map { rank($0.key) }
        return entries.indices.sorted { precedes(entries[$0].key, ranks[$0], entries[$1].key, ranks[$1]) }
    }

    private static func precedes(_ a: String, _ rankA: Int, _ b: String, _ rankB: Int) -> Bool {
        rankA != rankB ? rankA < rankB : a < b
    }

    /// A key's place: apiVersion 0, kind 1, metadata 2, spec 3, any other key 4.
    private static func rank(_ key: String) -> Int {
        // The leading keys are 4 to 10 bytes long and differ in their first byte.
        let other = 4
        let count = key.utf8.count
        guard count >= 4, count <= 10, let first = key.utf8.first else { return other }
        switch first {
        case UInt8(ascii: "a"): return key == "apiVersion" ? 0 : other
        case UInt8(ascii: "k"): return key == "kind" ? 1 : other
        case UInt8(ascii: "m"): return key == "metadata" ? 2 : other
        case UInt8(ascii: "s"): return key == "spec" ? 3 : other
        default: return other
        }
    }

    private static func writeMap(_ entries: [(key: String, value: Document)], indent: Int, into out: inout ByteSink, listItem: Bool = false) {
        let order = ordering(entries)
        for position in entries.indices {
            let index = order?[position] ?? position
            if position == 0 && listItem {
                out.appendSpaces(indent - 2)
                out.append("- ")
            } else {
                out.appendSpaces(indent)
            }
            writeKey(entries[index].key, into: &out)
            out.append(UInt8(ascii: ":"))
            writeValue(entries[index].value, indent: indent, into: &out)
        }
    }

    private static func writeList(_ items: [Document], indent: Int, into out: inout ByteSink) {
        for item in items {
            switch item {
            case .map(let entries, _) where !entries.isEmpty:
                writeMap(entries, indent: indent + 2, into: &out, listItem: true)
            case .list(let inner, _) where !inner.isEmpty:
                out.appendSpaces(indent)
                out.append("-\n")
                writeList(inner, indent: indent + 2, into: &out)
            default:
                out.appendSpaces(indent)
                out.append(UInt8(ascii: "-"))
                writeValue(item, indent: indent, into: &out)
            }
        }
    }

    /// Writes the value after a key's colon or a list dash already in `out`.
    private static func writeValue(_ value: Document, indent: Int, into out: inout ByteSink) {
        switch value {
        case .map(let entries, _) where !entries.isEmpty:
            out.append(newline)
            writeMap(entries, indent: indent + 2, into: &out)
        case .list(let items, _) where !items.isEmpty:
            out.append(newline)
            writeList(items, indent: indent + 2, into: &out)
        case .scalar(.string(let text), _) where blockLiteralFits(text):
            writeBlockLiteral(text, indent: indent + 2, into: &out)
        default:
            out.append(UInt8(ascii: " "))
            writeInline(value, into: &out)
            out.append(newline)
        }
    }

    /// ` |`, `|-` or `|+` and the text's lines, indented; the chomping indicator keeps the
    /// trailing newlines exactly.
    private static func writeBlockLiteral(_ text: String, indent: Int, into out: inout ByteSink) {
        var bytes = Array(text.utf8)
        var trailing = 0
        while bytes.last == newline { bytes.removeLast(); trailing += 1 }
        out.append(trailing >= 2 ? " |+\n" : trailing == 1 ? " |\n" : " |-\n")
        var lineStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == newline {
            if index > lineStart {
                out.appendSpaces(indent)
                out.append(bytes[lineStart..<index])
            }
            out.append(newline)
            lineStart = index + 1
        }
        if trailing >= 2 { for _ in 0..<(trailing - 1) { out.append(newline) } }
    }

    private static func writeInline(_ value: Document, into out: inout ByteSink) {
        switch value {
        case .map: out.append("{}")
        case .list: out.append("[]")
        case .scalar(let scalar, _): writeScalar(scalar, into: &out)
        }
    }

    private static func writeKey(_ key: String, into out: inout ByteSink) {
        if isPlainSafe(key) { out.append(key) } else { out.append(doubleQuoted(key)) }
    }

    private static func writeScalar(_ scalar: Document.Scalar, into out: inout ByteSink) {
        if case .string(let text) = scalar, isPlainSafe(text) {
            out.append(text)
        } else {
            out.append(scalarText(scalar))
        }
    }

    static func scalarText(_ scalar: Document.Scalar) -> String {
        switch scalar {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) + ".0" : "\(number)"
        case .string(let text): isPlainSafe(text) ? text : doubleQuoted(text)
        }
    }

    /// A multi-line string reads best as a `|` block, when nothing in it needs escaping.
    static func blockLiteralFits(_ text: String) -> Bool {
        let fits = text.withUTF8Bytes { bytes -> Bool in
            guard let first = bytes.first, first != UInt8(ascii: " "), first != newline else { return false }
            var sawNewline = false
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == newline {
                    if previous == UInt8(ascii: " ") { return false }
                    sawNewline = true
                } else if byte < 0x20 || byte == 0x7F {
                    return false   // tab, CR and other controls need escapes
                }
                previous = byte
            }
            return sawNewline && previous != UInt8(ascii: " ")
        }
        guard fits else { return false }
        return !text.unicodeScalars.contains { $0 != "\n" && needsEscape($0) }
    }

    static func isPlainSafe(_ text: String) -> Bool {
        let safe = text.withUTF8Bytes { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last else { return false }
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { return false }
            if indicators[Int(first)] || last == UInt8(ascii: ":") { return false }
            // One pass over the bytes: ": " starts a mapping and " #" a comment; no control
            // characters, no NEL (C2 85) and no byte-order mark (EF BB BF). Almost every byte is
            // none of those, which one mask test tells.
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 64 {
                    guard (Self.specialBelow64 >> UInt64(byte)) & 1 != 0 else { continue }
                    if byte < 0x20 { return false }
                    if byte == UInt8(ascii: ":"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: " ") { return false }
                    if byte == UInt8(ascii: "#"), index > 0, bytes[index - 1] == UInt8(ascii: " ") { return false }
                } else if byte == 0x7F {
                    return false
                } else if byte == 0xC2 {
                    // C1 controls, NEL among them (C2 80 ... C2 9F).
                    if index + 1 < bytes.count, bytes[index + 1] <= 0x9F { return false }
                } else if byte == 0xE2 {
                    // Line and paragraph separators (E2 80 A8, E2 80 A9): breaks to YAML 1.1.
                    if index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return false }
                } else if byte == 0xEF {
                    // The byte-order mark (EF BB BF) and the noncharacters U+FFFE, U+FFFF (EF BF BE/BF).
                    if index + 2 < bytes.count, bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF || bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return false }
                }
            }
            return true
        }
        return safe && !looksLikeAnotherType(text)
    }

    /// Bytes below 64 that need a closer look inside a plain scalar: controls, `#` and `:`.
    private static let specialBelow64: UInt64 = 0xFFFF_FFFF | (1 << 35) | (1 << 58)

    /// Characters that mean something at the start of a plain scalar.
    private static let indicators: [Bool] = (0..<256).map { "-?:,[]{}#&*!|>'\"%@`".utf8.contains(UInt8($0)) }

    /// What YAML 1.1 (many Kubernetes tools) or 1.2 would read as null, bool, number or date.
    /// Hand-written scanners: Swift regex literals are compiled on every evaluation, which made
    /// this the whole cost of a large build.
    static func looksLikeAnotherType(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        // The words are at most five bytes long (most values are longer) and start with one of
        // a few characters (most keys start with another).
        if text.utf8.count <= 5, reservedFirst[Int(first)], let packed = lowercasedASCII(text), reservedWords.contains(packed) { return true }
        // Everything else that reads as a number or date starts with a digit, a sign or a dot.
        guard isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") else { return false }
        // Scanned in place: a copy of the bytes for each was an allocation per such value.
        return text.withUTF8Bytes { b in isDecimalOrFloat(b) || isRadixInteger(b) || isSexagesimal(b) || isDatePrefix(b) }
    }

    /// A text of at most eight ASCII bytes, lowercased and packed into an integer (nil for any
    /// other): reserved words are looked up for every short key and value without making a String.
    private static func lowercasedASCII(_ text: String) -> UInt64? {
        var packed: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
            guard byte < 0x80, count < 8 else { return nil }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            packed |= UInt64(lower) << (8 * count)
            count += 1
        }
        return packed
    }

    /// Sixteen integers compared in a row cost less than hashing one key.
    private static let reservedWords: [UInt64] = reservedWordList.compactMap { lowercasedASCII($0) }

    /// What YAML 1.1 or 1.2 reads as null, a bool, a special float or a merge key, in any case.
    private static let reservedWordList = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan", "<<", "="]

    /// The first bytes of the reserved words, either case.
    private static let reservedFirst: [Bool] = (0..<256).map { byte in
        let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        return reservedWordList.contains { $0.utf8.first == UInt8(lower) }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// `[-+]? ([0-9][0-9_]*)? (\.[0-9_]*)? ([eE][-+]?[0-9]+)?` with at least one digit.
    private static func isDecimalOrFloat(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var digits = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        if i < b.count, isDigit(b[i]) {
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { if isDigit(b[i]) { digits += 1 }; i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { if isDigit(b[i]) { digits += 1 }; i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            if i == start { return false }
        }
        return i == b.count && digits > 0
    }

    /// `0x[0-9a-fA-F_]+`, `0o?[0-7_]+`, `0b[01_]+`.
    private static func isRadixInteger(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 2, b[0] == UInt8(ascii: "0") else { return false }
        let rest: Slice<UnsafeBufferPointer<UInt8>>
        let allowed: (UInt8) -> Bool
        switch b[1] {
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            rest = b[2...]
            allowed = { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) || $0 == UInt8(ascii: "_") }
        case UInt8(ascii: "o"):
            rest = b[2...]
            allowed = { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) || $0 == UInt8(ascii: "_") }
        case UInt8(ascii: "b"):
            rest = b[2...]
            allowed = { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "_") }
        default:
            rest = b[1...]
            allowed = { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) || $0 == UInt8(ascii: "_") }
        }
        return !rest.isEmpty && rest.allSatisfy(allowed)
    }

    /// YAML 1.1 base 60: `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?`.
    private static func isSexagesimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]), i - start < 2 { i += 1 }
            guard i > start, i - start == 1 || b[start] <= UInt8(ascii: "5") else { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == b.count
    }

    /// A YAML 1.1 timestamp starts `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`.
    private static func isDatePrefix(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 8, b[0..<4].allSatisfy(isDigit), b[4] == UInt8(ascii: "-") else { return false }
        var i = 5
        let monthStart = i
        while i < b.count, isDigit(b[i]), i - monthStart < 2 { i += 1 }
        guard i > monthStart, i < b.count, b[i] == UInt8(ascii: "-") else { return false }
        i += 1
        return i < b.count && isDigit(b[i])
    }

    /// What YAML's printable set leaves out (controls, DEL, C1, U+FFFE, U+FFFF), the
    /// byte-order mark, and the line and paragraph separators (line breaks to YAML 1.1 readers):
    /// written as escapes in a double-quoted scalar.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// Whether YAML this writer rendered may hold DEL, a C1 control other than NEL, U+FFFE or
    /// U+FFFF: each is written only as its escape (`\u007F`, `\u0080`…`\u009F` but `\u0085`,
    /// `\uFFFE`, `\uFFFF`), so text without such an escape holds none. Text that only looks like one (a
    /// value with a backslash in it) answers true as well; the caller then searches the values.
    static func mayHoldUnwritable(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count >= 6 else { return false }
            // Backslashes are rare in the output: from one to the next, by memchr (a build's
            // output is tens of megabytes).
            var index = 0
            let end = buffer.count - 5
            while index < end {
                guard let hit = memchr(base + index, Int32(UInt8(ascii: "\\")), end - index) else { return false }
                let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if buffer[found + 1] == UInt8(ascii: "u") {
                    let (a, b, c, d) = (buffer[found + 2], buffer[found + 3], buffer[found + 4], buffer[found + 5])
                    if a == UInt8(ascii: "0"), b == UInt8(ascii: "0"), c == UInt8(ascii: "7") && d == UInt8(ascii: "F") || c == UInt8(ascii: "8") && d != UInt8(ascii: "5") || c == UInt8(ascii: "9") {
                        return true
                    }
                    if a == UInt8(ascii: "F"), b == UInt8(ascii: "F"), c == UInt8(ascii: "F"), d == UInt8(ascii: "E") || d == UInt8(ascii: "F") { return true }
                }
                index = found + 1
            }
            return false
        }
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
                if needsEscape(scalar) {
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
