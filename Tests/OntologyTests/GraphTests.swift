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
        // Scalar 4 is "d" (a b \n ç d): byte 5, from the start, from a known earlier scalar, or
        // from a later one given as known (then from the block).
        XCTAssertEqual(file.offset(ofScalar: 4), 5)
        XCTAssertEqual(file.offset(ofScalar: 4, after: (3, 3)), 5)
        XCTAssertEqual(file.offset(ofScalar: 4, after: (6, 8)), 5)
        XCTAssertEqual(file.offset(ofScalar: 99), 10)
    }

    /// Scalar indexes across 4 KiB blocks and multi-byte characters.
    func testScalarOffsetsAcrossBlocks() {
        let text = String(repeating: "é", count: 5000) + "x"
        let file = SourceFile(path: "f", bytes: Array(text.utf8))
        XCTAssertEqual(file.offset(ofScalar: 5000), 10_000)
        XCTAssertEqual(file.offset(ofScalar: 2049), 4098)
        XCTAssertEqual(file.offset(ofScalar: 4999, after: (10, 20)), 9998)
    }
}
