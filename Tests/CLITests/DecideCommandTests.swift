import Foundation
import TestSupport
import XCTest

/// `ttlc decide` on the blueprint fixture: each metrics file's decision (text and JSON) against
/// golden/decide/, byte for byte. `UPDATE_GOLDEN=1` rewrites the goldens and fails.
final class DecideCommandTests: XCTestCase {
    private let fixtures = "Tests/Fixtures/decide"
    private let now = "2026-11-25T21:01:00Z"
    /// A state that is never created (decide without --apply only reads): not the default
    /// `.ttlc/state.git`, which the README's walk-through applies to in the repository root.
    private let absentState = "Tests/Fixtures/decide/never-applied.git"

    private func assertGolden(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertGoldenText(actual, "decide/\(name)", file: file, line: line)
    }

    private func decide(_ metrics: String, _ extra: [String] = []) throws -> CommandResult {
        try runTTLC(["decide", "\(fixtures)/spec", "--metrics", "\(fixtures)/\(metrics).json", "--now", now, "--state", absentState] + extra)
    }

    func testDecisionsMatchTheirGoldens() throws {
        for name in ["worked-example", "low-load", "at-max", "stale", "missing"] {
            let text = try decide(name)
            XCTAssertEqual(text.status, 0, text.stderr)
            try assertGolden("\(name).txt", text.stdout)
            let json = try decide(name, ["--format", "json"])
            XCTAssertEqual(json.status, 0, json.stderr)
            try assertGolden("\(name).json", json.stdout)
        }
    }

    func testWorkedExampleScalesTwoToThree() throws {
        let result = try decide("worked-example", ["--format", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["format_version"] as? String, "1.1")
        let decision = try XCTUnwrap((object["decisions"] as? [[String: Any]])?.first)
        XCTAssertEqual(decision["from"] as? Int, 2)
        XCTAssertEqual(decision["to"] as? Int, 3)
        XCTAssertEqual(decision["utilization"] as? Double, 0.815)
        XCTAssertEqual(decision["verdict"] as? String, "allowed")
    }

    func testMalformedMetricsAreALocatedErrorAndExitOne() throws {
        let wrong = try decide("wrong-type")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.stdout, "")
        XCTAssertTrue(
            wrong.stderr.hasPrefix("\(fixtures)/wrong-type.json:3:52: error: services[0].cpu_percent: expected a number, found a string [decide.metrics]\n"),
            wrong.stderr)
        let broken = try decide("not-json")
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.hasPrefix("\(fixtures)/not-json.json:3:39: error: not JSON: string or '}' expected near ',' [decide.metrics]\n"), broken.stderr)
        // A raw NUL after a number, which jansson's lexer skipped (the metrics were then used).
        let metrics = try String(contentsOfFile: "\(fixtures)/worked-example.json", encoding: .utf8)
        let cut = try XCTUnwrap(metrics.range(of: "\"replicas\": 2"))
        let withNUL = Data(metrics[..<cut.upperBound].utf8) + Data([0]) + Data(metrics[cut.upperBound...].utf8)
        let nul = try runTTLC(["decide", "\(fixtures)/spec", "--metrics", "-", "--now", "2026-11-25T21:01:00Z"], input: withNUL)
        XCTAssertEqual(nul.status, 1, nul.text)
        XCTAssertTrue(nul.stderr.hasPrefix("<stdin>:"), nul.stderr)
        XCTAssertTrue(nul.stderr.contains(": error: not JSON: a NUL byte [decide.metrics]"), nul.stderr)
    }

    func testBadOptionsAreErrors() throws {
        let time = try decide("worked-example", ["--now", "yesterday"])
        XCTAssertEqual(time.status, 1)
        XCTAssertEqual(time.stderr, "error: --now yesterday is not an RFC 3339 time such as 2026-11-25T21:00:00Z [decide.input]\n")
        let missing = try runTTLC(["decide", "\(fixtures)/spec", "--metrics", "\(fixtures)/no-such.json"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "error: metrics: cannot read \(fixtures)/no-such.json: No such file or directory [decide.input]\n")
    }
}
