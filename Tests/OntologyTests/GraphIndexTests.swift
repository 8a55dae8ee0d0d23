import Ontology
import XCTest

/// The graph index's groups against the same groups taken from the triples directly: file order
/// within each group, one predicate's values found among a subject's others, nothing for terms
/// that are in no triple of a kind.
final class GraphIndexTests: XCTestCase {
    private let text = """
        @prefix ex: <https://example.org/#> .
        ex:b ex:z "3" ; ex:p "2" ; a ex:T .
        ex:a ex:p "1" , "0" ; ex:q ex:b ; ex:p "9" ; a ex:T , ex:U .
        ex:c ex:q ex:b , ex:a .
        ex:b ex:p "4" .
        """

    private func graph() throws -> Graph {
        let (graph, problem) = readTurtle(text, path: "index.ttl")
        XCTAssertNil(problem)
        return graph
    }

    private func id(_ graph: Graph, _ local: String) throws -> TermID {
        try XCTUnwrap(graph.terms.lookup(.iri("https://example.org/#" + local)))
    }

    func testObjectsOfASubjectAndPredicateInFileOrder() throws {
        let graph = try graph()
        let index = GraphIndex(graph)
        for subject in ["a", "b", "c"] {
            for predicate in ["p", "q", "z"] {
                let s = try id(graph, subject), p = try id(graph, predicate)
                let want = graph.triples.indices.filter { graph.triples[$0].subject == s && graph.triples[$0].predicate == p }
                XCTAssertEqual(Array(index.objects(s, p)), want, "\(subject) \(predicate)")
            }
        }
        let a = try id(graph, "a"), p = try id(graph, "p")
        XCTAssertEqual(index.objects(a, p).map { graph.terms.text(graph.triples[$0].object) }, ["1", "0", "9"])
        // A predicate that is a subject's object only, and a term no triple has as subject.
        XCTAssertTrue(index.objects(p, p).isEmpty)
        XCTAssertTrue(index.objects(try id(graph, "T"), p).isEmpty)
    }

    func testGroupsBySubjectObjectAndType() throws {
        let graph = try graph()
        let index = GraphIndex(graph)
        let type = try XCTUnwrap(index.rdfType)
        for term in (0..<graph.terms.count).compactMap({ n in graph.triples.first { $0.subject.raw == n }?.subject ?? graph.triples.first { $0.object.raw == n }?.object }) {
            XCTAssertEqual(Array(index.bySubject[term]), graph.triples.indices.filter { graph.triples[$0].subject == term })
            XCTAssertEqual(Array(index.byObject[term]), graph.triples.indices.filter { graph.triples[$0].object == term })
            XCTAssertEqual(Array(index.typeTriples[term]), graph.triples.indices.filter { graph.triples[$0].subject == term && graph.triples[$0].predicate == type })
        }
        let typed = index.typeTriples.nonEmpty.map { graph.terms.text($0.term) }
        XCTAssertEqual(Set(typed), ["https://example.org/#a", "https://example.org/#b"])
        XCTAssertEqual(index.types(of: try id(graph, "a")).map { graph.terms.text($0) }, ["https://example.org/#T", "https://example.org/#U"])
    }
}
