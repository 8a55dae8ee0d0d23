import XCTest

@testable import Ontology

/// The memchr scans the Turtle reader makes over a whole file before parsing it: where a byte
/// first occurs, and whether any `\u` or `\U` escape does (only then are terms checked for
/// escapes that encode no character). A missed escape would let such a term through.
final class ByteSearchTests: XCTestCase {
    private func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    func testFirstIndexFindsTheByteAtOrAfterTheStart() {
        withBytes("a\nb\nc") { buffer in
            XCTAssertEqual(buffer.firstIndex(of: UInt8(ascii: "\n"), from: 0), 1)
            XCTAssertEqual(buffer.firstIndex(of: UInt8(ascii: "\n"), from: 1), 1)
            XCTAssertEqual(buffer.firstIndex(of: UInt8(ascii: "\n"), from: 2), 3)
            XCTAssertNil(buffer.firstIndex(of: UInt8(ascii: "\n"), from: 4))
            XCTAssertNil(buffer.firstIndex(of: UInt8(ascii: "\n"), from: 5))
            XCTAssertNil(buffer.firstIndex(of: UInt8(ascii: "z"), from: 0))
        }
        withBytes("") { XCTAssertNil($0.firstIndex(of: UInt8(ascii: "\n"), from: 0)) }
    }

    func testUnicodeEscapesAreFoundAndEscapedBackslashesAreNotTakenForThem() {
        let cases: [(String, Bool)] = [
            ("", false),
            ("plain text", false),
            (#"<http://x/\u0041>"#, true),
            (#""\U0001F600""#, true),
            (#""a\\u0041""#, false),       // an escaped backslash, then the letter u
            (#""a\\\u0041""#, true),       // an escaped backslash, then \u
            (#""a\n\t\"""#, false),
            ("ends with a backslash \\", false),
            ("\\u", true),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(withBytes(text) { ReaderContext.containsUnicodeEscape($0) }, expected, text)
        }
    }
}
