import Foundation
import TestSupport
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

    /// A file nested 20,000 levels deep on one line: a located error, not a crash in serd, and
    /// an excerpt of the line around the column, not its 200 KB.
    func testDeepNestingOnOneLongLineIsALocatedErrorWithAClippedExcerpt() throws {
        let directory = try scratchFolder()
        let levels = 20_000
        let line = ":a :p " + String(repeating: "[ :p ", count: levels) + "1" + String(repeating: " ]", count: levels) + " ."
        try ("@prefix : <https://example.org/#> .\n" + line + "\n").write(to: directory.appendingPathComponent("deep.ttl"), atomically: true, encoding: .utf8)
        let result = try runTTLC(["check", "deep.ttl"], directory: directory)
        XCTAssertEqual(result.status, 1)
        let column = 6 + 256 * 5 + 1
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "deep.ttl:2:\(column): error: nesting deeper than 256 levels of [ ] and ( ) [syntax.nesting]")
        let start = line.index(line.startIndex, offsetBy: column - 1 - 80)
        XCTAssertEqual(lines[1], " 2 | ..." + line[start..<line.index(start, offsetBy: 160)] + "...")
        // The caret under the bracket: gutter, "...", then the 80 characters before it.
        XCTAssertEqual(lines[2], "   | " + String(repeating: " ", count: 3 + 80) + "^")
    }

    func testMissingPathIsAnError() throws {
        let result = try runTTLC(["check", "no-such-folder"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "error: cannot read 'no-such-folder': No such file or directory [input.unreadable]\n1 error, 0 warnings\n")
    }
}
