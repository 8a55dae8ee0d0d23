import Foundation
import Planner
import XCTest

@testable import Emitters

/// The YAML writer, held to an independent reader: PyYAML (YAML 1.1, the stricter about what a
/// plain scalar means) must read back exactly the values that were written.
final class YAMLWriterTests: XCTestCase {
    private let awkward = [
        "plain", "yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "", " lead", "trail ", "1", "1.0", "-1e3",
        "0x1F", "0o17", "017", "1:30", "2026-11-25", ".inf", "-.inf", ".nan", "a: b", "a #b", "#c", "-x", "- x", "?", ":x", "x:",
        "[a]", "{a}", "*star", "&anchor", "!tag", "|pipe", ">fold", "'q'", "\"dq\"", "%pct", "@at", "`tick", "25%",
        "ghcr.io/aegis/river:1.4.2", "500m", "2Gi", "tab\there", "line\nbreak", "two\n\nlines\n", "ends\n\n",
        "unicode é ü 漢", "back\\slash", "=", "<<", "spec.template.spec.containers.*.image", "3.",
        "NULL", "Off", "YES", "a:b", "a#b", "nel\u{85}x", "\u{FEFF}bom", "mid\u{FEFF}bom", "del\u{7F}x", "ctl\u{1}x",
        "ls\u{2028}x", "ps\u{2029}x", "c1\u{80}x", "c1\u{9F}x", "nc\u{FFFE}x", "two\nlines\u{2028}x\n",
    ]

    private func roundTrip(_ document: Document) throws -> Any {
        let text = YAMLWriter.render(document)
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("ttlc-yaml-\(UUID().uuidString).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "PyYAML could not read:\n\(text)")
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    func testEveryAwkwardStringReadsBackAsTheSameString() throws {
        let document = Document.map(awkward.enumerated().map { ("k\($0.offset)", .string($0.element)) })
        let read = try XCTUnwrap(try roundTrip(document) as? [String: Any])
        for (index, text) in awkward.enumerated() {
            XCTAssertEqual(read["k\(index)"] as? String, text, "«\(text)» came back as \(String(describing: read["k\(index)"]))")
        }
    }

    func testNestingListsAndScalarsOfEachType() throws {
        let document = Document.object([
            ("spec", .object([
                ("replicas", .int(3)), ("paused", .bool(false)), ("ratio", .scalar(.double(0.5))),
                ("items", .list([.string("a"), .object([("name", .string("b")), ("port", .int(80))]), .list([.int(1), .int(2)])])),
                ("empty", .map([])), ("none", .list([])),
            ])),
            ("metadata", .object([("name", .string("x")), ("labels", .object([("app.kubernetes.io/name", .string("x"))]))])),
            ("kind", .string("Thing")), ("apiVersion", .string("v1")),
        ])
        let text = YAMLWriter.render(document)
        XCTAssertTrue(text.hasPrefix("apiVersion: v1\nkind: Thing\nmetadata:\n"), text)
        let read = try XCTUnwrap(try roundTrip(document) as? [String: Any])
        let spec = try XCTUnwrap(read["spec"] as? [String: Any])
        XCTAssertEqual(spec["replicas"] as? Int, 3)
        XCTAssertEqual(spec["paused"] as? Bool, false)
        XCTAssertEqual(spec["ratio"] as? Double, 0.5)
        let items = try XCTUnwrap(spec["items"] as? [Any])
        XCTAssertEqual(items[0] as? String, "a")
        XCTAssertEqual((items[1] as? [String: Any])?["port"] as? Int, 80)
        XCTAssertEqual(items[2] as? [Int], [1, 2])
        XCTAssertEqual((spec["empty"] as? [String: Any])?.count, 0)
        XCTAssertEqual((spec["none"] as? [Any])?.count, 0)
        XCTAssertFalse(text.contains(" \n"), "no trailing spaces")
    }

    func testRenderingIsStable() {
        let document = Document.object([("b", .int(1)), ("a", .string("x")), ("spec", .int(2))])
        XCTAssertEqual(YAMLWriter.render(document), "spec: 2\na: x\nb: 1\n")
    }
}
