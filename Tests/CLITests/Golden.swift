import Foundation
import XCTest

/// Compares command output with `golden/<path>`, byte for byte. `UPDATE_GOLDEN=1` rewrites the
/// golden and fails, so a rewrite is always looked at before it is committed.
func assertGolden(_ path: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = repositoryRoot.appendingPathComponent("golden/\(path)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("golden/\(path) rewritten (UPDATE_GOLDEN=1): review the diff, then run without it", file: file, line: line)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    XCTAssertEqual(actual, expected, "golden/\(path) differs", file: file, line: line)
}
