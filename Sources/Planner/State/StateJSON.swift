import CJansson

/// What plan and apply read from the JSON files they keep in the state (inventory, model, audit
/// log, plan files): typed accessors, and reads that convert only what is needed, because an
/// inventory or an audit record of a 10,000-file apply is read on every plan.
extension JSONValue {
    public var string: String? { if case .string(let text) = self { text } else { nil } }
    public var array: [JSONValue] { if case .array(let items) = self { items } else { [] } }
    public var strings: [String] { array.compactMap(\.string) }
    /// An object's members in order; empty for anything else.
    public var members: [(key: String, value: JSONValue)] { if case .object(let entries) = self { entries } else { [] } }

    /// Parses one JSON text; with `only`, an object keeps just those keys (the rest is never
    /// converted: an audit record's list of changes can hold ten thousand entries).
    public static func parse(_ bytes: [UInt8], only keys: Set<String>?) -> Result<JSONValue, ParseError> {
        withRoot(bytes) { root in
            guard let keys, root.pointee.type == JSON_OBJECT else { return convert(root) }
            return .object(keys.sorted().compactMap { key in json_object_get(root, key).map { (key, convert($0)) } })
        }
    }

    /// From `{"<list>": [{"<key>": "a", "<value>": "b"}, …]}`, the map a → b, read straight off
    /// libjansson's tree.
    public static func pairs(_ bytes: [UInt8], list: String, key: String, value: String) -> [String: String] {
        let result = withRoot(bytes) { root -> [String: String] in
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
        return (try? result.get()) ?? [:]
    }
}
