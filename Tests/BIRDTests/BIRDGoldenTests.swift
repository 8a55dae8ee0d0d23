import Foundation
import Planner
import XCTest

@testable import Emitters

/// Each emitter fixture's BIRD files (configs, scripts, ConfigMap and DaemonSet) compared byte
/// for byte with `golden/bgp-<fixture>/`. Verify by default; `UPDATE_GOLDEN=1` rewrites the
/// folder and still fails, so that a rewrite is always looked at; CI never sets it.
final class BIRDGoldenTests: XCTestCase {
    func testAllPeerTypesMatchesGolden() throws { try assertGolden("all-peer-types") }

    func testLongNamesMatchesGolden() throws { try assertGolden("long-names") }

    func testNamespaceLabMatchesGolden() throws { try assertGolden("netns") }

    private func assertGolden(_ fixture: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let files = BIRDEmitter.files(try fixtureModel(fixture, file: file, line: line))
        let name = "bgp-\(fixture)"
        let folder = repositoryRoot.appendingPathComponent("golden/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try OutputTree.write(files, to: folder.path)
            XCTFail("golden/\(name) rewritten (UPDATE_GOLDEN=1): review the diff, then run without it", file: file, line: line)
            return
        }
        let differences = OutputTree.compare(files, with: folder.path)
        XCTAssertEqual(differences, [], "golden/\(name) differs; if the change is intended, run UPDATE_GOLDEN=1 swift test --filter BIRDGoldenTests", file: file, line: line)
        for case .changed(let path) in differences {
            let expected = (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
            let actual = text(files.first { $0.path == path }!)
            let pairs = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), actual.split(separator: "\n", omittingEmptySubsequences: false))
            if let (number, (want, got)) = pairs.enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                XCTFail("\(path):\(number + 1): expected «\(want)», got «\(got)»", file: file, line: line)
            }
        }
    }
}
