import Foundation
import XCTest

/// Compares output with `golden/<name>`; on a difference names the first differing line.
/// `UPDATE_GOLDEN=1` rewrites the file and fails, so a rewrite is always looked at.
func assertStateGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = repositoryRoot.appendingPathComponent("golden/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("golden/\(name) rewritten (UPDATE_GOLDEN=1): review the diff, then run without it", file: file, line: line)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard expected != actual else { return }
    let pairs = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), actual.split(separator: "\n", omittingEmptySubsequences: false))
    let first = pairs.enumerated().first { $0.element.0 != $0.element.1 }
    XCTFail("golden/\(name) differs at line \((first?.offset ?? 0) + 1): expected «\(first?.element.0 ?? "")», got «\(first?.element.1 ?? "")»; if intended, run UPDATE_GOLDEN=1 swift test", file: file, line: line)
}
