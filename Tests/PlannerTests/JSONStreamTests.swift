import Planner
import XCTest

/// JSONStream writes the large state files (inventory, model record) that JSONText used to:
/// the bytes must be JSONText's exactly, or every stored state would show a false change.
final class JSONStreamTests: XCTestCase {
    func testMatchesJSONTextForNestedAndEmptyContainers() {
        let tree = JSONText.object([
            ("format_version", .string("1.0")),
            ("empty_object", .object([])),
            ("empty_array", .array([])),
            ("files", .array([
                .object([("path", .string("a \"quoted\" \\ path\n")), ("subjects", .array([])), ("objects", .array([.object([("kind", .string("Deployment"))])]))]),
                .object([("path", .string("b")), ("subjects", .array([.string("x"), .string("y")])), ("objects", .array([]))]),
            ])),
        ])
        var stream = JSONStream()
        stream.beginObject()
        stream.member("format_version", "1.0")
        stream.key("empty_object")
        stream.beginObject()
        stream.endObject()
        stream.key("empty_array")
        stream.beginArray()
        stream.endArray()
        stream.key("files")
        stream.beginArray()
        stream.beginObject()
        stream.member("path", "a \"quoted\" \\ path\n")
        stream.member("subjects", strings: [])
        stream.key("objects")
        stream.beginArray()
        stream.beginObject()
        stream.member("kind", "Deployment")
        stream.endObject()
        stream.endArray()
        stream.endObject()
        stream.beginObject()
        stream.member("path", "b")
        stream.member("subjects", strings: ["x", "y"])
        stream.key("objects")
        stream.beginArray()
        stream.endArray()
        stream.endObject()
        stream.endArray()
        stream.endObject()
        XCTAssertEqual(String(decoding: stream.finishedFile(), as: UTF8.self), tree.rendered())
    }

    func testPartsRenderedAtTheirDepthJoinLikeOneDocument() {
        let tree = JSONText.object([("items", .array([.object([("n", .string("1"))]), .object([("n", .string("2"))])]))])
        let parts = ["1", "2"].map { value -> [UInt8] in
            var part = JSONStream(depth: 2)
            part.beginObject()
            part.member("n", value)
            part.endObject()
            return part.bytes
        }
        var stream = JSONStream()
        stream.beginObject()
        stream.key("items")
        stream.beginArray()
        for part in parts { stream.rendered(part) }
        stream.endArray()
        stream.endObject()
        XCTAssertEqual(String(decoding: stream.finishedFile(), as: UTF8.self), tree.rendered())
    }
}
