import Ontology
import XCTest

/// Byte offsets to line and column (in Unicode scalars), checked against counting from the
/// line's start at every offset of files that mix 1- to 4-byte characters over many 4 KiB
/// blocks (columns are counted from block boundaries).
final class SourceFileLocationTests: XCTestCase {
    /// Every offset's location against line and column counted byte by byte from the file's
    /// start, as the definition says (an offset inside a character is that character's column).
    private func check(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = Array(text.utf8)
        let source = SourceFile(path: "t.ttl", bytes: bytes)
        var counted = (line: 1, column: 1)  // of the offset before the current byte
        let lineEnd = !bytes.contains(UInt8(ascii: "\n")) && bytes.contains(UInt8(ascii: "\r")) ? UInt8(ascii: "\r") : UInt8(ascii: "\n")
        for offset in 0...bytes.count {
            var want = counted
            if offset < bytes.count, bytes[offset] & 0xC0 == 0x80, want.column > 1 { want.column -= 1 }
            let got = source.location(at: offset)
            if got.line != want.line || got.column != want.column {
                XCTFail("offset \(offset): got \(got.line):\(got.column), counted \(want.line):\(want.column)", file: file, line: line)
                return
            }
            guard offset < bytes.count else { break }
            if bytes[offset] == lineEnd {
                counted = (counted.line + 1, 1)
            } else if bytes[offset] & 0xC0 != 0x80 {
                counted.column += 1
            }
        }
    }

    func testOneLongLineOfMixedCharactersOverManyBlocks() {
        let pieces = ["a", "é", "€", "😀", " ", "[", "xyz"]
        var text = ""
        var state: UInt64 = 7
        while text.utf8.count < 3 * 4096 + 123 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += pieces[Int(state >> 33) % pieces.count]
        }
        check(text)
    }

    func testManyLinesAcrossBlockBoundaries() {
        var text = ""
        for n in 0..<700 { text += String(repeating: n % 3 == 0 ? "€" : "ab", count: n % 17) + "\n" }
        check(text)
    }

    /// A file with CR alone between its lines (no LF anywhere) is located by line, as editors
    /// open it (it was one line of thousands of columns); in an LF or CR LF file a stray CR stays
    /// inside its line.
    func testCarriageReturnFiles() {
        check("a\rbc\rd\r\re€\r")
        check(String(repeating: "ab\r", count: 3000))
        check("a\rb\nc\r\nd\n")
        let source = SourceFile(path: "t.ttl", bytes: Array("one\rtwo\rthree\r".utf8))
        XCTAssertEqual((1...3).map(source.lineText), ["one", "two", "three"])
        XCTAssertEqual(source.location(at: 4).line, 2)
        let mixed = SourceFile(path: "t.ttl", bytes: Array("one\rtwo\r\nthree\n".utf8))
        XCTAssertEqual(mixed.location(at: 4).line, 1)
        XCTAssertEqual(mixed.lineText(2), "three")
    }

    func testAnEmptyFileAndOneEndingExactlyAtABlockBoundary() {
        check("")
        check(String(repeating: "x", count: 4096))
        check(String(repeating: "é", count: 2048))
    }
}
