import Foundation
import XCTest

/// Hand edits in the state show as drift; spec objects removed show as `-` and are governed.
final class DriftTests: XCTestCase {
    /// Commits a hand edit to the state through a clone, as someone fixing a cluster would.
    private func handEdit(_ space: Workspace, _ path: String, append text: String) throws {
        let work = space.root.appendingPathComponent("hand").path
        try? FileManager.default.removeItem(atPath: work)
        XCTAssertEqual(try space.git(["clone", "-q", space.state, work], in: space.root.path).status, 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: work + "/" + path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        try "stray\n".write(toFile: work + "/apps/edge/stray.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(try space.git(["add", "-A"], in: work).status, 0)
        XCTAssertEqual(try space.git(["commit", "-q", "-m", "hotfix by hand"], in: work).status, 0)
        XCTAssertEqual(try space.git(["push", "-q", "origin", "main"], in: work).status, 0)
    }

    func testHandEditsShowAsDriftAndApplyRestoresTheSpec() throws {
        let space = try Workspace()
        try space.approveAndApply()
        try handEdit(space, "bgp/fra1-n1/global.conf", append: "# tuned by hand\n")
        let plan = try space.ttlc(["plan", "specs", "--state", space.state, "--format", "json"])
        XCTAssertEqual(plan.status, 2, plan.text)
        XCTAssertTrue(plan.stdout.contains(#""path": "bgp/fra1-n1/global.conf",\#n      "kind": "changed""#), plan.stdout)
        XCTAssertTrue(plan.stdout.contains(#""path": "apps/edge/stray.txt",\#n      "kind": "added""#), plan.stdout)
        let text = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertTrue(text.stdout.contains("Drift (changed in the state outside ttlc"), text.stdout)
        XCTAssertTrue(text.stdout.contains("-# tuned by hand"), text.stdout)

        XCTAssertEqual(try space.approveAndApply().count, 40)
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state]).status, 0)
        XCTAssertNotEqual(try space.git(["cat-file", "-e", "main:apps/edge/stray.txt"]).status, 0)
    }

    /// A hand commit that deletes the state's inventory and edits its stored model: both are
    /// drift, and apply writes them back (the plan once said "no changes" for ever after).
    func testAHandCommitOnTheInventoryOrModelIsDriftAndApplyRestoresThem() throws {
        let space = try Workspace()
        let applied = try space.approveAndApply()
        let work = space.root.appendingPathComponent("hand").path
        XCTAssertEqual(try space.git(["clone", "-q", space.state, work], in: space.root.path).status, 0)
        XCTAssertEqual(try space.git(["rm", "-q", ".ttlc/inventory.json"], in: work).status, 0)
        let model = work + "/.ttlc/model.json"
        let original = try String(contentsOfFile: model, encoding: .utf8)
        try (original + " ").write(toFile: model, atomically: true, encoding: .utf8)
        XCTAssertEqual(try space.git(["commit", "-q", "-am", "tidy by hand"], in: work).status, 0)
        XCTAssertEqual(try space.git(["push", "-q", "origin", "main"], in: work).status, 0)

        let plan = try space.ttlc(["plan", "specs", "--state", space.state, "--format", "json"])
        XCTAssertEqual(plan.status, 2, plan.text)
        XCTAssertTrue(plan.stdout.contains(#""path": ".ttlc/inventory.json",\#n      "kind": "removed""#), plan.stdout)
        XCTAssertTrue(plan.stdout.contains(#""path": ".ttlc/model.json",\#n      "kind": "changed""#), plan.stdout)
        try space.approveAndApply()
        XCTAssertEqual(try space.git(["rev-parse", "main:.ttlc/inventory.json"]).stdout, try space.git(["rev-parse", "\(applied):.ttlc/inventory.json"]).stdout)
        XCTAssertEqual(try space.git(["show", "main:.ttlc/model.json"]).stdout, original)
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state]).status, 0)
    }

    func testRemovedServiceIsDeletedUnderGovernance() throws {
        let space = try Workspace()
        try space.approveAndApply()
        try space.remove("echo.ttl")
        let plan = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertEqual(plan.status, 2, plan.text)
        for target in ["Deployment/edge/echo", "Service/edge/echo", "ServiceAccount/edge/echo"] {
            XCTAssertTrue(plan.stdout.contains("  - \(target)  (apps/edge/echo/"), plan.stdout)
        }
        XCTAssertTrue(plan.stdout.contains("  - Service echo\n"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("[needs approval] delete: governance default verdict"), plan.stdout)
        try space.approveAndApply()
        XCTAssertEqual(try space.git(["ls-tree", "-r", "--name-only", "main", "apps/edge/echo"]).stdout, "")
    }

    func testDeletingANamespaceIsForbidden() throws {
        let space = try Workspace(extras: ["echo.ttl", "scratch.ttl"])
        let head = try space.approveAndApply()
        try space.remove("scratch.ttl")
        let plan = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertEqual(plan.status, 3, plan.text)
        XCTAssertTrue(plan.stdout.contains("  - Namespace/scratch  (infrastructure/namespaces/scratch/namespace.yaml)\n      [FORBIDDEN] delete: governance policy at "), plan.stdout)
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state]).status, 3)
        XCTAssertEqual(try space.head(), head)
    }
}
