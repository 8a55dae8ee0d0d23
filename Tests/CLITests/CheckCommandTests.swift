import Foundation
import XCTest

final class CheckCommandTests: XCTestCase {
    func testExampleSpecsAreValid() throws {
        let result = try runTTLC(["check", "specs"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains(": error:"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix(" warnings\n") || result.stderr.isEmpty, result.stderr)
    }

    func testJSONReport() throws {
        let result = try runTTLC(["check", "--format", "json", "specs"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["format_version"] as? String, "1.0")
        XCTAssertEqual(object["valid"] as? Bool, true)
        XCTAssertEqual(object["errors"] as? Int, 0)
        let diagnostics = try XCTUnwrap(object["diagnostics"] as? [[String: Any]])
        XCTAssertTrue(diagnostics.allSatisfy { $0["severity"] as? String == "warning" })
    }

    func testErrorsArePrintedWithCaretsSortedAndExitOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            @prefix tc: <https://w3id.org/ttlc#> .
            @prefix :   <https://example.org/aegis#> .
            :b a tc:Servce .
            :a a tc:Peer ; tc:colour "red" .
            """.write(to: directory.appendingPathComponent("bad.ttl"), atomically: true, encoding: .utf8)
        let result = try runTTLC(["check", "bad.ttl"], directory: directory)
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "bad.ttl:3:6: error: unknown class tc:Servce (did you mean tc:Service?) [spec.unknownClass]")
        XCTAssertEqual(lines[1], " 3 | :b a tc:Servce .")
        XCTAssertEqual(lines[2], "   |      ^")
        XCTAssertTrue(lines.contains("bad.ttl:4:16: error: unknown property tc:colour [spec.unknownProperty]"), result.stderr)
        XCTAssertTrue(result.stderr.contains(" errors, "), result.stderr)
    }

    func testMissingPathIsAnError() throws {
        let result = try runTTLC(["check", "no-such-folder"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "error: cannot read 'no-such-folder': No such file or directory [input.unreadable]\n1 error, 0 warnings\n")
    }
}
