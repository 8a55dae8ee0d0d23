/// Reads a YAML spec into the same located graph as Turtle (DESIGN.md "The spec").
///
/// The mapping is mechanical, so that a YAML file and its Turtle twin give isomorphic graphs:
/// the first document declares `prefix`; every later document is one object whose `kind` is its
/// class and whose `name` mints its IRI; keys are property local names; nested mappings are blank
/// nodes; sequences are repeated values; plain scalars follow the YAML 1.2 core schema and must
/// fit the property's range in the vocabulary; a plain name where the range is a class refers to
/// that object (or, for enumerations, to the vocabulary's individual).
public enum YAMLReader {
    public static func read(_ file: SourceFile, vocabulary: Vocabulary, into graph: inout Graph) -> Diagnostic? {
        if let problem = InputChecks.check(file) { return problem }
        let documents: [YAMLNode]
        switch YAMLEventReader(file: file).documents() {
        case .success(let read): documents = read
        case .failure(let problem): return problem
        }
        var mapper = YAMLMapper(file: file, vocabulary: vocabulary, graph: graph)
        if let problem = mapper.map(documents) { return problem }
        graph = mapper.graph
        return nil
    }
}

/// Maps document trees to triples; kept apart from event reading so each has one job.
struct YAMLMapper {
    let file: SourceFile
    let vocabulary: Vocabulary
    var graph: Graph
    private let fileIndex: UInt32
    private var prefix = ""
    private var blankCounter = 0

    init(file: SourceFile, vocabulary: Vocabulary, graph: Graph) {
        self.file = file
        self.vocabulary = vocabulary
        self.graph = graph
        self.fileIndex = self.graph.addFile(file)
    }

    mutating func map(_ documents: [YAMLNode]) -> Diagnostic? {
        guard let header = documents.first else { return nil }
        if let problem = readPrefix(header) { return problem }
        for document in documents.dropFirst() {
            if let problem = mapObject(document) { return problem }
        }
        return nil
    }

    // MARK: Documents

    private mutating func readPrefix(_ header: YAMLNode) -> Diagnostic? {
        guard case .mapping(let entries, _) = header,
            let entry = entries.first(where: { Self.keyText($0.key) == "prefix" })
        else {
            return error(.yamlMapping, "the first document must declare the file's `prefix` (the IRI base for names)", header.offset)
        }
        // A second `prefix` was ignored, the first one winning.
        if let duplicate = duplicateKey(entries) { return duplicate }
        if let extra = entries.first(where: { Self.keyText($0.key) != "prefix" }) {
            return error(.yamlMapping, "the prefix document holds only `prefix`; move `\(Self.keyText(extra.key) ?? "?")` into an object's document", extra.key.offset)
        }
        guard case .scalar(let iri, _, _, let offset) = entry.value else {
            return error(.yamlScalarKind, "`prefix` must be an IRI, found \(entry.value.kindName)", entry.value.offset)
        }
        // No control characters either (C0, DEL, C1: none is in an IRI; NULs reached the output).
        guard Array(iri.utf8).withUnsafeBytes({ IRIResolution.hasScheme($0) }), !iri.contains(where: { " <>\"{}|^`\\".contains($0) }),
            !iri.unicodeScalars.contains(where: TermNames.isControl)
        else {
            return error(.yamlMapping, "`prefix` must be an absolute IRI such as https://example.org/aegis#, found '\(TermNames.visible(iri))'", offset)
        }
        prefix = iri
        return nil
    }

    private mutating func mapObject(_ document: YAMLNode) -> Diagnostic? {
        guard case .mapping(let entries, let offset) = document else {
            return error(.yamlMapping, "each document after the first is one object (a mapping with `kind` and `name`), found \(document.kindName)", document.offset)
        }
        if let duplicate = duplicateKey(entries) { return duplicate }
        guard let nameEntry = entries.first(where: { Self.keyText($0.key) == "name" }) else {
            return error(.yamlMapping, "object has no `name`", offset)
        }
        guard entries.contains(where: { Self.keyText($0.key) == "kind" }) else {
            return error(.yamlMapping, "object has no `kind` (its class, such as Service)", offset)
        }
        guard case .scalar(let name, _, _, let nameOffset) = nameEntry.value else {
            return error(.yamlScalarKind, "`name` must be a scalar, found \(nameEntry.value.kindName)", nameEntry.value.offset)
        }
        guard Self.isValidName(name) else {
            return error(.yamlMapping, "'\(TermNames.visible(name))' is not a usable name: use letters, digits, '-', '_' and '.'", nameOffset)
        }
        // A name is referred to by a plain scalar: one YAML reads as null, a boolean or a
        // number with a point could be defined but never referred to.
        switch CoreSchema.resolve(name) {
        case .string, .integer: break
        case let other:
            return error(.yamlMapping, "'\(name)' cannot be a name: written plain to refer to it, YAML reads it as \(Self.describe(other))", nameOffset)
        }
        let subject = graph.terms.intern(.iri, prefix + name)
        for entry in entries where Self.keyText(entry.key) != "name" {
            if let problem = mapEntry(subject: subject, subjectOffset: nameOffset, entry.key, entry.value) { return problem }
        }
        return nil
    }

    // MARK: Properties

    private mutating func mapEntry(subject: TermID, subjectOffset: Int, _ key: YAMLNode, _ value: YAMLNode) -> Diagnostic? {
        if case .scalar(_, _, let tag?, let offset) = key {
            return error(.yamlMapping, "YAML tag \(YAMLNode.shown(tag: tag)) is not supported on a key", offset)
        }
        guard let local = Self.keyText(key), Self.isValidPropertyName(local) else {
            return error(.yamlMapping, "a key must be a property name (letters and digits, starting with a letter)", key.offset)
        }
        if local == "kind" {
            guard case .scalar(let kind, .plain, nil, let offset) = value, Self.isValidPropertyName(kind) else {
                let quoted = if case .scalar(_, .quoted, _, _) = value { true } else { false }
                return error(.yamlScalarKind, "`kind` must be a class name such as Service", value.offset, note: quoted ? "write it plain (unquoted): kind: Service" : nil)
            }
            let object = graph.terms.intern(.iri, NS.tc + kind)
            add(subject, subjectOffset, graph.terms.intern(.iri, NS.rdfType), key.offset, object, offset)
            return nil
        }
        let predicate = graph.terms.intern(.iri, NS.tc + local)
        let values: [YAMLNode]
        if case .sequence(let items, _) = value { values = items } else { values = [value] }
        for item in values {
            let object: TermID
            switch item {
            case .sequence:
                return error(.yamlMapping, "a sequence inside a sequence has no meaning in a spec; list the values once", item.offset)
            case .mapping(let entries, _):
                if case .datatype(let datatype)? = vocabulary.range(ofProperty: local) {
                    return error(.yamlScalarKind, "`\(local)` takes \(Self.describe(datatype)), found a mapping", item.offset)
                }
                if let duplicate = duplicateKey(entries) { return duplicate }
                blankCounter += 1
                object = graph.terms.intern(.blank, "y\(blankCounter)", scope: fileIndex)
                add(subject, subjectOffset, predicate, key.offset, object, item.offset)
                for entry in entries {
                    if let problem = mapEntry(subject: object, subjectOffset: item.offset, entry.key, entry.value) { return problem }
                }
                continue
            case .scalar(let text, let style, let tag, let offset):
                switch scalarTerm(text, style: style, tag: tag, property: local, offset: offset) {
                case .success(let term): object = term
                case .failure(let problem): return problem
                }
            }
            add(subject, subjectOffset, predicate, key.offset, object, item.offset)
        }
        return nil
    }

    private mutating func scalarTerm(_ text: String, style: YAMLNode.ScalarStyle, tag: String?, property: String, offset: Int) -> Result<TermID, Diagnostic> {
        let isString = style == .quoted || tag == "tag:yaml.org,2002:str" || tag == "!"
        if let tag, !isString {
            return .failure(error(.yamlMapping, "YAML tag \(YAMLNode.shown(tag: tag)) is not supported; quote a string instead", offset))
        }
        let value: CoreSchema.Value = isString ? .string(text) : CoreSchema.resolve(text)
        if value == .null {
            return .failure(error(.yamlScalarKind, "`\(property)` has no value (null)", offset))
        }
        let range = vocabulary.range(ofProperty: property)
        switch range {
        case .reference(let classIRI)?, .vocabularyTerm(let classIRI)?:
            // A name is plain and untagged: `!!str edge` is a string, as "edge" is. A plain name
            // of digits (`namespace: 123`) reads as an integer: the text is the name.
            let plainName: String? =
                switch value {
                case .string(let text): text
                case .integer: text
                default: nil
                }
            guard let name = plainName, style == .plain, tag == nil else {
                let found = style == .quoted ? "a quoted string" : tag.map { "a string tagged \(YAMLNode.shown(tag: $0))" } ?? Self.describe(value)
                return .failure(error(.yamlScalarKind, "`\(property)` takes a \(Self.localName(classIRI)), found \(found)", offset,
                    note: style == .quoted || tag != nil ? "write the name plain (unquoted, untagged) to refer to an object" : nil))
            }
            guard Self.isValidName(name) else {
                return .failure(error(.yamlMapping, "'\(TermNames.visible(name))' is not a usable name", offset))
            }
            if case .vocabularyTerm = range { return .success(graph.terms.intern(.iri, NS.tc + name)) }
            return .success(graph.terms.intern(.iri, prefix + name))
        case .datatype(let datatype)?:
            guard Self.fits(value, datatype) else {
                return .failure(error(.yamlScalarKind, "`\(property)` takes \(Self.describe(datatype)), found \(Self.describe(value)) '\(text)'", offset,
                    note: Self.fixHint(value, datatype, text)))
            }
            return .success(literal(value))
        case nil:
            return .success(literal(value))
        }
    }

    private mutating func literal(_ value: CoreSchema.Value) -> TermID {
        switch value {
        case .string(let text):
            return graph.terms.intern(.literal, text)
        case .null:
            return graph.terms.intern(.literal, "")
        case .bool(let flag):
            return graph.terms.intern(.literal(flag ? "true" : "false", datatype: NS.xsdBoolean))
        case .integer(let text):
            return graph.terms.intern(.literal(text, datatype: NS.xsdInteger))
        case .decimal(let text):
            return graph.terms.intern(.literal(text, datatype: NS.xsdDecimal))
        case .double(let text):
            return graph.terms.intern(.literal(text, datatype: NS.xsdDouble))
        }
    }

    private mutating func add(_ s: TermID, _ so: Int, _ p: TermID, _ po: Int, _ o: TermID, _ oo: Int) {
        graph.add(Triple(subject: s, predicate: p, object: o, file: fileIndex, subjectOffset: UInt32(so), predicateOffset: UInt32(po), objectOffset: UInt32(oo)))
    }

    // MARK: Helpers

    private func duplicateKey(_ entries: [(key: YAMLNode, value: YAMLNode)]) -> Diagnostic? {
        var seen: [String: Int] = [:]
        for entry in entries {
            guard let text = Self.keyText(entry.key) else { continue }
            if let first = seen[text] {
                return Diagnostic(
                    .yamlMapping, "duplicate key `\(text)`; list repeated values as a sequence", at: file.location(at: entry.key.offset),
                    notes: [Note("first given here", at: file.location(at: first))])
            }
            seen[text] = entry.key.offset
        }
        return nil
    }

    private func error(_ id: MessageID, _ message: String, _ offset: Int, note: String? = nil) -> Diagnostic {
        Diagnostic(id, message, at: file.location(at: offset), notes: note.map { [Note($0)] } ?? [])
    }

    private static func keyText(_ node: YAMLNode) -> String? {
        if case .scalar(let text, _, _, _) = node { return text }
        return nil
    }

    private static func isValidPropertyName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    static func isValidName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".")
        } && !text.hasSuffix(".")
    }

    private static func localName(_ iri: String) -> String {
        iri.hasPrefix(NS.tc) ? String(iri.dropFirst(NS.tc.count)) : iri
    }

    private static let integerTypes: Set<String> = [
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
        "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
    ].reduce(into: []) { $0.insert(NS.xsd + $1) }

    private static func fits(_ value: CoreSchema.Value, _ datatype: String) -> Bool {
        switch value {
        // An integer is not a decimal literal in RDF (sh:datatype compares the datatype IRI),
        // so `1` where a decimal belongs is refused with a hint to write `1.0`.
        case .integer: integerTypes.contains(datatype)
        // Each as RDF types it: 1e0 is an xsd:double, refused where a decimal belongs (it was let
        // through, and the shapes said "must be a number, found the number 1e0").
        case .decimal: datatype == NS.xsdDecimal
        case .double: datatype == NS.xsdDouble || datatype == NS.xsd + "float"
        case .bool: datatype == NS.xsdBoolean
        case .string: !(integerTypes.contains(datatype) || datatype == NS.xsdBoolean || datatype == NS.xsdDecimal || datatype == NS.xsdDouble)
        case .null: false
        }
    }

    private static func describe(_ datatype: String) -> String {
        if integerTypes.contains(datatype) { return "an integer" }
        switch datatype {
        case NS.xsdBoolean: return "a boolean"
        case NS.xsdDecimal: return "a decimal number"
        case NS.xsdDouble: return "a floating-point number"
        default: return "a string"
        }
    }

    private static func describe(_ value: CoreSchema.Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .decimal: "a decimal number"
        case .double: "a floating-point number"
        case .string: "a string"
        }
    }

    private static func fixHint(_ value: CoreSchema.Value, _ datatype: String, _ text: String) -> String? {
        if case .integer = value, datatype == NS.xsdDecimal || datatype == NS.xsdDouble { return "write it with a decimal point: \(text).0" }
        if case .double(let lexical) = value, datatype == NS.xsdDecimal {
            return ["INF", "-INF", "NaN"].contains(lexical) ? "a decimal number is finite" : "write it with digits and a point, without an exponent"
        }
        if case .string = value { return nil }
        if describe(datatype) == "a string" { return "quote it to make it a string: \"\(text)\"" }
        return nil
    }
}
