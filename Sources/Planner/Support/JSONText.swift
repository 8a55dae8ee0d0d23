import Ontology

/// A small deterministic JSON writer for the files ttlc emits (inventory, secrets): keys in
/// the order given, two-space indents, LF, a final newline. Foundation's encoder does not
/// promise byte-stable output across versions; these files are compared byte for byte.
public indirect enum JSONText {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case int(Int)
    /// Written in the shortest form that reads back as the same Double; JSON has no NaN or
    /// infinity, so those are null.
    case number(Double)
    case bool(Bool)
    case null

    public func renderedBytes() -> [UInt8] {
        var out = ByteSink()
        write(into: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return out.bytes
    }

    public func rendered() -> String { String(decoding: renderedBytes(), as: UTF8.self) }

    /// On one line with no spaces, for JSON Lines files (the audit log).
    public func compact() -> String {
        switch self {
        case .object(let entries): "{" + entries.map { Self.quote($0.0) + ":" + $0.1.compact() }.joined(separator: ",") + "}"
        case .array(let items): "[" + items.map { $0.compact() }.joined(separator: ",") + "]"
        case .string(let text): Self.quote(text)
        case .int(let number): String(number)
        case .number(let value): value.isFinite ? "\(value)" : "null"
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }

    private func write(into out: inout ByteSink, indent: Int) {
        switch self {
        case .object(let entries):
            guard !entries.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for (index, (key, value)) in entries.enumerated() {
                out.appendSpaces(2 * (indent + 1))
                Self.quote(key, into: &out)
                out.append(": ")
                value.write(into: &out, indent: indent + 1)
                out.append(index == entries.count - 1 ? "\n" : ",\n")
            }
            out.appendSpaces(2 * indent)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            guard !items.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for (index, item) in items.enumerated() {
                out.appendSpaces(2 * (indent + 1))
                item.write(into: &out, indent: indent + 1)
                out.append(index == items.count - 1 ? "\n" : ",\n")
            }
            out.appendSpaces(2 * indent)
            out.append(UInt8(ascii: "]"))
        case .string(let text): Self.quote(text, into: &out)
        case .int(let number): out.append(decimal: number)
        case .number(let value): out.append(value.isFinite ? "\(value)" : "null")
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .null: out.append("null")
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = ByteSink()
        quote(text, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal: bytes copied as they are but for the quote, the
    /// backslash and control characters (UTF-8 passes through unchanged).
    public static func quote(_ text: String, into out: inout ByteSink) {
        out.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { bytes in
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append("\\\"")
                case UInt8(ascii: "\\"): out.append("\\\\")
                case UInt8(ascii: "\n"): out.append("\\n")
                case UInt8(ascii: "\t"): out.append("\\t")
                case UInt8(ascii: "\r"): out.append("\\r")
                default:
                    out.append("\\u00")
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
