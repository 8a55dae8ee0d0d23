import Ontology
import XCTest

/// Bad Turtle: each case pins the message id, the text and the `file:line:col`.
final class TurtleErrorTests: XCTestCase {
    func testSyntaxErrorAtKnownLine() {
        let text = """
            @prefix : <https://example.org/#> .
            :a :b :c .
            :d :e "unterminated
            :f :g :h .
            """
        let (graph, problem) = readTurtle(text)
        assertDiagnostic(problem, .turtleSyntax, "line end in short string", at: "test.ttl:3:20")
        XCTAssertTrue(graph.triples.isEmpty, "a failed read leaves the graph as it was")
    }

    func testMissingDotReportsTheNextStatement() {
        let (_, problem) = readTurtle("@prefix : <https://example.org/#> .\n:a :b :c\n:d :e :f .\n")
        XCTAssertEqual(problem?.id, .turtleSyntax)
        XCTAssertEqual(problem?.location?.line, 3)
    }

    func testUndefinedPrefixPointsAtTheTerm() {
        let (_, problem) = readTurtle("@prefix : <https://example.org/#> .\n:a :b :c ;\n   :d nope:x .\n")
        assertDiagnostic(problem, .turtleUndefinedPrefix, "undefined prefix 'nope:' in 'nope:x'", at: "test.ttl:3:7")
        XCTAssertEqual(problem?.notes.first?.message, "declare it first: @prefix nope: <IRI> .")
    }

    func testUndefinedPrefixInPredicateAndDatatype() {
        let (_, predicate) = readTurtle("@prefix : <https://example.org/#> .\n:a x:b :c .\n")
        assertDiagnostic(predicate, .turtleUndefinedPrefix, "undefined prefix 'x:' in 'x:b'", at: "test.ttl:2:4")
        let (_, datatype) = readTurtle("@prefix : <https://example.org/#> .\n:a :b \"1\"^^xsd:int .\n")
        assertDiagnostic(datatype, .turtleUndefinedPrefix, "undefined prefix 'xsd:' in 'xsd:int'", at: "test.ttl:2:7")
    }

    func testBadIRICharacter() {
        let (_, problem) = readTurtle("<https://example.org/a> <https://example.org/b> <https://example.org/c d> .\n")
        XCTAssertEqual(problem?.id, .turtleSyntax)
        XCTAssertEqual(problem?.location?.description, "test.ttl:1:71")
        XCTAssertEqual(problem?.message, "invalid IRI character (escape %20)")
    }

    func testRelativeIRIWithoutBase() {
        let (_, problem) = readTurtle("<s> <https://example.org/p> <https://example.org/o> .\n", base: nil)
        assertDiagnostic(problem, .turtleBadIRI, "relative IRI <s> but no base IRI is set", at: "test.ttl:1:1")
    }

    func testSurrogateEscapeIsRejected() {
        let (_, problem) = readTurtle("<https://example.org/s> <https://example.org/p> \"\\ud800\" .\n")
        assertDiagnostic(
            problem, .turtleBadEscape, "string escape encodes a surrogate code point (U+D800–U+DFFF), which is not a character",
            at: "test.ttl:1:49")
    }

    func testNotUTF8() {
        var bytes = Array("@prefix : <https://example.org/#> .\n:a :b \"caf".utf8)
        bytes += [0xE9] + Array("\" .\n".utf8)  // Latin-1 é
        var graph = Graph()
        let problem = TurtleReader.read(SourceFile(path: "latin1.ttl", bytes: bytes), into: &graph)
        assertDiagnostic(problem, .inputEncoding, "file is not valid UTF-8 (byte 0xE9)", at: "latin1.ttl:2:11")
    }

    func testEmptyFileIsAnEmptyGraphForTurtleButNotASpec() throws {
        let (graph, problem) = readTurtle("")
        XCTAssertNil(problem)
        XCTAssertTrue(graph.triples.isEmpty)

        let path = NSTemporaryDirectory() + "ttlc-empty-\(getpid()).ttl"
        _ = FileManager.default.createFile(atPath: path, contents: Data("# nothing here\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var specGraph = Graph()
        let specProblem = SpecLoader().load(path: path, into: &specGraph)
        assertDiagnostic(specProblem, .inputEmpty, "'\(path)' holds no statements", at: "\(path):1:1")
    }

    func testMissingFileNamesIt() {
        var graph = Graph()
        let problem = SpecLoader().load(path: "/nonexistent/spec.ttl", into: &graph)
        XCTAssertEqual(problem?.id, .inputUnreadable)
        XCTAssertEqual(problem?.message, "cannot read '/nonexistent/spec.ttl': No such file or directory")
    }

    func testUnknownExtension() {
        var graph = Graph()
        let problem = SpecLoader().load(path: "spec.json", into: &graph)
        XCTAssertEqual(problem?.id, .inputUnknownFormat)
    }

    func testErrorLeavesEarlierFilesIntact() {
        var graph = Graph()
        XCTAssertNil(TurtleReader.read(SourceFile(path: "a.ttl", bytes: Array("<urn:a> <urn:b> <urn:c> .".utf8)), into: &graph))
        XCTAssertNotNil(TurtleReader.read(SourceFile(path: "b.ttl", bytes: Array("<urn:a> <urn:b> .".utf8)), into: &graph))
        XCTAssertEqual(graph.triples.count, 1)
        XCTAssertEqual(graph.files.count, 1)
    }
}
