/// YAML documents as plain trees, for readers outside the spec front end (the plan compares
/// emitted Kubernetes objects field by field). Same libyaml reader, same refusals (anchors,
/// aliases, merge keys, excessive depth); positions are dropped.
public indirect enum YAMLValue: Sendable, Equatable {
    case scalar(String)
    case mapping([YAMLEntry])
    case sequence([YAMLValue])

    /// The value at a key of a mapping.
    public subscript(key: String) -> YAMLValue? {
        if case .mapping(let entries) = self { return entries.first { $0.key == key }?.value }
        return nil
    }

    public var scalarText: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }
}

public struct YAMLEntry: Sendable, Equatable {
    public var key: String
    public var value: YAMLValue
}

public enum YAMLDocuments {
    /// Every document of a YAML stream; a located error when the bytes are not YAML ttlc reads.
    public static func read(_ bytes: [UInt8], path: String) -> Result<[YAMLValue], Diagnostic> {
        YAMLEventReader(file: SourceFile(path: path, bytes: bytes)).documents().map { $0.map(plain) }
    }

    private static func plain(_ node: YAMLNode) -> YAMLValue {
        switch node {
        case .scalar(let text, _, _, _): .scalar(text)
        case .sequence(let items, _): .sequence(items.map(plain))
        case .mapping(let entries, _):
            .mapping(entries.map { entry in
                let key: String = if case .scalar(let text, _, _, _) = entry.key { text } else { "?" }
                return YAMLEntry(key: key, value: plain(entry.value))
            })
        }
    }
}
