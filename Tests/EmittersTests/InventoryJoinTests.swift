import Planner
import XCTest

@testable import Emitters

/// The inventory's entries are copied into the file on every core, with the separators and
/// brackets written by hand; the bytes must be those the JSON stream writes.
final class InventoryJoinTests: XCTestCase {
    private func streamed(_ entries: [[UInt8]]) -> [UInt8] {
        var out = JSONStream()
        out.beginObject()
        out.member("format_version", Inventory.formatVersion)
        out.key("files")
        out.beginArray()
        for entry in entries { out.rendered(entry) }
        out.endArray()
        out.endObject()
        return out.finishedFile()
    }

    private func entries(_ count: Int) -> [[UInt8]] {
        (0..<count).map { index in
            var out = JSONStream(depth: 2)
            out.beginObject()
            out.member("path", "apps/ns/svc\(index)/deployment.yaml")
            out.member("subjects", strings: (0..<(index % 3)).map { "https://example.org/s\($0)" })
            out.endObject()
            return out.bytes
        }
    }

    func testJoinedIsWhatTheStreamWrites() {
        for count in [0, 1, 2, 255, 256, 1_000] {
            let parts = entries(count)
            XCTAssertEqual(String(decoding: Inventory.joined(parts), as: UTF8.self), String(decoding: streamed(parts), as: UTF8.self), "\(count) entries")
        }
    }
}
