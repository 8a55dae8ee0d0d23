import XCTest

@testable import Ontology

/// A term printed on its own is written exactly as N-Triples writes it from a graph's store:
/// escapes in IRIs and strings, blank labels, language tags before datatypes.
final class TermDescriptionTests: XCTestCase {
    func testATermPrintsAsTheGraphWritesIt() {
        let terms: [Term] = [
            .iri("https://example.org/a#b"), .iri("urn:x:with space<and>\"quotes\"{}|^`\\"), .iri("https://example.org/é"),
            .blank("b0"), .blank("n12", scope: 3),
            .literal("plain"), .literal("line\nbreak\t\"quoted\" \\ back\r"), .literal("\u{1}\u{7F}é漢"),
            .literal("42", datatype: "http://www.w3.org/2001/XMLSchema#integer"),
            .literal("hello", language: "en-GB"), .literal("both", datatype: "http://example.org/dt", language: "fr"),
            .literal(""),
        ]
        for term in terms {
            var store = TermStore()
            let id = store.intern(term)
            var expected: [UInt8] = []
            NTriples.appendTerm(store, id, multiFile: false, to: &expected)
            XCTAssertEqual(term.description, String(decoding: expected, as: UTF8.self), "\(term)")
        }
    }
}
