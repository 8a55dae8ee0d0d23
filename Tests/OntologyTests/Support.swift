import Ontology
import TestSupport
import XCTest

func fixture(_ relative: String) -> String {
    repositoryRoot.appendingPathComponent(relative).path
}

/// Source text with position markers such as `⟨a⟩`: the markers are cut out and their byte
/// offsets kept, so a test says where terms are by pointing at them (as swift-syntax's 1️⃣).
struct Marked {
    let text: String
    let offsets: [String: Int]

    init(_ marked: String) {
        var out: [UInt8] = []
        var offsets: [String: Int] = [:]
        let bytes = Array(marked.utf8)
        let open = Array("⟨".utf8)
        let close = Array("⟩".utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i...].starts(with: open), let end = (i..<bytes.count).first(where: { bytes[$0...].starts(with: close) }) {
                let name = String(decoding: bytes[(i + open.count)..<end], as: UTF8.self)
                offsets[name] = out.count
                i = end + close.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        self.text = String(decoding: out, as: UTF8.self)
        self.offsets = offsets
    }

    subscript(_ name: String) -> Int { offsets[name]! }
}

func readTurtle(_ text: String, path: String = "test.ttl", base: String? = "https://example.org/base/") -> (Graph, Diagnostic?) {
    var graph = Graph()
    let problem = TurtleReader.read(SourceFile(path: path, bytes: Array(text.utf8)), base: base, into: &graph)
    return (graph, problem)
}

/// The built-in shapes as a graph, with its index and the term of a SHACL property (`sh:path`).
struct BuiltInShapes {
    let graph: Graph
    let index: GraphIndex

    init() throws {
        let text = try XCTUnwrap(Vocabulary.resourceText("shapes", "ttl"))
        let (graph, problem) = readTurtle(text, path: "shapes.ttl", base: NS.tc)
        XCTAssertNil(problem)
        self.graph = graph
        self.index = GraphIndex(graph)
    }

    func shacl(_ name: String) throws -> TermID { try XCTUnwrap(graph.terms.lookup(.iri("http://www.w3.org/ns/shacl#" + name))) }

    /// The objects of `property` on `subject`, as text.
    func values(_ subject: TermID, _ property: TermID) -> [String] {
        index.objects(subject, property).map { graph.terms.text(graph.triples[$0].object) }
    }
}

func readYAML(_ text: String, path: String = "test.yaml") -> (Graph, Diagnostic?) {
    var graph = Graph()
    let problem = YAMLReader.read(SourceFile(path: path, bytes: Array(text.utf8)), vocabulary: .builtIn, into: &graph)
    return (graph, problem)
}

/// Asserts a diagnostic's id, message and `file:line:col`.
func assertDiagnostic(
    _ diagnostic: Diagnostic?, _ id: MessageID, _ message: String, at location: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    guard let diagnostic else {
        XCTFail("expected \(id) at \(location), got no diagnostic", file: file, line: line)
        return
    }
    XCTAssertEqual(diagnostic.id, id, file: file, line: line)
    XCTAssertEqual(diagnostic.message, message, file: file, line: line)
    XCTAssertEqual(diagnostic.location?.description, location, file: file, line: line)
    XCTAssertEqual(diagnostic.severity, .error, file: file, line: line)
}
