import Foundation
import XCTest

/// A state that cannot be used is a clear error, exit 1, and stays as it was.
final class BadStateTests: XCTestCase {
    func testFolderThatIsNotARepository() throws {
        let space = try Workspace()
        try FileManager.default.createDirectory(atPath: space.state, withIntermediateDirectories: true)
        try "not git\n".write(toFile: space.state + "/README", atomically: true, encoding: .utf8)
        for command in [["plan", "specs"], ["apply", "specs"]] {
            let result = try space.ttlc(command + ["--state", space.state])
            XCTAssertEqual(result.status, 1, result.text)
            XCTAssertTrue(result.stderr.contains("error: the state \(space.state) is not a git repository"), result.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: space.state), ["README"])
    }

    func testRepositoryWithoutTheBranch() throws {
        let space = try Workspace()
        let work = space.root.appendingPathComponent("work").path
        XCTAssertEqual(try space.git(["init", "-q", "-b", "dev", work], in: space.root.path).status, 0)
        try "x\n".write(toFile: work + "/x", atomically: true, encoding: .utf8)
        XCTAssertEqual(try space.git(["add", "x"], in: work).status, 0)
        XCTAssertEqual(try space.git(["commit", "-q", "-m", "x"], in: work).status, 0)
        XCTAssertEqual(try space.git(["clone", "-q", "--bare", work, space.state], in: space.root.path).status, 0)
        let result = try space.ttlc(["apply", "specs", "--state", space.state])
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(result.stderr.contains("has commits but no branch main"), result.stderr)
        XCTAssertNil(try space.head())
    }

    /// Commands that need an applied state, on none: said as it is (they once said the state
    /// "has commits but no branch main" of a path where nothing exists).
    func testHistoryAndRollbackOfAStateNothingWasAppliedTo() throws {
        let space = try Workspace()
        let missing = space.root.appendingPathComponent("nowhere.git").path
        for arguments in [["history", "--state", missing], ["rollback", "HEAD", "--state", missing]] {
            let result = try space.ttlc(arguments)
            XCTAssertEqual(result.status, 1, result.text)
            XCTAssertTrue(result.stderr.contains("nothing has been applied to the state \(missing) yet (no branch main)"), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }

    /// A value no output can carry (DEL, which kustomize refuses even escaped) stops plan and
    /// apply as it stops build, located in the spec, and the state keeps its head. Plan finds it
    /// in the files it renders once and then compares.
    func testAValueNoOutputCanCarryStopsPlanAndApply() throws {
        let space = try Workspace()
        let applied = try space.approveAndApply()
        let spec = space.root.appendingPathComponent("specs/aegis.ttl")
        let text = try String(contentsOf: spec, encoding: .utf8)
        XCTAssertTrue(text.contains("tc:value \"info\""))
        try text.replacingOccurrences(of: "tc:value \"info\"", with: "tc:value \"in\\u007Ffo\"").write(to: spec, atomically: true, encoding: .utf8)
        for arguments in [["plan", "specs", "--state", space.state], ["apply", "specs", "--state", space.state]] {
            let result = try space.ttlc(arguments)
            XCTAssertEqual(result.status, 1, result.text)
            XCTAssertTrue(result.stderr.contains("aegis.ttl:53:51: error: a value of Deployment river-proxy holds U+007F"), result.stderr)
            XCTAssertTrue(result.stderr.contains("[build.unwritableCharacter]"), result.stderr)
        }
        XCTAssertEqual(try space.git(["rev-parse", "refs/heads/main"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines), applied)
    }

    /// A branch that is a symbolic reference is refused by name, before any apply (each one
    /// failed with "the branch is now at X" where the plan was made against X).
    func testASymbolicBranchIsRefusedByName() throws {
        let space = try Workspace()
        let applied = try space.approveAndApply()
        XCTAssertEqual(try space.git(["branch", "other", "main"]).status, 0)
        XCTAssertEqual(try space.git(["symbolic-ref", "refs/heads/main", "refs/heads/other"]).status, 0)
        for arguments in [["plan", "specs", "--state", space.state], ["apply", "specs", "--state", space.state]] {
            let result = try space.ttlc(arguments)
            XCTAssertEqual(result.status, 1, result.text)
            XCTAssertTrue(result.stderr.contains("branch main is a symbolic reference to refs/heads/other"), result.stderr)
        }
        XCTAssertEqual(try space.git(["rev-parse", "refs/heads/other"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines), applied)
    }

    /// A ref lock left by a git process that stopped: apply names the file and what to do (the
    /// message once ended at "for writing: "), the branch stays, and once the lock is gone the
    /// same apply goes through.
    func testALeftoverRefLockIsNamedWithItsRemedy() throws {
        let space = try Workspace()
        let head = try space.approveAndApply()
        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        let lock = space.state + "/refs/heads/main.lock"
        XCTAssertTrue(FileManager.default.createFile(atPath: lock, contents: Data()))
        let result = try space.ttlc(["apply", "specs", "--state", space.state])
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(
            result.stderr.contains(
                "error: cannot move branch main: failed to lock file '\(lock)' for writing; another git process is writing the branch, or one stopped before removing its lock: when none runs on the state, remove the .lock file and apply again"),
            result.stderr)
        XCTAssertEqual(try space.head(), head)
        try FileManager.default.removeItem(atPath: lock)
        let retried = try space.ttlc(["apply", "specs", "--state", space.state])
        XCTAssertEqual(retried.status, 0, retried.text)
        XCTAssertNotEqual(try space.head(), head)
        try space.assertFsckClean()
    }

    /// A branch name git refuses is said to be one (it was reported as a damaged state
    /// repository): in the spec, by `ttlc check`'s pattern before any state is read; in a
    /// saved plan file edited by hand, when the state is read.
    func testABranchNameGitRefusesIsNamed() throws {
        let space = try Workspace()
        try space.edit("aegis.ttl", "tc:branch \"main\"", "tc:branch \"release.lock\"")
        for command in [["plan", "specs"], ["apply", "specs"]] {
            let result = try space.ttlc(command + ["--state", space.state])
            XCTAssertEqual(result.status, 1, result.text)
            XCTAssertTrue(result.stderr.contains("tc:branch \"release.lock\": expected a Git branch name"), result.stderr)
            XCTAssertTrue(result.stderr.contains("[shape.pattern]"), result.stderr)
        }
        try space.edit("aegis.ttl", "tc:branch \"release.lock\"", "tc:branch \"main\"")
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"]).status, 2)
        let path = space.root.appendingPathComponent("plan.json").path
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        try saved.replacingOccurrences(of: #""branch": "main""#, with: #""branch": "release.lock""#).write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try space.ttlc(["apply", "plan.json", "--approve"])
        XCTAssertEqual(edited.status, 1, edited.text)
        XCTAssertTrue(edited.stderr.contains("error: \"release.lock\" is not a valid git branch name"), edited.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: space.state + "/refs/heads/release.lock"))
    }

    /// A state path that climbs out of the repository is refused (history showed an empty
    /// history there, exit 0).
    func testAPathOutsideTheRepositoryIsRefused() throws {
        let space = try Workspace()
        try space.approveAndApply()
        let result = try space.ttlc(["history", "--state", space.state, "--path", "../.."])
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(result.stderr.contains("error: --path ../.. climbs out of the state repository with ..: name a folder inside it"), result.stderr)
    }

    func testCorruptRefs() throws {
        let space = try Workspace()
        try space.approveAndApply()
        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        let ref = space.state + "/refs/heads/main"
        for garbage in ["not a commit id\n", String(repeating: "ab", count: 20) + "\n"] {
            try garbage.write(toFile: ref, atomically: true, encoding: .utf8)
            for command in [["plan", "specs"], ["apply", "specs"]] {
                let result = try space.ttlc(command + ["--state", space.state])
                XCTAssertEqual(result.status, 1, result.text)
                XCTAssertTrue(result.stderr.contains("error: the state repository is damaged: branch main"), result.stderr)
            }
            XCTAssertEqual(try String(contentsOfFile: ref, encoding: .utf8), garbage)
        }
    }

    func testReadOnlyState() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root for a private mount namespace (unshare -m)") }
        let space = try Workspace()
        let head = try space.approveAndApply()
        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        let objects = try space.git(["count-objects", "-v"]).stdout
        // The state read-only in a private mount namespace, as on a read-only volume.
        let script = "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && exec \"$2\" apply specs --state \"$1\""
        let result = try space.run("/usr/bin/unshare", ["-m", "/bin/sh", "-c", script, "sh", space.state, Workspace.ttlc.path])
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(result.stderr.contains("Read-only file system"), result.stderr)
        XCTAssertEqual(try space.head(), head)
        XCTAssertEqual(try space.git(["count-objects", "-v"]).stdout, objects)
        try space.assertFsckClean()
    }
}
