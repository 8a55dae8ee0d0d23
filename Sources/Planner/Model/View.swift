import Ontology

extension ModelReader {
    /// One node of the graph seen through the vocabulary: typed accessors by property local
    /// name, each value with its origin. `owner` is the IRI of the spec object the node belongs
    /// to (itself, or the object whose `[ … ]` part it is).
    struct View {
        let reader: ModelReader
        let node: TermID
        let owner: String

        var graph: Graph { reader.index.graph }

        var name: String { Self.localName(owner) }

        var origin: Origin {
            Origin(subject: owner, property: nil, location: reader.index.location(of: node))
        }

        static func localName(_ iri: String) -> String { TermNames.localName(iri) }

        /// Values of a property with their triples, in a stable order (by value text).
        func values(_ local: String) -> [(term: TermID, origin: Origin)] {
            let known = reader.property(local)
            guard let predicate = known.predicate else { return [] }
            let graph = graph
            let property = known.iri
            let found = reader.index.objects(node, predicate).map { tripleIndex in
                let triple = graph.triples[tripleIndex]
                return (term: triple.object, origin: Origin(subject: owner, property: property, location: graph.location(of: triple, .object)))
            }
            // Most properties have one value.
            return found.count < 2 ? found : found.sorted { graph.terms.text($0.term) < graph.terms.text($1.term) }
        }

        func missing<T>(_ fallback: T) -> Located<T> { Located(fallback, origin) }

        func optionalString(_ local: String) -> Located<String>? {
            values(local).first.map { Located(graph.terms.text($0.term), $0.origin) }
        }

        func string(_ local: String) -> Located<String> { optionalString(local) ?? missing("") }

        func strings(_ local: String) -> [Located<String>] {
            values(local).map { Located(graph.terms.text($0.term), $0.origin) }
        }

        func optionalInt(_ local: String) -> Located<Int>? {
            values(local).first.map { Located(Int(graph.terms.text($0.term)) ?? 0, $0.origin) }
        }

        func int(_ local: String) -> Located<Int> { optionalInt(local) ?? missing(0) }

        func ints(_ local: String) -> [Located<Int>] {
            values(local).map { Located(Int(graph.terms.text($0.term)) ?? 0, $0.origin) }.sorted { $0.value < $1.value }
        }

        func optionalDouble(_ local: String) -> Located<Double>? {
            values(local).first.map { Located(Double(graph.terms.text($0.term)) ?? 0, $0.origin) }
        }

        func double(_ local: String) -> Located<Double> { optionalDouble(local) ?? missing(0) }

        func optionalBool(_ local: String) -> Located<Bool>? {
            values(local).first.map { Located(["true", "1"].contains(graph.terms.text($0.term)), $0.origin) }
        }

        /// A reference to another spec object, as that object's name.
        func optionalReference(_ local: String) -> Located<String>? {
            values(local).first.map { Located(Self.localName(graph.terms.text($0.term)), $0.origin) }
        }

        func reference(_ local: String) -> Located<String> { optionalReference(local) ?? missing("") }

        func references(_ local: String) -> [Located<String>] {
            values(local).map { Located(Self.localName(graph.terms.text($0.term)), $0.origin) }.sorted { $0.value < $1.value }
        }

        /// An enumeration value (a tc: individual), as its local name.
        func optionalEnumerationName(_ local: String) -> Located<String>? { optionalReference(local) }
        func enumerationName(_ local: String) -> Located<String> { reference(local) }
        func enumerationNames(_ local: String) -> [Located<String>] { references(local) }

        func optionalEnumeration<E: RawRepresentable>(_ local: String, _ type: E.Type) -> Located<E>? where E.RawValue == String {
            guard let name = optionalReference(local), let value = E(rawValue: name.value) else { return nil }
            return Located(value, name.origin)
        }

        func enumeration<E: RawRepresentable>(_ local: String, _ fallback: E) -> Located<E> where E.RawValue == String {
            optionalEnumeration(local, E.self) ?? missing(fallback)
        }

        func part(_ local: String) -> View? { parts(local).first }

        /// The `[ … ]` parts of a property, ordered by their content (blank-node labels depend on
        /// the order things were written in, content does not).
        func parts(_ local: String) -> [View] {
            let views = values(local).filter { graph.terms.kind($0.term) == .blank }
                .map { View(reader: reader, node: $0.term, owner: owner) }
            // One part needs no ordering, and most properties have one.
            guard views.count > 1 else { return views }
            return views.map { ($0, $0.contentKey(depth: 0)) }
                .sorted { $0.1 < $1.1 }
                .map(\.0)
        }

        /// A canonical text of a part: its sorted property/value pairs, nested parts inlined.
        func contentKey(depth: Int) -> String {
            guard depth < 8 else { return "…" }
            var pairs: [String] = []
            for tripleIndex in reader.index.bySubject[node] {
                let triple = graph.triples[tripleIndex]
                let object =
                    graph.terms.kind(triple.object) == .blank
                    ? "[" + View(reader: reader, node: triple.object, owner: owner).contentKey(depth: depth + 1) + "]"
                    : graph.terms.term(triple.object).description
                pairs.append(graph.terms.text(triple.predicate) + " " + object)
            }
            return pairs.sorted().joined(separator: ";")
        }
    }
}
