import CYAML

/// Turns a YAML stream into document trees through libyaml's event parser.
///
/// Anchors, aliases and merge keys are refused at the first one with a located error: the spec
/// mapping has no use for them, and refusing them keeps memory bounded on hostile input (a
/// "billion laughs" document stops at its first anchor).
struct YAMLEventReader {
    /// Deeper than any spec needs; stops pathological nesting early.
    static let maxDepth = 64

    let file: SourceFile

    func documents() -> Result<[YAMLNode], Diagnostic> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(Diagnostic(.yamlSyntax, "libyaml could not start", at: nil))
        }
        defer { yaml_parser_delete(&parser) }
        return file.bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return readStream(&parser)
        }
    }

    /// A mapping or sequence still being read. A class, so that a child is appended to its
    /// parent in place: with enum payloads each append copied the whole list so far out of
    /// the stack and back (quadratic in a list's length: 8,000 items took 0.9 s).
    private final class Open {
        let offset: Int
        let isMapping: Bool
        var entries: [(key: YAMLNode, value: YAMLNode)] = []
        var items: [YAMLNode] = []
        var pendingKey: YAMLNode?

        init(offset: Int, isMapping: Bool) {
            self.offset = offset
            self.isMapping = isMapping
        }
    }

    private func readStream(_ parser: inout yaml_parser_t) -> Result<[YAMLNode], Diagnostic> {
        var documents: [YAMLNode] = []
        var stack: [Open] = []
        var event = yaml_event_t()
        // A mark is placed by its scalar index, not its line and column: libyaml also breaks
        // lines at a lone CR, NEL, LS and PS, which the file's line table does not (every
        // location after one was shifted). Events come in file order: each is found by walking
        // on from the one before (from a line's start, a long flow list was quadratic).
        var last = (index: 0, offset: 0)
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(syntaxError(parser))
            }
            defer { yaml_event_delete(&event) }
            let offset = file.offset(ofScalar: Int(event.start_mark.index), after: last)
            last = (Int(event.start_mark.index), offset)
            var finished: YAMLNode?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(documents)
            case YAML_ALIAS_EVENT:
                return .failure(refuse("an alias (*name)", at: offset))
            case YAML_SCALAR_EVENT:
                if event.data.scalar.anchor != nil { return .failure(refuse("an anchor (&name)", at: offset)) }
                let value = String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length), as: UTF8.self)
                let tag = event.data.scalar.tag.map { String(cString: $0) }
                let style: YAMLNode.ScalarStyle = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? .plain : .quoted
                finished = .scalar(value, style: style, tag: tag, offset: offset)
            case YAML_MAPPING_START_EVENT:
                if event.data.mapping_start.anchor != nil { return .failure(refuse("an anchor (&name)", at: offset)) }
                // A tag on a mapping or a sequence was dropped, as if it were not there.
                if let tag = event.data.mapping_start.tag { return .failure(unsupportedTag(String(cString: tag), at: offset)) }
                guard stack.count < Self.maxDepth else { return .failure(tooDeep(offset)) }
                stack.append(Open(offset: offset, isMapping: true))
            case YAML_SEQUENCE_START_EVENT:
                if event.data.sequence_start.anchor != nil { return .failure(refuse("an anchor (&name)", at: offset)) }
                if let tag = event.data.sequence_start.tag { return .failure(unsupportedTag(String(cString: tag), at: offset)) }
                guard stack.count < Self.maxDepth else { return .failure(tooDeep(offset)) }
                stack.append(Open(offset: offset, isMapping: false))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                let open = stack.removeLast()
                finished = open.isMapping ? .mapping(open.entries, offset: open.offset) : .sequence(open.items, offset: open.offset)
            default:
                break  // stream, document start/end: structure only
            }
            guard let node = finished else { continue }
            guard let top = stack.last else {
                documents.append(node)
                continue
            }
            if !top.isMapping {
                top.items.append(node)
            } else if let key = top.pendingKey {
                if case .scalar("<<", .plain, _, let keyOffset) = key {
                    return .failure(refuse("a merge key (<<)", at: keyOffset))
                }
                top.entries.append((key, node))
                top.pendingKey = nil
            } else {
                top.pendingKey = node
            }
        }
    }

    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        // A reader error (a control character, invalid UTF-8) has no mark, only the byte
        // offset into the input (it was reported at 1:1).
        let offset =
            parser.error == YAML_READER_ERROR ? min(Int(parser.problem_offset), file.bytes.count) : file.offset(ofScalar: Int(parser.problem_mark.index))
        var notes: [Note] = []
        if let context = parser.context {
            notes.append(Note(String(cString: context), at: file.location(at: file.offset(ofScalar: Int(parser.context_mark.index)))))
        }
        return Diagnostic(.yamlSyntax, problem, at: file.location(at: offset), notes: notes)
    }

    private func refuse(_ what: String, at offset: Int) -> Diagnostic {
        Diagnostic(
            .yamlAlias, "\(what) is not supported in spec files", at: file.location(at: offset),
            notes: [Note("write the value out in full; anchors, aliases and merge keys are refused")])
    }

    private func unsupportedTag(_ tag: String, at offset: Int) -> Diagnostic {
        Diagnostic(.yamlMapping, "YAML tag \(YAMLNode.shown(tag: tag)) is not supported on a mapping or a sequence", at: file.location(at: offset))
    }

    private func tooDeep(_ offset: Int) -> Diagnostic {
        Diagnostic(.yamlMapping, "nesting deeper than \(Self.maxDepth) levels", at: file.location(at: offset))
    }
}
