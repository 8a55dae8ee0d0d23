import Ontology
import Planner
import XCTest

/// The stored model (`.ttlc/model.json`) reads back as written; one of another major format
/// version, or not one at all, reads as none (plan then skips its model summary) rather than
/// being taken for this version's.
final class CompiledModelTests: XCTestCase {
    func testRoundTripAndOtherVersions() throws {
        var graph = Graph()
        let spec = "@prefix tc: <https://w3id.org/ttlc#> .\n<https://example.org/t#edge> a tc:Namespace .\n<https://example.org/t#web> a tc:Service ; tc:replicas 3 ; tc:host \"a.example\", \"b.example\" .\n"
        XCTAssertNil(TurtleReader.read(SourceFile(path: "t.ttl", bytes: Array(spec.utf8)), base: nil, into: &graph))
        let model = CompiledModel.compile(graph)
        XCTAssertEqual(model.subjects.count, 2)
        let text = String(decoding: model.file(), as: UTF8.self)
        XCTAssertEqual(CompiledModel.read(model.file()), model)
        XCTAssertTrue(text.contains("\"format_version\": \"1.0\""), text)
        XCTAssertEqual(CompiledModel.read(Array(text.replacingOccurrences(of: "\"format_version\": \"1.0\"", with: "\"format_version\": \"1.7\"").utf8)), model)
        XCTAssertNil(CompiledModel.read(Array(text.replacingOccurrences(of: "\"format_version\": \"1.0\"", with: "\"format_version\": \"2.0\"").utf8)))
        XCTAssertNil(CompiledModel.read(Array(text.replacingOccurrences(of: "\"format_version\": \"1.0\",", with: "").utf8)))
        XCTAssertNil(CompiledModel.read(Array("not json".utf8)))
    }
}
