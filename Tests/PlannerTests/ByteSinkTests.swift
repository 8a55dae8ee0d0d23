import XCTest

@testable import Planner

/// The byte buffer the writers append to: what was appended, in order, through growth, and two
/// copies of a sink that each go on appending on their own (the buffer is shared until then).
final class ByteSinkTests: XCTestCase {
    func testAppendsGrowTheBufferAndKeepEveryByte() {
        var sink = ByteSink(capacity: 1)
        var expected: [UInt8] = []
        for round in 0..<2_000 {
            let text = String(repeating: "é", count: round % 7) + "\(round)"
            sink.append(text)
            expected += Array(text.utf8)
            sink.append(UInt8(ascii: "\n"))
            expected.append(UInt8(ascii: "\n"))
            sink.appendSpaces(round % 70)
            expected += Array(repeating: UInt8(ascii: " "), count: round % 70)
            sink.append(expected[0..<(round % 5)])
            expected += expected[0..<(round % 5)]
            sink.append(AnyCollection([UInt8(round % 256)]))
            expected.append(UInt8(round % 256))
        }
        sink.append("")
        XCTAssertEqual(sink.count, expected.count)
        XCTAssertEqual(sink.bytes, expected)
    }

    func testACopyAppendsOnItsOwn() {
        var first = ByteSink()
        first.append("shared ")
        var second = first
        first.append("first")
        second.append("second")
        let third = second
        second.appendSpaces(100)
        XCTAssertEqual(String(decoding: first.bytes, as: UTF8.self), "shared first")
        XCTAssertEqual(String(decoding: second.bytes, as: UTF8.self), "shared second" + String(repeating: " ", count: 100))
        XCTAssertEqual(String(decoding: third.bytes, as: UTF8.self), "shared second")
    }
}
