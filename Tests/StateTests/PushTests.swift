import Foundation
import XCTest

/// `apply --push`: the branch reaches the remote, and a remote's refusal (the call failing, or a
/// per-reference status while the call succeeds) is an error that leaves both sides as they were.
final class PushTests: XCTestCase {
    func testPushReachesTheRemote() throws {
        let space = try Workspace()
        let remote = space.root.appendingPathComponent("remote.git").path
        XCTAssertEqual(try space.git(["init", "-q", "--bare", remote], in: space.root.path).status, 0)
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"]).status, 2)
        let result = try space.ttlc(["apply", "plan.json", "--approve", "--push", "file://" + remote])
        XCTAssertEqual(result.status, 0, result.text)
        XCTAssertEqual(try space.git(["rev-parse", "main"], in: remote).stdout, try space.head().map { $0 + "\n" })
    }

    func testNonFastForwardOverFileIsRefusedAndNothingMoves() throws {
        let space = try Workspace()
        let local = try space.approveAndApply()
        // A remote whose main has history of its own.
        let remote = space.root.appendingPathComponent("remote.git").path
        let work = space.root.appendingPathComponent("work").path
        XCTAssertEqual(try space.git(["init", "-q", "-b", "main", work], in: space.root.path).status, 0)
        try "theirs\n".write(toFile: work + "/theirs", atomically: true, encoding: .utf8)
        XCTAssertEqual(try space.git(["add", "theirs"], in: work).status, 0)
        XCTAssertEqual(try space.git(["commit", "-q", "-m", "theirs"], in: work).status, 0)
        XCTAssertEqual(try space.git(["clone", "-q", "--bare", work, remote], in: space.root.path).status, 0)
        let theirs = try space.git(["rev-parse", "main"], in: remote).stdout

        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        let result = try space.ttlc(["apply", "specs", "--state", space.state, "--push", "file://" + remote])
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(result.stderr.contains("error: push refused"), result.stderr)
        XCTAssertEqual(try space.head(), local, "the local branch goes back when the push fails")
        XCTAssertEqual(try space.git(["rev-parse", "main"], in: remote).stdout, theirs)
        try space.assertFsckClean()
    }

    func testGitDaemonWhosePreReceiveHookDeclines() throws {
        let space = try Workspace()
        let local = try space.approveAndApply()
        let served = space.root.appendingPathComponent("served").path
        let remote = served + "/fleet.git"
        XCTAssertEqual(try space.git(["init", "-q", "--bare", remote], in: space.root.path).status, 0)
        let hook = remote + "/hooks/pre-receive"
        try "#!/bin/sh\necho 'fleet policy: pushes go through review' >&2\nexit 1\n".write(toFile: hook, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(hook, 0o755), 0)

        let port = 20_000 + Int(getpid() % 20_000)
        let daemon = try space.start(
            URL(fileURLWithPath: "/usr/bin/git"),
            ["daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", "--base-path=\(served)", "--export-all", "--enable=receive-pack", served],
            tag: "daemon")
        defer {
            daemon.0.terminate()
            _ = space.finish(daemon)
        }
        let url = "git://127.0.0.1:\(port)/fleet.git"
        var ready = false
        for _ in 0..<50 where !ready {
            ready = try space.git(["ls-remote", url], in: space.root.path).status == 0
            if !ready { usleep(100_000) }
        }
        XCTAssertTrue(ready, "git daemon did not start")

        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        let result = try space.ttlc(["apply", "specs", "--state", space.state, "--push", url])
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(result.stderr.contains("error: push refused"), result.stderr)
        XCTAssertTrue(result.stderr.contains("refs/heads/main: pre-receive hook declined"), result.stderr)
        XCTAssertEqual(try space.head(), local)
        XCTAssertNotEqual(try space.git(["rev-parse", "--verify", "-q", "main"], in: remote).status, 0, "the remote got nothing")
    }
}
