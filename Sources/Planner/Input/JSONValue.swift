import CJansson
import Glibc
import Ontology

/// A JSON document read through libjansson, as a Swift value. Inputs ttlc reads (metrics,
/// saved plans) are small; converting once keeps jansson's reference counting in one place.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case real(Double)
    case bool(Bool)
    case null

    /// Why a text is not JSON, with the line and column jansson reports.
    public struct ParseError: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, ParseError> {
        withRoot(bytes) { convert($0) }
    }

    /// Parses with libjansson and hands the root to `body` (which may convert only a part of
    /// it); the tree is freed afterwards.
    static func withRoot<T>(_ bytes: [UInt8], _ body: (UnsafeMutablePointer<json_t>) -> T) -> Result<T, ParseError> {
        // A raw NUL is never JSON, but jansson's lexer skips one after a number or a literal.
        let nulAt = bytes.withUnsafeBytes { raw in raw.baseAddress.flatMap { memchr($0, 0, raw.count) }.map { $0 - UnsafeMutableRawPointer(mutating: raw.baseAddress!) } }
        if let nul = nulAt {
            let place = SourceFile(path: "", bytes: bytes).location(at: nul)
            return .failure(ParseError(line: place.line, column: place.column, message: "a NUL byte"))
        }
        var error = json_error_t()
        // Duplicate keys are refused: which of two values counts would otherwise be a guess.
        let flags = Int(JSON_REJECT_DUPLICATES | JSON_DECODE_ANY)
        guard let root = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: buffer.count) { json_loadb($0, buffer.count, flags, &error) }
            } ?? json_loadb("", 0, flags, &error)
        }) else {
            let message = withUnsafeBytes(of: error.text) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            return .failure(ParseError(line: Int(error.line), column: Int(error.column), message: message))
        }
        defer { json_decref(root) }
        return .success(body(root))
    }

    /// The text of a string node (nil for anything else), embedded NULs kept.
    static func text(_ node: UnsafeMutablePointer<json_t>?) -> String? {
        guard let node, node.pointee.type == JSON_STRING, let pointer = json_string_value(node) else { return nil }
        let length = json_string_length(node)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    static func convert(_ node: UnsafeMutablePointer<json_t>) -> JSONValue {
        switch node.pointee.type {
        case JSON_OBJECT:
            var entries: [(key: String, value: JSONValue)] = []
            var iterator = json_object_iter(node)
            while let current = iterator {
                let key = String(cString: json_object_iter_key(current))
                if let value = json_object_iter_value(current) { entries.append((key, convert(value))) }
                iterator = json_object_iter_next(node, current)
            }
            return .object(entries)
        case JSON_ARRAY:
            return .array((0..<json_array_size(node)).compactMap { json_array_get(node, $0).map(convert) })
        case JSON_STRING:
            return .string(text(node) ?? "")
        case JSON_INTEGER: return .integer(Int64(json_integer_value(node)))
        case JSON_REAL: return .real(json_real_value(node))
        case JSON_TRUE: return .bool(true)
        case JSON_FALSE: return .bool(false)
        default: return .null
        }
    }

    /// The value at a key of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let entries) = self { return entries.first { $0.key == key }?.value }
        return nil
    }

    /// A number, integer or real.
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    public var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer, .real: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

extension JSONValue {
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.real(let x), .real(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }
}
