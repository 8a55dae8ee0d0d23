import Ontology
import XCTest

final class GraphTests: XCTestCase {
    func testInterningDeduplicatesTermsOfEachKind() {
        var store = TermStore()
        let a = store.intern(.iri("https://example.org/a"))
        XCTAssertEqual(store.intern(.iri("https://example.org/a")), a)
        XCTAssertNotEqual(store.intern(.literal("https://example.org/a")), a)
        let typed = store.intern(.literal("1", datatype: NS.xsdInteger))
        XCTAssertNotEqual(store.intern(.literal("1")), typed)
        XCTAssertNotEqual(store.intern(.literal("1", language: "en")), store.intern(.literal("1", language: "fr")))
        XCTAssertNotEqual(store.intern(.blank("b1", scope: 0)), store.intern(.blank("b1", scope: 1)))
        XCTAssertEqual(store.term(typed), .literal("1", datatype: NS.xsdInteger))
        for index in 0..<5000 { _ = store.intern(.iri("https://example.org/n\(index)")) }
        XCTAssertEqual(store.intern(.iri("https://example.org/a")), a, "ids survive the table growing")
        XCTAssertEqual(store.term(store.intern(.iri("https://example.org/n4321"))), .iri("https://example.org/n4321"))
    }

    func testNTriplesEscapes() {
        let (graph, problem) = readTurtle("<urn:s> <urn:p> \"a\\\"b\\\\c\\nd\\te\" , \"x\"@en-GB .\n")
        XCTAssertNil(problem)
        XCTAssertEqual(
            NTriples.string(graph),
            """
            <urn:s> <urn:p> "a\\"b\\\\c\\nd\\u0009e" .
            <urn:s> <urn:p> "x"@en-GB .

            """)
    }

    func testIsomorphismRelabelsBlankNodes() {
        let (a, _) = readTurtle("<urn:s> <urn:p> [ <urn:q> 1 ] , [ <urn:q> 2 ] .")
        let (b, _) = readTurtle("<urn:s> <urn:p> _:y . _:y <urn:q> 2 . <urn:s> <urn:p> _:x . _:x <urn:q> 1 .")
        let (c, _) = readTurtle("<urn:s> <urn:p> _:y . _:y <urn:q> 2 . <urn:s> <urn:p> _:x . _:x <urn:q> 3 .")
        XCTAssertTrue(Isomorphism.isomorphic(a, b))
        XCTAssertFalse(Isomorphism.isomorphic(a, c))
    }

    func testIsomorphismWithSymmetricBlankNodes() {
        // A cycle of four and two cycles of two look alike locally; only a search tells them apart.
        let (cycle, _) = readTurtle("_:a <urn:p> _:b . _:b <urn:p> _:c . _:c <urn:p> _:d . _:d <urn:p> _:a .")
        let (renamed, _) = readTurtle("_:w <urn:p> _:x . _:x <urn:p> _:y . _:y <urn:p> _:z . _:z <urn:p> _:w .")
        let (pairs, _) = readTurtle("_:a <urn:p> _:b . _:b <urn:p> _:a . _:c <urn:p> _:d . _:d <urn:p> _:c .")
        XCTAssertTrue(Isomorphism.isomorphic(cycle, renamed))
        XCTAssertFalse(Isomorphism.isomorphic(cycle, pairs))
    }

    func testBuiltInVocabularyTypesProperties() {
        let vocabulary = Vocabulary.builtIn
        XCTAssertNotNil(vocabulary.version)
        XCTAssertEqual(vocabulary.range(ofProperty: "number"), .datatype(NS.xsdInteger))
        XCTAssertEqual(vocabulary.range(ofProperty: "dependsOn"), .reference(classIRI: NS.tc + "Service"))
        XCTAssertEqual(vocabulary.range(ofProperty: "expose"), .vocabularyTerm(classIRI: NS.tc + "Exposure"))
        XCTAssertTrue(vocabulary.classes.contains(NS.tc + "Peer"))
    }

    func testSourceFileLocations() {
        let file = SourceFile(path: "f", bytes: Array("ab\nçd\r\n\nx".utf8))
        XCTAssertEqual(file.location(at: 0).description, "f:1:1")
        XCTAssertEqual(file.location(at: 3).description, "f:2:1")
        XCTAssertEqual(file.location(at: 5).description, "f:2:2")
        XCTAssertEqual(file.location(at: 9).description, "f:4:1")
        XCTAssertEqual(file.location(at: 999).description, "f:4:2")
        XCTAssertEqual(file.lineText(2), "çd")
        XCTAssertEqual(file.offset(line: 1, scalarColumn: 1), 5)
    }
}
