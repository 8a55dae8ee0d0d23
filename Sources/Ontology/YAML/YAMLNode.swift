/// One YAML document as a small tree, with the byte offset where each node starts.
/// Built from libyaml's events; anchors and aliases never get this far (they are refused).
indirect enum YAMLNode {
    enum ScalarStyle { case plain, quoted }

    case scalar(String, style: ScalarStyle, tag: String?, offset: Int)
    case mapping([(key: YAMLNode, value: YAMLNode)], offset: Int)
    case sequence([YAMLNode], offset: Int)

    var offset: Int {
        switch self {
        case .scalar(_, _, _, let offset), .mapping(_, let offset), .sequence(_, let offset): offset
        }
    }

    var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        }
    }
}

extension YAMLNode {
    /// A tag as the file wrote it: `!!str` for libyaml's `tag:yaml.org,2002:str`.
    static func shown(tag: String) -> String {
        let standard = "tag:yaml.org,2002:"
        return tag.hasPrefix(standard) ? "!!" + tag.dropFirst(standard.count) : tag
    }
}
