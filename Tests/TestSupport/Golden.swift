import Foundation
import XCTest

/// Golden files under `golden/`, compared byte for byte (swift-snapshot-testing's habit: verify
/// by default; `UPDATE_GOLDEN=1` rewrites and still fails, so that a rewrite is always looked at
/// before it is committed; CI never sets it).
public enum Golden {
    public static var rewriting: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    public static func url(_ name: String) -> URL { repositoryRoot.appendingPathComponent("golden/\(name)") }

    /// The failure a rewrite reports.
    public static func rewritten(_ name: String, file: StaticString, line: UInt) {
        XCTFail("golden/\(name) rewritten (UPDATE_GOLDEN=1): review the diff, then run without it", file: file, line: line)
    }

    /// The first line (1-based) where two texts differ, with both versions of it; nil when
    /// every line they share is equal.
    public static func firstDifference(_ expected: String, _ actual: String) -> (line: Int, expected: Substring, actual: Substring)? {
        let pairs = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), actual.split(separator: "\n", omittingEmptySubsequences: false))
        guard let (offset, (want, got)) = pairs.enumerated().first(where: { $0.element.0 != $0.element.1 }) else { return nil }
        return (offset + 1, want, got)
    }
}

/// Compares `actual` with the file `golden/<name>`; a difference names its first differing line.
public func assertGoldenText(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    try assertCommittedText(actual, at: Golden.url(name), shown: "golden/\(name)", file: file, line: line)
}

/// Compares `actual` with a committed file at `url` (a golden file, or a source file made by a
/// test), named `shown` in failures; `UPDATE_GOLDEN=1` rewrites it and fails.
public func assertCommittedText(_ actual: String, at url: URL, shown: String, file: StaticString = #filePath, line: UInt = #line) throws {
    if Golden.rewriting {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("\(shown) rewritten (UPDATE_GOLDEN=1): review the diff, then run without it", file: file, line: line)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard expected != actual else { return }
    let first = Golden.firstDifference(expected, actual)
    let at = first.map { " at line \($0.line): expected «\($0.expected)», got «\($0.actual)»" } ?? " (one is a prefix of the other)"
    XCTFail("\(shown) differs\(at); if intended, run UPDATE_GOLDEN=1 swift test", file: file, line: line)
}
