import EmitterTestSupport
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
        try assertGoldenFolder(BIRDEmitter.files(try fixtureModel(fixture, file: file, line: line)), "bgp-\(fixture)", file: file, line: line)
    }
}
