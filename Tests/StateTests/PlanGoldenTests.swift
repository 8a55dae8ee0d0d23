import Foundation
import TestSupport
import XCTest

/// The human plan and the JSON plan for a set of spec changes, against a state holding the
/// example specs plus Tests/Fixtures/state/echo.ttl, held to `golden/plan/`. Commit ids and
/// digests change with every run (commits carry their time), so they are masked.
/// `UPDATE_GOLDEN=1` rewrites the files and fails, so a rewrite is always looked at.
final class PlanGoldenTests: XCTestCase {
    let scenarios: [(name: String, change: (Workspace) throws -> Void, exit: Int32)] = [
        ("scale-within-bounds", { try $0.edit("services.ttl", "tc:min 2 ; tc:max 8 ;", "tc:min 4 ; tc:max 8 ;") }, 2),
        ("scale-beyond-bounds", { try $0.edit("services.ttl", "tc:min 2 ; tc:max 8 ;", "tc:min 9 ; tc:max 12 ;") }, 3),
        ("add-service", { space in
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent("Tests/Fixtures/state/whoami.ttl"), to: space.root.appendingPathComponent("specs/whoami.ttl"))
        }, 2),
        ("remove-service", { try $0.remove("echo.ttl") }, 2),
        ("change-bgp-peer", { try $0.edit("aegis.ttl", "tc:maxPrefixes 1000 ;", "tc:maxPrefixes 2000 ;") }, 2),
        ("rotate-image", { try $0.edit("aegis.ttl", "river:1.4.2", "river:1.5.0") }, 2),
    ]

    func testPlanGoldens() throws {
        let space = try Workspace()
        try space.approveAndApply()
        let pristine = space.root.appendingPathComponent("pristine")
        try FileManager.default.copyItem(at: space.root.appendingPathComponent("specs"), to: pristine)
        for scenario in scenarios {
            try FileManager.default.removeItem(at: space.root.appendingPathComponent("specs"))
            try FileManager.default.copyItem(at: pristine, to: space.root.appendingPathComponent("specs"))
            try scenario.change(space)
            for format in ["text", "json"] {
                let result = try space.ttlc(["plan", "specs", "--state", "state.git", "--format", format])
                XCTAssertEqual(result.status, scenario.exit, "\(scenario.name) \(format): \(result.stderr)")
                try assertGoldenText(Self.masked(result.stdout), "plan/\(scenario.name).\(format == "text" ? "txt" : "json")")
            }
        }
    }

    static func masked(_ text: String) -> String {
        text.replacing(/[0-9a-f]{64}/, with: "<digest>").replacing(/[0-9a-f]{40}/, with: "<commit>").replacing(/base [0-9a-f]{12}/, with: "base <commit>")
    }
}
