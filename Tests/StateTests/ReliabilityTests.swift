import Foundation
import XCTest

/// No lost updates and no broken state: racing applies, applies killed at random points, a
/// lock left behind, and a live lock.
final class ReliabilityTests: XCTestCase {
    func testTwoRacingAppliesLandExactlyOneCommitAndTheLoserCanReplan() throws {
        let first = try Workspace()
        let base = try first.approveAndApply()
        let second = try Workspace()
        try first.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        try second.edit("aegis.ttl", "dragonfly:v1.21.2", "dragonfly:v1.22.0")
        XCTAssertEqual(try first.ttlc(["plan", "specs", "--state", first.state, "--out", "plan.json"]).status, 2)
        XCTAssertEqual(try second.ttlc(["plan", "specs", "--state", first.state, "--out", "plan.json"]).status, 2)

        let a = try first.start(Workspace.ttlc, ["apply", "plan.json"], tag: "a")
        let b = try second.start(Workspace.ttlc, ["apply", "plan.json"], tag: "b")
        let results = [first.finish(a), second.finish(b)]
        XCTAssertEqual(results.map(\.status).sorted(), [0, 1], results.map(\.text).joined(separator: "\n"))
        let loser = results.first { $0.status == 1 }!
        XCTAssertTrue(loser.stderr.contains("state changed since plan; run plan again"), loser.stderr)
        XCTAssertEqual(try first.git(["rev-list", "--count", "main"]).stdout, "2\n")
        XCTAssertEqual(try first.git(["rev-parse", "main^"]).stdout, base + "\n")
        try first.assertFsckClean()

        // The loser takes the winner's spec change and applies again: both changes are in.
        let loserSpace = results[0].status == 1 ? first : second
        try loserSpace.edit("aegis.ttl", results[0].status == 1 ? "dragonfly:v1.21.2" : "river:1.4.2", results[0].status == 1 ? "dragonfly:v1.22.0" : "river:1.5.0")
        XCTAssertEqual(try loserSpace.ttlc(["apply", "specs", "--state", first.state]).status, 0)
        XCTAssertTrue(try first.git(["show", "main:apps/edge/river-proxy/deployment.yaml"]).stdout.contains("river:1.5.0"))
        XCTAssertTrue(try first.git(["show", "main:apps/edge/dragonfly/deployment.yaml"]).stdout.contains("dragonfly:v1.22.0"))
        try first.assertFsckClean()
    }

    func testApplyKilledAtRandomPointsLeavesTheOldOrTheNewCommit() throws {
        let space = try Workspace()
        try space.approveAndApply()
        // How long one apply takes here, to spread the kills over it.
        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        let started = Date()
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state]).status, 0)
        let duration = Date().timeIntervalSince(started)
        var generator = SystemRandomNumberGenerator()
        var landed = 0
        for run in 1...20 {
            let old = try XCTUnwrap(try space.head())
            let image = run % 2 == 0 ? "river:1.5.0" : "river:1.6.\(run)"
            let current = try String(contentsOf: space.root.appendingPathComponent("specs/aegis.ttl"), encoding: .utf8)
            try space.edit("aegis.ttl", String(current[try XCTUnwrap(current.firstRange(of: /river:[0-9.]+/))]), image)
            let process = try space.start(Workspace.ttlc, ["apply", "specs", "--state", space.state], tag: "kill\(run)")
            // Reading and compiling the spec takes most of an apply; the writes come last. Kills
            // fall from the middle of the compile to past the end, so some land among the writes.
            usleep(UInt32(Double.random(in: (duration * 0.5)...(duration * 1.3), using: &generator) * 1_000_000))
            kill(process.0.processIdentifier, SIGKILL)
            _ = space.finish(process)
            let now = try XCTUnwrap(try space.head(), "run \(run): the branch is gone")
            if now != old {
                XCTAssertEqual(try space.git(["rev-parse", "main^"]).stdout, old + "\n", "run \(run): the branch moved to an unrelated commit")
                landed += 1
            }
            XCTAssertEqual(try space.git(["cat-file", "-t", "main^{tree}"]).stdout, "tree\n", "run \(run)")
            XCTAssertEqual(try space.git(["ls-tree", "-r", "main"]).status, 0, "run \(run)")
            try space.assertFsckClean()
        }
        // Whatever the kills left (a lock of a dead process included), the next apply that has
        // something to write recovers.
        let last = try String(contentsOf: space.root.appendingPathComponent("specs/aegis.ttl"), encoding: .utf8)
        try space.edit("aegis.ttl", String(last[try XCTUnwrap(last.firstRange(of: /river:[0-9.]+/))]), "river:2.0.0")
        let recovered = try space.ttlc(["apply", "specs", "--state", space.state])
        XCTAssertEqual(recovered.status, 0, recovered.text)
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: space.state + "/ttlc-apply.lock"))
        print("SIGKILL runs: \(landed) of 20 landed their commit before the kill")
    }

    func testLockOfADeadProcessIsRecoveredAndALiveOneNamed() throws {
        let space = try Workspace()
        try space.approveAndApply()
        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        // A lock left by a process that no longer exists, and a ref lock beside it.
        let dead = try space.run("/bin/true", [])
        XCTAssertEqual(dead.status, 0)
        try "999999\n".write(toFile: space.state + "/ttlc-apply.lock", atomically: true, encoding: .utf8)
        try "".write(toFile: space.state + "/refs/heads/main.lock", atomically: true, encoding: .utf8)
        // And the pid file of an apply killed before it linked that file to the lock's name.
        try "999998\n".write(toFile: space.state + "/ttlc-apply.lock.999998.tmp", atomically: true, encoding: .utf8)
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: space.state + "/refs/heads/main.lock"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: space.state + "/ttlc-apply.lock.999998.tmp"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: space.state + "/ttlc-apply.lock"))

        // A live holder: the apply waits, then names the file and the remedy.
        let holder = try space.start(URL(fileURLWithPath: "/bin/sleep"), ["30"], tag: "holder")
        defer {
            holder.0.terminate()
            _ = space.finish(holder)
        }
        try "\(holder.0.processIdentifier)\n".write(toFile: space.state + "/ttlc-apply.lock", atomically: true, encoding: .utf8)
        try space.edit("aegis.ttl", "river:1.5.0", "river:1.5.1")
        let head = try space.head()
        let locked = try space.ttlc(["apply", "specs", "--state", space.state])
        XCTAssertEqual(locked.status, 1, locked.text)
        XCTAssertTrue(locked.stderr.contains("the state is locked by process \(holder.0.processIdentifier): \(space.state)/ttlc-apply.lock"), locked.stderr)
        XCTAssertTrue(locked.stderr.contains("if that process is gone, remove the file"), locked.stderr)
        XCTAssertEqual(try space.head(), head)
    }
}
