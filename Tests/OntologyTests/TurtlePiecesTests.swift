import XCTest

@testable import Ontology

/// A large Turtle file is read in pieces on several cores (TurtlePieces); the graph must be the
/// one reading it whole gives, term ids, triple order and offsets included, or the pieces must
/// be given up and the file read whole.
final class TurtlePiecesTests: XCTestCase {
    /// Statements of every shape the cut and the join must carry: prefixed names, IRIs, typed
    /// and tagged literals, nested blank nodes and lists (serd numbers the nodes it makes up
    /// per reader), comments, a long string over several lines.
    private func statements(_ count: Int, from first: Int = 0) -> String {
        (first..<(first + count)).map { n in
            """
            :s\(n) a ex:Thing ; ex:name "thing \(n)"@en ; ex:size \(n) ; ex:ratio "\(n).5"^^xsd:decimal ;
                ex:part [ ex:name "p\(n)" ; ex:inner [ ex:level 2 ] ] , [ ex:name "q\(n)" ] ;
                ex:list ( \(n) "two" [ ex:x 1 ] ) ; ex:empty [] ;
                ex:ref <http://example.org/other#o\(n % 7)> .
            # statement \(n) ends here.

            """
        }.joined()
    }

    private let header = """
        @prefix : <http://example.org/s#> .
        @prefix ex: <http://example.org/vocab#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

        """

    private func whole(_ text: String) -> (Graph, Diagnostic?) {
        var graph = Graph()
        let problem = TurtleReader.read(SourceFile(path: "big.ttl", bytes: Array(text.utf8)), base: "file:///big.ttl", into: &graph, inPieces: false)
        return (graph, problem)
    }

    private func pieces(_ text: String, cores: Int) -> Graph? {
        let file = SourceFile(path: "big.ttl", bytes: Array(text.utf8))
        var graph = Graph()
        let index = graph.addFile(file)
        return TurtlePieces.read(file, fileIndex: index, base: "file:///big.ttl", into: graph, cores: cores, minimumPieceBytes: 256)
    }

    private func assertSame(_ a: Graph, _ b: Graph, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.terms.count, b.terms.count, "terms", file: file, line: line)
        for raw in 0..<UInt32(min(a.terms.count, b.terms.count)) {
            let id = TermID(raw: raw)
            XCTAssertEqual(a.terms.term(id), b.terms.term(id), "term \(raw)", file: file, line: line)
        }
        XCTAssertEqual(a.triples, b.triples, "triples", file: file, line: line)
    }

    func testPiecesGiveTheGraphOfTheWholeFile() throws {
        let text = header + statements(60)
        let (expected, problem) = whole(text)
        XCTAssertNil(problem)
        XCTAssertGreaterThan(expected.triples.count, 1_000)
        for cores in [2, 3, 8] {
            let pieced = try XCTUnwrap(pieces(text, cores: cores), "\(cores) pieces")
            assertSame(pieced, expected)
        }
        // The generated blank nodes keep serd's numbering across pieces (b1, b2, … once each).
        let labels = Set((0..<UInt32(expected.terms.count)).compactMap { raw -> String? in
            let term = expected.terms.term(TermID(raw: raw))
            if case .blank(let label, _) = term { return label }
            return nil
        })
        XCTAssertTrue(labels.contains("b1") && labels.contains("b\(labels.count)"))
    }

    func testPiecesAreCutBetweenStatementsSeparatedByBlankLines() throws {
        // Blank lines (and trailing spaces) between a statement's dot and the next subject.
        let text = header + (0..<60).map { n in ":s\(n) ex:size \(n) ;\n    ex:part [ ex:name \"p\(n)\" ] .  \n\n\n" }.joined()
        let (expected, problem) = whole(text)
        XCTAssertNil(problem)
        let pieced = try XCTUnwrap(pieces(text, cores: 4))
        assertSame(pieced, expected)
    }

    func testAFileAfterAnotherKeepsOneIdSpace() throws {
        // The graph already holds a file: the pieces join its terms, not a fresh store.
        var expected = Graph()
        var pieced = Graph()
        let first = SourceFile(path: "first.ttl", bytes: Array((header + statements(3)).utf8))
        XCTAssertNil(TurtleReader.read(first, base: nil, into: &expected, inPieces: false))
        XCTAssertNil(TurtleReader.read(first, base: nil, into: &pieced, inPieces: false))
        let second = SourceFile(path: "second.ttl", bytes: Array((header + statements(40, from: 2)).utf8))
        XCTAssertNil(TurtleReader.read(second, base: nil, into: &expected, inPieces: false))
        let index = pieced.addFile(second)
        pieced = try XCTUnwrap(TurtlePieces.read(second, fileIndex: index, base: nil, into: pieced, cores: 2, minimumPieceBytes: 256))
        assertSame(pieced, expected)
    }

    func testDirectivesBetweenPiecesCarryOver() throws {
        // A prefix redefined and a base set midway: each piece starts with what is in force there.
        let text = header + statements(20) + "@base <http://example.org/base/> .\n@prefix ex: <http://example.org/v2#> .\nPREFIX more: <rel/>\n"
            + statements(20, from: 20) + "<rel> more:x <y> .\n" + statements(20, from: 40)
        let (expected, problem) = whole(text)
        XCTAssertNil(problem)
        let pieced = try XCTUnwrap(pieces(text, cores: 4))
        assertSame(pieced, expected)
    }

    func testFilesThatCannotBeCutSafelyAreReadWhole() {
        // Labelled blank nodes are shared across the file: no pieces.
        XCTAssertNil(pieces(header + statements(20) + "_:a ex:p _:b .\n" + statements(20, from: 20), cores: 2))
        // A prefix declared inside a long string is not a directive; the pieces must not take
        // it for one (the cut after "."-ended lines inside the string fails, or the prefixes
        // differ): whatever is returned is the whole file's graph.
        let trap = header + statements(20) + ":doc ex:text \"\"\"\n@prefix ex: <http://wrong/> .\n:s1 ex:p 1 .\n\"\"\" .\n" + statements(20, from: 20)
        let (expected, problem) = whole(trap)
        XCTAssertNil(problem)
        if let pieced = pieces(trap, cores: 2) { assertSame(pieced, expected) }
        // Small files are read whole.
        let file = SourceFile(path: "small.ttl", bytes: Array((header + statements(2)).utf8))
        XCTAssertNil(TurtlePieces.read(file, fileIndex: 0, base: nil, into: Graph(), cores: 8))
    }

    func testAnErrorInALaterPieceIsReportedAsReadingWholeReportsIt() {
        let text = header + statements(30) + ":broken ex:p \"unterminated .\n" + statements(30, from: 30)
        XCTAssertNil(pieces(text, cores: 2))
        var graph = Graph()
        let viaPieces = TurtleReader.read(SourceFile(path: "big.ttl", bytes: Array(text.utf8)), base: "file:///big.ttl", into: &graph)
        XCTAssertEqual(viaPieces, whole(text).1)
        XCTAssertEqual(viaPieces?.location?.line, 3 + 30 * 5 + 1)
        XCTAssertTrue(graph.triples.isEmpty)
    }
}
