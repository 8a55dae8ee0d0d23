import Foundation

/// What the YAML front end needs to know about each property: what kind of value it takes.
///
/// Read from the vocabulary file shipped with the module (`Resources/ttlc.ttl`), so the mapping
/// from YAML follows the same ranges the shapes check.
public struct Vocabulary: Sendable, Equatable {
    /// What a property's value is.
    public enum Range: Hashable, Sendable {
        /// A literal of this XSD datatype.
        case datatype(String)
        /// An object of the spec, named by the file's prefix (`dependsOn: dragonfly`).
        case reference(classIRI: String)
        /// One of the vocabulary's own individuals (`expose: LoadBalancer` → tc:LoadBalancer).
        case vocabularyTerm(classIRI: String)
    }

    public private(set) var ranges: [String: Range] = [:]
    public private(set) var classes: Set<String> = []
    public private(set) var version: String?

    public init() {}

    init(ranges: [String: Range], classes: Set<String>, version: String?) {
        self.ranges = ranges
        self.classes = classes
        self.version = version
    }

    /// The range of a property given by its local name in the tc: namespace.
    public func range(ofProperty localName: String) -> Range? {
        ranges[localName]
    }

    /// Builds the lookup tables from a vocabulary graph.
    public init(graph: Graph) {
        var rangeOf: [String: String] = [:]
        var typesOf: [String: Set<String>] = [:]
        for triple in graph.triples {
            let (s, p, o) = graph.terms(of: triple)
            guard let subject = s.iri, let predicate = p.iri else { continue }
            switch predicate {
            case NS.rdfs + "range":
                if let object = o.iri { rangeOf[subject] = object }
            case NS.rdfType:
                if let object = o.iri { typesOf[subject, default: []].insert(object) }
            case NS.owl + "versionInfo":
                if case .literal(let text, _, _) = o { version = text }
            default:
                break
            }
        }
        for (subject, types) in typesOf where types.contains(NS.owl + "Class") || types.contains(NS.rdfs + "Class") {
            classes.insert(subject)
        }
        // A class whose members the vocabulary itself lists is an enumeration.
        var enumerations: Set<String> = []
        for (_, types) in typesOf {
            for type in types where type.hasPrefix(NS.tc) { enumerations.insert(type) }
        }
        for (property, range) in rangeOf where property.hasPrefix(NS.tc) {
            let local = String(property.dropFirst(NS.tc.count))
            if range.hasPrefix(NS.xsd) || range == NS.rdfs + "Literal" {
                ranges[local] = .datatype(range)
            } else if enumerations.contains(range) {
                ranges[local] = .vocabularyTerm(classIRI: range)
            } else {
                ranges[local] = .reference(classIRI: range)
            }
        }
    }

    /// The vocabulary shipped with ttlc (`Resources/ttlc.ttl`), from `ShippedVocabulary.swift`:
    /// the same tables, made at build time (reading the Turtle file was some 16 million
    /// instructions of every command that loads a spec; `ShippedSnapshotTests` holds the two
    /// equal).
    public static let builtIn: Vocabulary = shipped

    /// `Resources/ttlc.ttl` read as any vocabulary graph is: what `ShippedVocabulary.swift` is
    /// made from.
    static func readShipped() -> Vocabulary? {
        guard let text = resourceText("ttlc", "ttl") else { return nil }
        var graph = Graph()
        let file = SourceFile(path: "ttlc.ttl", bytes: Array(text.utf8))
        guard TurtleReader.read(file, base: NS.tc, into: &graph) == nil else { return nil }
        return Vocabulary(graph: graph)
    }

    /// The text of a resource of the Ontology module (vocabulary, shapes). They are compiled into
    /// the binary, not read from a bundle beside it: a ttlc copied elsewhere (installed on the
    /// PATH) read them from the build folder it was built in, and failed once that was cleaned.
    public static func resourceText(_ name: String, _ ext: String) -> String? {
        switch (name, ext) {
        case ("ttlc", "ttl"): String(decoding: PackageResources.ttlc_ttl, as: UTF8.self)
        case ("shapes", "ttl"): String(decoding: PackageResources.shapes_ttl, as: UTF8.self)
        default: nil
        }
    }
}
