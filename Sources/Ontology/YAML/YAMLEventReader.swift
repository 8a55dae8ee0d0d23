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

    private enum Open {
        case mapping(offset: Int, entries: [(key: YAMLNode, value: YAMLNode)], pendingKey: YAMLNode?)
        case sequence(offset: Int, items: [YAMLNode])
    }

    private func readStream(_ parser: inout yaml_parser_t) -> Result<[YAMLNode], Diagnostic> {
        var documents: [YAMLNode] = []
        var stack: [Open] = []
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(syntaxError(parser))
            }
            defer { yaml_event_delete(&event) }
            let offset = file.offset(line: Int(event.start_mark.line), scalarColumn: Int(event.start_mark.column))
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
                guard stack.count < Self.maxDepth else { return .failure(tooDeep(offset)) }
                stack.append(.mapping(offset: offset, entries: [], pendingKey: nil))
            case YAML_SEQUENCE_START_EVENT:
                if event.data.sequence_start.anchor != nil { return .failure(refuse("an anchor (&name)", at: offset)) }
                guard stack.count < Self.maxDepth else { return .failure(tooDeep(offset)) }
                stack.append(.sequence(offset: offset, items: []))
            case YAML_MAPPING_END_EVENT:
                if case .mapping(let start, let entries, _) = stack.removeLast() {
                    finished = .mapping(entries, offset: start)
                }
            case YAML_SEQUENCE_END_EVENT:
                if case .sequence(let start, let items) = stack.removeLast() {
                    finished = .sequence(items, offset: start)
                }
            default:
                break  // stream, document start/end: structure only
            }
            guard let node = finished else { continue }
            guard let top = stack.popLast() else {
                documents.append(node)
                continue
            }
            switch top {
            case .sequence(let start, var items):
                items.append(node)
                stack.append(.sequence(offset: start, items: items))
            case .mapping(let start, var entries, let pendingKey):
                if let key = pendingKey {
                    if case .scalar("<<", .plain, _, let keyOffset) = key {
                        return .failure(refuse("a merge key (<<)", at: keyOffset))
                    }
                    entries.append((key, node))
                    stack.append(.mapping(offset: start, entries: entries, pendingKey: nil))
                } else {
                    stack.append(.mapping(offset: start, entries: entries, pendingKey: node))
                }
            }
        }
    }

    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let mark = parser.problem_mark
        let offset = file.offset(line: Int(mark.line), scalarColumn: Int(mark.column))
        var notes: [Note] = []
        if let context = parser.context {
            let contextMark = parser.context_mark
            notes.append(Note(String(cString: context), at: file.location(at: file.offset(line: Int(contextMark.line), scalarColumn: Int(contextMark.column)))))
        }
        return Diagnostic(.yamlSyntax, problem, at: file.location(at: offset), notes: notes)
    }

    private func refuse(_ what: String, at offset: Int) -> Diagnostic {
        Diagnostic(
            .yamlAlias, "\(what) is not supported in spec files", at: file.location(at: offset),
            notes: [Note("write the value out in full; anchors, aliases and merge keys are refused")])
    }

    private func tooDeep(_ offset: Int) -> Diagnostic {
        Diagnostic(.yamlMapping, "nesting deeper than \(Self.maxDepth) levels", at: file.location(at: offset))
    }
}
