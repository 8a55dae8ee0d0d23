/// Lookups over a graph that checks need many times: triples by subject and by object, and
/// the types of each node. Built once per validation, in one pass.
public struct GraphIndex: Sendable {
    public let graph: Graph
    public private(set) var bySubject: [TermID: [Int]] = [:]
    public private(set) var byObject: [TermID: [Int]] = [:]
    /// Indices of `rdf:type` triples per subject, in file order.
    public private(set) var typeTriples: [TermID: [Int]] = [:]
    /// Triples by subject and predicate together (the two ids in one key): reading a model and
    /// validating shapes ask for one property of one node at a time, many thousand times.
    private var bySubjectPredicate: [UInt64: [Int]] = [:]
    public let rdfType: TermID?

    public init(_ graph: Graph) {
        self.graph = graph
        rdfType = graph.terms.lookup(.iri(NS.rdfType))
        for (index, triple) in graph.triples.enumerated() {
            bySubject[triple.subject, default: []].append(index)
            byObject[triple.object, default: []].append(index)
            bySubjectPredicate[Self.key(triple.subject, triple.predicate), default: []].append(index)
            if triple.predicate == rdfType {
                typeTriples[triple.subject, default: []].append(index)
            }
        }
    }

    /// The values of `predicate` on `subject`, with the triples that state them.
    public func objects(_ subject: TermID, _ predicate: TermID) -> [Int] {
        bySubjectPredicate[Self.key(subject, predicate)] ?? []
    }

    private static func key(_ subject: TermID, _ predicate: TermID) -> UInt64 {
        UInt64(subject.raw) << 32 | UInt64(predicate.raw)
    }

    public func types(of node: TermID) -> [TermID] {
        (typeTriples[node] ?? []).map { graph.triples[$0].object }
    }

    /// Where a node is best pointed at: its first statement as a subject, else its first use.
    public func location(of node: TermID) -> SourceLocation? {
        if let first = bySubject[node]?.first {
            return graph.location(of: graph.triples[first], .subject)
        }
        if let first = byObject[node]?.first {
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
