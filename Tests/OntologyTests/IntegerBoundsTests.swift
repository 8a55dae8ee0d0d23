import Ontology
import XCTest

/// Every integer property of the built-in shapes has a maximum that fits in 64 bits. The model
/// reads integers as Int; a value past Int.max that the shapes let through was read as 0 (a
/// withdrawAfter or rate limit of 10^23 became 0), and replicas past Kubernetes' int32 trapped
/// the quota check when summed.
final class IntegerBoundsTests: XCTestCase {
    func testEveryIntegerPropertyHasAMaximumThatFitsAnInt() throws {
        let shapes = try BuiltInShapes()
        let datatype = try shapes.shacl("datatype"), maximum = try shapes.shacl("maxInclusive"), path = try shapes.shacl("path")
        let integer = try XCTUnwrap(shapes.graph.terms.lookup(.iri("http://www.w3.org/2001/XMLSchema#integer")))
        var checked = 0
        for triple in shapes.graph.triples where triple.predicate == datatype && triple.object == integer {
            let name = shapes.values(triple.subject, path).first ?? "?"
            let bound = shapes.values(triple.subject, maximum).first
            XCTAssertNotNil(bound.flatMap { Int($0) }, "\(name) has no sh:maxInclusive that fits an Int (\(bound ?? "none"))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
    }
}
