/// Which front end reads a file, chosen by its extension.
public enum SpecSyntax: Sendable {
    case turtle, yaml

    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".ttl") {
            self = .turtle
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            self = .yaml
        } else {
            return nil
        }
    }
}

/// Loads spec files into one located graph.
public struct SpecLoader {
    public var vocabulary: Vocabulary
    /// Spec files must say something; `ttlc triples` (a plain RDF tool) allows empty files.
    public var allowEmpty: Bool

    public init(vocabulary: Vocabulary = .builtIn, allowEmpty: Bool = false) {
        self.vocabulary = vocabulary
        self.allowEmpty = allowEmpty
    }

    /// Reads one file into `graph`; `base` overrides the file's own IRI for Turtle.
    public func load(path: String, syntax: SpecSyntax? = nil, base: String? = nil, into graph: inout Graph) -> Diagnostic? {
        guard let syntax = syntax ?? SpecSyntax(path: path) else {
            return Diagnostic(.inputUnknownFormat, "'\(path)' is neither Turtle (.ttl) nor YAML (.yaml, .yml)", at: nil)
        }
        let file: SourceFile
        switch FileReader.read(path) {
        case .success(let read): file = read
        case .failure(let problem): return problem
        }
        let before = graph.triples.count
        let problem: Diagnostic? =
            switch syntax {
            case .turtle: TurtleReader.read(file, base: base ?? FileReader.fileIRI(path), into: &graph)
            case .yaml: YAMLReader.read(file, vocabulary: vocabulary, into: &graph)
            }
        if let problem { return problem }
        if !allowEmpty, graph.triples.count == before {
            return Diagnostic(
                .inputEmpty, "'\(path)' holds no statements", at: SourceLocation(file: path, line: 1, column: 1),
                notes: [Note("a spec file describes at least one object; delete the file if it is not needed")])
        }
        return nil
    }
}
