import CJansson

/// A JSON document read through libjansson (inventories, audit records, plan files and the
/// stored model that ttlc wrote earlier, possibly edited by hand since).
public indirect enum JSONValue: Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    /// Parses one JSON text; nil with jansson's message when it is not JSON.
    public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONError> { parse(bytes, only: nil) }

    /// Parses one JSON text; with `only`, an object keeps just those keys (the rest is never
    /// converted: an audit record's list of changes can hold ten thousand entries).
    public static func parse(_ bytes: [UInt8], only keys: Set<String>?) -> Result<JSONValue, JSONError> {
        var error = json_error_t()
        let root = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { json_loadb($0, buffer.count, 0, &error) }
            } ?? nil
        }
        guard let root else {
            let message = withUnsafeBytes(of: error.text) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            return .failure(JSONError(message: "line \(error.line), column \(error.column): \(message)"))
        }
        defer { json_decref(root) }
        guard let keys, root.pointee.type == JSON_OBJECT else { return .success(convert(root)) }
        var out: [String: JSONValue] = [:]
        for key in keys { if let value = json_object_get(root, key) { out[key] = convert(value) } }
        return .success(.object(out))
    }

    public static func parse(_ text: String) -> Result<JSONValue, JSONError> { parse(Array(text.utf8)) }

    /// From `{"<list>": [{"<key>": "a", "<value>": "b"}, …]}`, the map a → b, read straight off
    /// libjansson's tree (an inventory of 10,000 files is read on every plan).
    public static func pairs(_ bytes: [UInt8], list: String, key: String, value: String) -> [String: String] {
        var error = json_error_t()
        let root = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { json_loadb($0, buffer.count, 0, &error) }
            } ?? nil
        }
        guard let root else { return [:] }
        defer { json_decref(root) }
        guard let items = json_object_get(root, list), items.pointee.type == JSON_ARRAY else { return [:] }
        var out: [String: String] = [:]
        out.reserveCapacity(json_array_size(items))
        for index in 0..<json_array_size(items) {
            guard let item = json_array_get(items, index), let k = json_object_get(item, key), let v = json_object_get(item, value),
                let keyText = json_string_value(k), let valueText = json_string_value(v)
            else { continue }
            out[String(cString: keyText)] = String(cString: valueText)
        }
        return out
    }

    private static func convert(_ node: UnsafeMutablePointer<json_t>) -> JSONValue {
        switch node.pointee.type {
        case JSON_OBJECT:
            var out: [String: JSONValue] = [:]
            var iterator = json_object_iter(node)
            while let current = iterator {
                if let key = json_object_iter_key(current), let value = json_object_iter_value(current) {
                    out[String(cString: key)] = convert(value)
                }
                iterator = json_object_iter_next(node, current)
            }
            return .object(out)
        case JSON_ARRAY:
            return .array((0..<json_array_size(node)).compactMap { json_array_get(node, $0).map(convert) })
        case JSON_STRING:
            return .string(String(decoding: UnsafeRawBufferPointer(start: json_string_value(node), count: json_string_length(node)), as: UTF8.self))
        case JSON_INTEGER: return .number(Double(json_integer_value(node)))
        case JSON_REAL: return .number(json_real_value(node))
        case JSON_TRUE: return .bool(true)
        case JSON_FALSE: return .bool(false)
        default: return .null
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let entries) = self { return entries[key] }
        return nil
    }

    public var string: String? { if case .string(let text) = self { text } else { nil } }
    public var int: Int? { if case .number(let value) = self, let exact = Int(exactly: value) { exact } else { nil } }
    public var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }
    public var array: [JSONValue] { if case .array(let items) = self { items } else { [] } }
    public var strings: [String] { array.compactMap(\.string) }
}

public struct JSONError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
