import Foundation

/// A SHACL path (SHACL §2.3.1): a predicate, an inverse path, or a sequence of paths.
public indirect enum ShapePath: Hashable, Sendable, CustomStringConvertible {
    case predicate(String)
    case inverse(ShapePath)
    case sequence([ShapePath])

    public var description: String {
        switch self {
        case .predicate(let iri): TermNames.compact(iri)
        case .inverse(let path): "^" + path.description
        case .sequence(let paths): paths.map(\.description).joined(separator: "/")
        }
    }

    /// The predicate when the path is a single IRI (what `sh:closed` counts).
    var predicateIRI: String? {
        if case .predicate(let iri) = self { return iri }
        return nil
    }
}

public enum NodeKind: String, Sendable {
    case iri = "IRI"
    case blankNode = "BlankNode"
    case literal = "Literal"
    case blankNodeOrIRI = "BlankNodeOrIRI"
    case blankNodeOrLiteral = "BlankNodeOrLiteral"
    case iriOrLiteral = "IRIOrLiteral"
}

/// The SHACL Core constraint components ttlc supports (SHACL §4).
public enum Constraint: @unchecked Sendable {
    case datatype(String)
    case shClass(String)
    case nodeKind(NodeKind)
    case minCount(Int)
    case maxCount(Int)
    case pattern(String, NSRegularExpression)
    case oneOf([Term])
    /// The bound as written: compared with each value exactly (`LiteralForms.compare`).
    case minInclusive(String)
    case maxInclusive(String)
    case minLength(Int)
    case maxLength(Int)
    case hasValue(Term)
    /// Each value must conform to another node shape.
    case node(Term)
}

extension Constraint: Equatable {
    /// Two expressions compiled from one text are the same constraint.
    public static func == (a: Constraint, b: Constraint) -> Bool {
        switch (a, b) {
        case (.datatype(let x), .datatype(let y)), (.shClass(let x), .shClass(let y)),
            (.minInclusive(let x), .minInclusive(let y)), (.maxInclusive(let x), .maxInclusive(let y)),
            (.pattern(let x, _), .pattern(let y, _)):
            x == y
        case (.minCount(let x), .minCount(let y)), (.maxCount(let x), .maxCount(let y)),
            (.minLength(let x), .minLength(let y)), (.maxLength(let x), .maxLength(let y)):
            x == y
        case (.hasValue(let x), .hasValue(let y)), (.node(let x), .node(let y)): x == y
        case (.nodeKind(let x), .nodeKind(let y)): x == y
        case (.oneOf(let x), .oneOf(let y)): x == y
        default: false
        }
    }
}

public struct PropertyShape: Sendable, Equatable {
    public var path: ShapePath
    public var constraints: [Constraint]
    /// `sh:message`, `sh:name` or `sh:description`: what the value should be, in words.
    public var message: String?
}

public struct NodeShape: Sendable, Equatable {
    public var id: Term
    public var targetClasses: [String]
    public var closed: Bool
    public var ignoredProperties: Set<String>
    public var properties: [PropertyShape]

    /// The predicates a closed shape allows.
    var allowedPredicates: Set<String> {
        ignoredProperties.union(properties.compactMap(\.path.predicateIRI))
    }
}

/// The expressions of a shape set's sh:pattern constraints, each distinct text compiled once:
/// shapes repeat a few patterns (27 distinct in 64 uses in the built-in set), and the
/// validator's memo of outcomes, keyed by the expression, then serves every shape that shares it.
struct Patterns {
    private var expressions: [String: NSRegularExpression] = [:]

    mutating func compiled(_ text: String) throws -> NSRegularExpression {
        if let known = expressions[text] { return known }
        let regex = try NSRegularExpression(pattern: text)
        expressions[text] = regex
        return regex
    }
}

/// The shapes graph, read once into values the validator walks.
public struct ShapeSet: Sendable, Equatable {
    public private(set) var shapes: [Term: NodeShape] = [:]
    /// Shapes with targets, in the order they were written (stable diagnostics).
    public private(set) var targeted: [NodeShape] = []

    public init() {}

    /// The classes some shape targets: what a spec defines objects of (the rest are parts of
    /// those, or enumerations).
    public var objectClasses: Set<String> { Set(targeted.flatMap(\.targetClasses)) }

    /// The shapes shipped with ttlc (`Resources/shapes.ttl`), from `ShippedShapes.swift`: the
    /// same shapes, made at build time (reading the Turtle file was some 18 million instructions
    /// of every check; `ShippedSnapshotTests` holds the two equal). Each distinct pattern is
    /// compiled once.
    public static func builtIn() -> Result<ShapeSet, Diagnostic> {
        var patterns = Patterns()
        do {
            let ordered = try shipped { text in .pattern(text, try patterns.compiled(text)) }
            return .success(ShapeSet(ordered: ordered))
        } catch {
            return .failure(Diagnostic(.shapesUnsupported, "a built-in sh:pattern does not compile: \(error)", at: nil))
        }
    }

    /// `Resources/shapes.ttl` read as any shapes graph is: what `ShippedShapes.swift` is made from.
    static func readShipped() -> Result<[NodeShape], Diagnostic> {
        guard let text = Vocabulary.resourceText("shapes", "ttl") else {
            return .failure(Diagnostic(.shapesUnsupported, "the built-in shapes (shapes.ttl) are missing from this build", at: nil))
        }
        var graph = Graph()
        if let problem = TurtleReader.read(SourceFile(path: "shapes.ttl", bytes: Array(text.utf8)), base: NS.tc, into: &graph) {
            return .failure(problem)
        }
        return nodeShapes(graph)
    }

    /// The shapes in the order they were read; those with targets also in `targeted`.
    init(ordered: [NodeShape]) {
        for shape in ordered {
            shapes[shape.id] = shape
            if !shape.targetClasses.isEmpty { targeted.append(shape) }
        }
    }

    static let sh = "http://www.w3.org/ns/shacl#"

    /// Reads every sh:NodeShape. A SHACL feature ttlc does not implement is an error, never
    /// silently ignored: the verdict must match any SHACL processor's.
    public static func load(_ graph: Graph) -> Result<ShapeSet, Diagnostic> {
        nodeShapes(graph).map(ShapeSet.init(ordered:))
    }

    /// Every sh:NodeShape of `graph` (and every shape sh:node names), in the order written.
    static func nodeShapes(_ graph: Graph) -> Result<[NodeShape], Diagnostic> {
        let index = GraphIndex(graph)
        let store = graph.terms
        func iri(_ local: String) -> TermID? { store.lookup(.iri(sh + local)) }
        guard let nodeShapeClass = iri("NodeShape") else { return .success([]) }

        var order: [TermID] = []
        for (subject, triples) in index.typeTriples.nonEmpty.sorted(by: { $0.triples[0] < $1.triples[0] })
        where triples.contains(where: { graph.triples[$0].object == nodeShapeClass }) {
            order.append(subject)
        }
        // Shapes reached through sh:node need not be typed sh:NodeShape.
        if let nodePredicate = iri("node") {
            for triple in graph.triples where triple.predicate == nodePredicate && !order.contains(triple.object) {
                order.append(triple.object)
            }
        }
        var patterns = Patterns()
        var shapes: [NodeShape] = []
        for shapeID in order {
            switch readNodeShape(shapeID, index, patterns: &patterns) {
            case .success(let shape): shapes.append(shape)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(shapes)
    }

    private static let supportedOnPropertyShape: Set<String> = [
        "path", "datatype", "class", "nodeKind", "minCount", "maxCount", "pattern", "in", "minInclusive",
        "maxInclusive", "minLength", "maxLength", "hasValue", "node", "name", "description", "message", "order", "group",
    ].reduce(into: []) { $0.insert(sh + $1) }

    private static let supportedOnNodeShape: Set<String> = [
        "targetClass", "property", "closed", "ignoredProperties", "name", "description", "message",
    ].reduce(into: []) { $0.insert(sh + $1) }

    private static func readNodeShape(
        _ id: TermID, _ index: GraphIndex, patterns: inout Patterns
    ) -> Result<NodeShape, Diagnostic> {
        let graph = index.graph
        var shape = NodeShape(id: graph.terms.term(id), targetClasses: [], closed: false, ignoredProperties: [], properties: [])
        for tripleIndex in index.bySubject[id] {
            let triple = graph.triples[tripleIndex]
            let predicate = graph.terms.text(triple.predicate)
            let object = triple.object
            if triple.predicate == index.rdfType || predicate.hasPrefix(NS.rdfs) { continue }
            guard supportedOnNodeShape.contains(predicate) else {
                return .failure(unsupported(predicate, graph.location(of: triple, .predicate)))
            }
            switch String(predicate.dropFirst(sh.count)) {
            case "targetClass": shape.targetClasses.append(graph.terms.text(object))
            case "closed": shape.closed = graph.terms.text(object) == "true"
            case "ignoredProperties":
                shape.ignoredProperties = Set((index.list(object) ?? []).map { graph.terms.text($0) })
            case "property":
                switch readPropertyShape(object, index, patterns: &patterns) {
                case .success(let property): shape.properties.append(property)
                case .failure(let problem): return .failure(problem)
                }
            default: break
            }
        }
        return .success(shape)
    }

    private static func readPropertyShape(
        _ id: TermID, _ index: GraphIndex, patterns: inout Patterns
    ) -> Result<PropertyShape, Diagnostic> {
        let graph = index.graph
        var path: ShapePath?
        var constraints: [Constraint] = []
        var message: String?
        var names: [String] = []
        for tripleIndex in index.bySubject[id] {
            let triple = graph.triples[tripleIndex]
            let predicate = graph.terms.text(triple.predicate)
            let object = triple.object
            let location = graph.location(of: triple, .object)
            if triple.predicate == index.rdfType || predicate.hasPrefix(NS.rdfs) { continue }
            guard supportedOnPropertyShape.contains(predicate) else {
                return .failure(unsupported(predicate, graph.location(of: triple, .predicate)))
            }
            let text = graph.terms.text(object)
            switch String(predicate.dropFirst(sh.count)) {
            case "path":
                guard let read = readPath(object, index) else {
                    return .failure(Diagnostic(.shapesUnsupported, "unsupported sh:path", at: location))
                }
                path = read
            case "datatype": constraints.append(.datatype(text))
            case "class": constraints.append(.shClass(text))
            case "nodeKind":
                guard let kind = NodeKind(rawValue: String(text.dropFirst(sh.count))) else {
                    return .failure(Diagnostic(.shapesUnsupported, "unknown sh:nodeKind \(text)", at: location))
                }
                constraints.append(.nodeKind(kind))
            case "minCount", "maxCount", "minLength", "maxLength":
                guard let n = Int(text) else { return .failure(Diagnostic(.shapesUnsupported, "\(predicate) needs an integer", at: location)) }
                let local = String(predicate.dropFirst(sh.count))
                constraints.append(
                    local == "minCount" ? .minCount(n) : local == "maxCount" ? .maxCount(n) : local == "minLength" ? .minLength(n) : .maxLength(n))
            case "minInclusive", "maxInclusive":
                guard Double(text) != nil else { return .failure(Diagnostic(.shapesUnsupported, "\(predicate) needs a number", at: location)) }
                constraints.append(predicate.hasSuffix("minInclusive") ? .minInclusive(text) : .maxInclusive(text))
            case "pattern":
                guard let regex = try? patterns.compiled(text) else {
                    return .failure(Diagnostic(.shapesUnsupported, "sh:pattern is not a valid regular expression: \(text)", at: location))
                }
                constraints.append(.pattern(text, regex))
            case "in":
                guard let members = index.list(object) else {
                    return .failure(Diagnostic(.shapesUnsupported, "sh:in needs an RDF list", at: location))
                }
                constraints.append(.oneOf(members.map { graph.terms.term($0) }))
            case "hasValue": constraints.append(.hasValue(graph.terms.term(object)))
            case "node": constraints.append(.node(graph.terms.term(object)))
            case "message": message = text
            case "name", "description": names.append(text)
            default: break
            }
        }
        guard let path else {
            return .failure(Diagnostic(.shapesUnsupported, "a property shape without sh:path", at: index.location(of: id)))
        }
        return .success(PropertyShape(path: path, constraints: constraints, message: message ?? names.last))
    }

    private static func readPath(_ node: TermID, _ index: GraphIndex) -> ShapePath? {
        let graph = index.graph
        switch graph.terms.kind(node) {
        case .iri:
            return .predicate(graph.terms.text(node))
        case .blank:
            if let inverse = graph.terms.lookup(.iri(sh + "inversePath")), let target = index.objects(node, inverse).first {
                return readPath(graph.triples[target].object, index).map { .inverse($0) }
            }
            if let members = index.list(node), members.count >= 2 {
                let paths = members.compactMap { readPath($0, index) }
                return paths.count == members.count ? .sequence(paths) : nil
            }
            return nil
        default:
            return nil
        }
    }

    private static func unsupported(_ predicate: String, _ location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .shapesUnsupported, "\(TermNames.compact(predicate)) is not supported by ttlc's SHACL Core validator", at: location,
            notes: [Note("supported: targetClass, property, path (inverse, sequence), datatype, class, nodeKind, node, minCount, maxCount, pattern, in, minInclusive, maxInclusive, minLength, maxLength, hasValue, closed")])
    }
}
