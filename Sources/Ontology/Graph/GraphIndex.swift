/// Lookups over a graph that checks need many times: triples by subject and by object, and
/// the types of each node. Built once per validation, in one pass.
public struct GraphIndex: Sendable {
    public let graph: Graph
    public let bySubject: TripleGroups
    public let byObject: TripleGroups
    /// Indices of `rdf:type` triples per subject, in file order.
    public let typeTriples: TripleGroups
    /// Each subject's triples ordered by predicate (file order among one predicate's): reading a
    /// model and validating shapes ask for one property of one node at a time, many thousand
    /// times, and find its run by binary search.
    private let bySubjectPredicate: TripleGroups
    public let rdfType: TermID?

    public init(_ graph: Graph) {
        self.graph = graph
        let rdfType = graph.terms.lookup(.iri(NS.rdfType))
        self.rdfType = rdfType
        let triples = graph.triples
        let terms = graph.terms.count
        bySubject = TripleGroups(terms: terms, triples: triples.count) { triples[$0].subject }
        byObject = TripleGroups(terms: terms, triples: triples.count) { triples[$0].object }
        typeTriples = TripleGroups(terms: terms, triples: triples.count) { triples[$0].predicate == rdfType ? triples[$0].subject : nil }
        bySubjectPredicate = bySubject.sortedWithinGroups { triples[Int($0)].predicate < triples[Int($1)].predicate }
    }

    /// The values of `predicate` on `subject`, with the triples that state them, in file order.
    public func objects(_ subject: TermID, _ predicate: TermID) -> TripleGroup {
        let triples = graph.triples
        return bySubjectPredicate[subject].run { index in
            let other = triples[index].predicate
            return other < predicate ? -1 : other == predicate ? 0 : 1
        }
    }

    public func types(of node: TermID) -> [TermID] {
        typeTriples[node].map { graph.triples[$0].object }
    }

    /// Where a node is best pointed at: its first statement as a subject, else its first use.
    public func location(of node: TermID) -> SourceLocation? {
        if let first = bySubject[node].first {
            return graph.location(of: graph.triples[first], .subject)
        }
        if let first = byObject[node].first {
            return graph.location(of: graph.triples[first], .object)
        }
        return nil
    }

    /// Members of an RDF list (rdf:first / rdf:rest), nil when it is not a well-formed list.
    public func list(_ head: TermID) -> [TermID]? {
        guard let first = graph.terms.lookup(.iri(NS.rdf + "first")), let rest = graph.terms.lookup(.iri(NS.rdf + "rest"))
        else { return head == graph.terms.lookup(.iri(NS.rdf + "nil")) ? [] : nil }
        let nilTerm = graph.terms.lookup(.iri(NS.rdf + "nil"))
        var items: [TermID] = []
        var node = head
        var seen: Set<TermID> = []
        while node != nilTerm {
            guard seen.insert(node).inserted,
                let item = objects(node, first).first, let next = objects(node, rest).first
            else { return nil }
            items.append(graph.triples[item].object)
            node = graph.triples[next].object
        }
        return items
    }
}
