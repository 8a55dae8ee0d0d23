import Ontology
import XCTest

/// Every integer property of the built-in shapes has a maximum that fits in 64 bits. The model
/// reads integers as Int; a value past Int.max that the shapes let through was read as 0 (a
/// withdrawAfter or rate limit of 10^23 became 0), and replicas past Kubernetes' int32 trapped
/// the quota check when summed.
final class IntegerBoundsTests: XCTestCase {
    func testEveryIntegerPropertyHasAMaximumThatFitsAnInt() throws {
        let text = try XCTUnwrap(Vocabulary.resourceText("shapes", "ttl"))
        let (graph, problem) = readTurtle(text, path: "shapes.ttl", base: NS.tc)
        XCTAssertNil(problem)
        let sh = "http://www.w3.org/ns/shacl#"
        let datatype = try XCTUnwrap(graph.terms.lookup(.iri(sh + "datatype")))
        let maximum = try XCTUnwrap(graph.terms.lookup(.iri(sh + "maxInclusive")))
        let path = try XCTUnwrap(graph.terms.lookup(.iri(sh + "path")))
        let integer = try XCTUnwrap(graph.terms.lookup(.iri("http://www.w3.org/2001/XMLSchema#integer")))
        let index = GraphIndex(graph)
        var checked = 0
        for triple in graph.triples where triple.predicate == datatype && triple.object == integer {
            let name = index.objects(triple.subject, path).first.map { graph.terms.text(graph.triples[$0].object) } ?? "?"
            let bound = index.objects(triple.subject, maximum).first.map { graph.terms.text(graph.triples[$0].object) }
            XCTAssertNotNil(bound.flatMap { Int($0) }, "\(name) has no sh:maxInclusive that fits an Int (\(bound ?? "none"))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
    }
}
