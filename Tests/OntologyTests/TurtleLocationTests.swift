import Ontology
import XCTest

/// Every triple keeps where its subject, predicate and object start; these pin that for each
/// shape of Turtle a spec may use.
final class TurtleLocationTests: XCTestCase {
    /// Parses marked Turtle and checks each triple's three offsets against marker names.
    private func assertLocations(_ source: String, _ expected: [(String, String, String)], file: StaticString = #filePath, line: UInt = #line) {
        let marked = Marked(source)
        let (graph, problem) = readTurtle(marked.text)
        XCTAssertNil(problem, "\(problem!)", file: file, line: line)
        XCTAssertEqual(graph.triples.count, expected.count, "triple count", file: file, line: line)
        for (index, (triple, names)) in zip(graph.triples, expected).enumerated() {
            XCTAssertEqual(Int(triple.subjectOffset), marked[names.0], "triple \(index) subject", file: file, line: line)
            XCTAssertEqual(Int(triple.predicateOffset), marked[names.1], "triple \(index) predicate", file: file, line: line)
            XCTAssertEqual(Int(triple.objectOffset), marked[names.2], "triple \(index) object", file: file, line: line)
        }
    }

    func testPredicateAndObjectLists() {
        assertLocations(
            """
            @prefix : <https://example.org/#> .
            ⟨s⟩:s ⟨a⟩a ⟨c⟩:C ;
                ⟨p⟩:p ⟨o1⟩:o1 , ⟨o2⟩"two" ,⟨o3⟩<https://example.org/three> ;
                ⟨q⟩:q ⟨n⟩-1.5e3 .
            """,
            [("s", "a", "c"), ("s", "p", "o1"), ("s", "p", "o2"), ("s", "p", "o3"), ("s", "q", "n")])
    }

    func testLiteralsWithTagsTypesAndQuotes() {
        assertLocations(
            """
            @prefix : <https://example.org/#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            ⟨s⟩:s ⟨p⟩:p ⟨o1⟩"chat"@fr , ⟨o2⟩"7"^^xsd:integer , ⟨o3⟩'''it's "long"
            and it ends in quotes""''' ; ⟨q⟩:q ⟨o4⟩"esc \\" , ; # not a delimiter"^^<http://www.w3.org/2001/XMLSchema#string> .
            """,
            [("s", "p", "o1"), ("s", "p", "o2"), ("s", "p", "o3"), ("s", "q", "o4")])
    }

    func testNestedBlankNodes() {
        assertLocations(
            """
            @prefix : <https://example.org/#> .
            ⟨s⟩:svc ⟨port⟩:port ⟨b1⟩[ ⟨name⟩:name ⟨http⟩"http" ; ⟨num⟩:number ⟨80⟩80 ] , ⟨b2⟩[ ⟨name2⟩:name ⟨m⟩"m" ] ;
                ⟨after⟩:after ⟨x⟩:x .
            ⟨anon⟩[ ⟨ap⟩:p ⟨ao⟩:o ] ⟨aq⟩:q ⟨ar⟩:r .
            """,
            [
                ("s", "port", "b1"), ("b1", "name", "http"), ("b1", "num", "80"),
                ("s", "port", "b2"), ("b2", "name2", "m"), ("s", "after", "x"),
                ("anon", "ap", "ao"), ("anon", "aq", "ar"),
            ])
    }

    func testDirectivesCommentsAndBlankLabels() {
        assertLocations(
            """
            # a comment with :fake :names "and a quote
            @prefix : <https://example.org/#> .
            ⟨s⟩_:x ⟨p⟩:p ⟨o⟩_:y . # trailing
            PREFIX ex: <https://example.org/ex#>
            @base <https://example.org/dir/> .
            ⟨s2⟩<rel> ⟨p2⟩ex:p ⟨o2⟩ex:a.b .
            ⟨s3⟩:t ⟨p3⟩:p ⟨o3⟩true.
            """,
            [("s", "p", "o"), ("s2", "p2", "o2"), ("s3", "p3", "o3")])
    }

    func testCollectionItemsPointAtTheItem() {
        let marked = Marked(
            """
            @prefix : <https://example.org/#> .
            ⟨s⟩:s ⟨p⟩:p ⟨list⟩( ⟨one⟩1 ⟨two⟩"two" ) .
            """)
        let (graph, problem) = readTurtle(marked.text)
        XCTAssertNil(problem)
        let first = graph.triples.first { graph.terms.term($0.predicate) == .iri(NS.rdf + "first") }!
        XCTAssertEqual(Int(first.objectOffset), marked["one"])
        let head = graph.triples.first { graph.terms.term($0.predicate) == .iri("https://example.org/#p") }!
        XCTAssertEqual(Int(head.subjectOffset), marked["s"])
        XCTAssertEqual(Int(head.objectOffset), marked["list"])
    }

    func testLineAndColumnCountCharactersNotBytes() {
        let (graph, problem) = readTurtle("@prefix : <https://example.org/#> .\n:s :p \"é\" , :ü .\n")
        XCTAssertNil(problem)
        XCTAssertEqual(graph.location(of: graph.triples[1], .object).description, "test.ttl:2:13")
        XCTAssertEqual(graph.location(of: graph.triples[0], .object).line, 2)
    }

    /// Turtle's EOL is [#xD#xA]+: a file with CR alone between lines is located by line.
    func testCarriageReturnLineBreaks() {
        let (graph, problem) = readTurtle("@prefix : <https://example.org/#> .\r:s :p :o ;\r  :q \"x\" .\r")
        XCTAssertNil(problem)
        XCTAssertEqual(graph.location(of: graph.triples[1], .object).description, "test.ttl:3:6")
        // A comment ends at CR too (it ran to the end of a CR-only file, hiding every term after).
        let (commented, commentProblem) = readTurtle("@prefix : <https://example.org/#> .\r# a note\r:s :p :o ;\r  :q \"x\" .\r")
        XCTAssertNil(commentProblem)
        XCTAssertEqual(commented.location(of: commented.triples[1], .object).description, "test.ttl:4:6")
    }

    func testSpecFileLocations() throws {
        var graph = Graph()
        XCTAssertNil(SpecLoader().load(path: fixture("specs/aegis.ttl"), into: &graph))
        // Each predicate location must point at text that spells the predicate's local name
        // (or `a`); each IRI object's location at its local name.
        let file = graph.files[0]
        for triple in graph.triples {
            let predicate = graph.terms.text(triple.predicate)
            let at = String(decoding: file.bytes[Int(triple.predicateOffset)...].prefix(40), as: UTF8.self)
            if predicate == NS.rdfType {
                XCTAssertTrue(at.hasPrefix("a "), at)
            } else {
                XCTAssertTrue(at.hasPrefix("tc:" + predicate.dropFirst(NS.tc.count)), "\(predicate) at \(at)")
            }
            if case .iri(let object) = graph.terms.term(triple.object), let hash = object.lastIndex(of: "#") {
                let objectText = String(decoding: file.bytes[Int(triple.objectOffset)...].prefix(60), as: UTF8.self)
                XCTAssertTrue(objectText.dropFirst(objectText.hasPrefix("tc:") ? 3 : 1).hasPrefix(object[object.index(after: hash)...]), objectText)
            }
        }
    }
}
