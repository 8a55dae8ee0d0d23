import Foundation

/// The vocabulary graph read for documentation: classes, properties, their labels, comments,
/// ranges and the members of each enumeration, all sorted by IRI.
struct VocabularyTerms {
    private(set) var classes: [String] = []
    private(set) var properties: [String] = []
    private(set) var version: String?
    private(set) var ontologyComment: String?
    private var labels: [String: String] = [:]
    private var comments: [String: String] = [:]
    private var ranges: [String: String] = [:]
    private var membersOf: [String: [String]] = [:]

    init(_ graph: Graph) {
        var classSet: Set<String> = []
        var propertySet: Set<String> = []
        for triple in graph.triples {
            let (s, p, o) = graph.terms(of: triple)
            guard let subject = s.iri, let predicate = p.iri else { continue }
            switch (predicate, o) {
            case (NS.rdfs + "label", .literal(let text, _, _)): labels[subject] = text
            case (NS.rdfs + "comment", .literal(let text, _, _)): comments[subject] = text
            case (NS.rdfs + "range", .iri(let range)): ranges[subject] = range
            case (NS.owl + "versionInfo", .literal(let text, _, _)): version = text
            case (NS.rdfType, .iri(let type)):
                if type == NS.owl + "Class" || type == NS.rdfs + "Class" {
                    classSet.insert(subject)
                } else if type.hasSuffix("Property") && type.hasPrefix(NS.owl) || type == NS.rdf + "Property" {
                    propertySet.insert(subject)
                } else if type.hasPrefix(NS.tc) {
                    membersOf[type, default: []].append(subject)
                }
            default: break
            }
        }
        classes = classSet.filter { $0.hasPrefix(NS.tc) }.sorted()
        properties = propertySet.union(ranges.keys).filter { $0.hasPrefix(NS.tc) }.sorted()
        membersOf = membersOf.mapValues { $0.sorted() }
        ontologyComment = comments["https://w3id.org/ttlc"]
    }

    func label(_ iri: String) -> String? { labels[iri] }
    func comment(_ iri: String) -> String? { comments[iri] }
    func range(_ iri: String) -> String? { ranges[iri] }
    func members(of iri: String) -> [String] { membersOf[iri] ?? [] }
    /// The properties whose values are of this class.
    func properties(withRange iri: String) -> [String] { properties.filter { ranges[$0] == iri } }
}

/// Examples from the example specs: the first instance of a class, the first value of a
/// property (in file order), each with the file it is in.
struct Examples {
    struct Sample {
        var name: String
        var text: String
        var file: String
    }

    private let graph: Graph
    private let index: GraphIndex
    /// Triples in the order they were written, so "first" means first in the files.
    private let ordered: [Triple]

    init(_ graph: Graph) {
        self.graph = graph
        self.index = GraphIndex(graph)
        self.ordered = graph.triples.sorted { ($0.file, $0.subjectOffset, $0.objectOffset) < ($1.file, $1.subjectOffset, $1.objectOffset) }
    }

    private func file(_ triple: Triple) -> String { graph.location(of: triple, .subject).file }

    func instance(of classIRI: String) -> Sample? {
        guard let type = graph.terms.lookup(.iri(NS.rdfType)), let target = graph.terms.lookup(.iri(classIRI)) else { return nil }
        guard let triple = ordered.first(where: { $0.predicate == type && $0.object == target }) else { return nil }
        let name = TermNames.describe(graph.terms.term(triple.subject))
        return Sample(name: name, text: name, file: file(triple))
    }

    /// The first value of `property` on a node of the class: an instance of a spec-object
    /// class, or a part reached through one of `holders` (the properties whose range it is).
    /// Nil rather than a value of the same property on another class (`tc:name` of a port is
    /// no example for an environment variable).
    func value(of property: String, onInstanceOf owner: String?, orPartVia holders: [String]) -> Sample? {
        guard let predicate = graph.terms.lookup(.iri(property)) else { return nil }
        let fits: (TermID) -> Bool
        if let owner {
            guard let type = graph.terms.lookup(.iri(owner)) else { return nil }
            fits = { index.types(of: $0).contains(type) }
        } else {
            let via = Set(holders.compactMap { graph.terms.lookup(.iri($0)) })
            fits = { node in index.byObject[node].contains { via.contains(graph.triples[$0].predicate) } }
        }
        guard let triple = ordered.first(where: { $0.predicate == predicate && fits($0.subject) }) else { return nil }
        // One line of inline Markdown code: line breaks shown as \n, a long value shortened.
        var value = TermNames.describe(graph.terms.term(triple.object)).replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "`", with: "'")
        if value.count > 72 { value = value.prefix(71) + "…" }
        let text = "\(TermNames.compact(property)) \(value)"
        return Sample(name: text, text: text, file: file(triple))
    }
}
