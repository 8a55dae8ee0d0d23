import Foundation
import XCTest

/// Apply end to end: the first apply, autonomous and approval-level changes, forbidden ones,
/// stale plans, history and rollback, each checked with the git CLI.
final class ApplyTests: XCTestCase {
    func testFirstApplyCreatesABareStateWithOneCommitAuditAndModel() throws {
        let space = try Workspace()
        let commit = try space.approveAndApply()
        XCTAssertEqual(try space.git(["rev-parse", "--is-bare-repository"]).stdout, "true\n")
        XCTAssertEqual(try space.git(["rev-list", "--count", "main"]).stdout, "1\n")
        let files = try space.git(["ls-tree", "-r", "--name-only", "main"]).stdout
        for path in [".ttlc/audit.jsonl", ".ttlc/model.json", ".ttlc/inventory.json", "apps/edge/echo/deployment.yaml", "bgp/fra1-n1/bird.conf"] {
            XCTAssertTrue(files.contains(path + "\n"), "\(path) missing from the commit")
        }
        let audit = try space.git(["show", "main:.ttlc/audit.jsonl"]).stdout
        XCTAssertEqual(audit.split(separator: "\n").count, 1)
        XCTAssertTrue(audit.contains("\"approval\":{\"approver\":\"Ada Reviewer <ada@example.org>\""), audit)
        XCTAssertTrue(audit.contains("\"base\":null"), audit)
        try space.assertFsckClean()

        // Nothing changed: exit 0 and no new commit.
        let plan = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertEqual(plan.status, 0, plan.text)
        XCTAssertTrue(plan.stdout.contains("No changes"), plan.stdout)
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state]).status, 0)
        XCTAssertEqual(try space.head(), commit)
    }

    func testAutonomousChangeAppliesFromSpecsAsOneCommitOnTheOldHead() throws {
        let space = try Workspace()
        let base = try space.approveAndApply()
        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        let apply = try space.ttlc(["apply", "specs", "--state", space.state, "--message", "Roll out river 1.5.0"])
        XCTAssertEqual(apply.status, 0, apply.text)
        XCTAssertEqual(try space.git(["rev-parse", "main^"]).stdout, base + "\n")
        XCTAssertEqual(try space.git(["log", "-1", "--format=%s", "main"]).stdout, "Roll out river 1.5.0\n")
        XCTAssertTrue(try space.git(["show", "main:apps/edge/river-proxy/deployment.yaml"]).stdout.contains("river:1.5.0"))
        let diff = try space.git(["diff", "--name-only", "main^", "main"]).stdout
        XCTAssertEqual(diff, ".ttlc/audit.jsonl\n.ttlc/inventory.json\n.ttlc/model.json\napps/edge/river-proxy/deployment.yaml\n")
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state]).status, 0)
    }

    func testApprovalLevelChangeNeedsASavedApprovedPlan() throws {
        let space = try Workspace()
        let base = try space.approveAndApply()
        try space.edit("aegis.ttl", "tc:maxPrefixes 1000 ;", "tc:maxPrefixes 2000 ;")
        let refused = try space.ttlc(["apply", "specs", "--state", space.state])
        XCTAssertEqual(refused.status, 1, refused.text)
        XCTAssertTrue(refused.stderr.contains("need approval; save the plan with `ttlc plan --out PLANFILE`"), refused.stderr)
        XCTAssertEqual(try space.head(), base)

        // Without --approve a saved plan is still refused.
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"]).status, 2)
        XCTAssertEqual(try space.ttlc(["apply", "plan.json"]).status, 1)
        XCTAssertEqual(try space.head(), base)

        // An approval covers only what was planned: an edit after the plan voids it.
        try space.edit("aegis.ttl", "tc:maxPrefixes 2000 ;", "tc:maxPrefixes 3000 ;")
        let changed = try space.ttlc(["apply", "plan.json", "--approve"])
        XCTAssertEqual(changed.status, 1, changed.text)
        XCTAssertTrue(changed.stderr.contains("the spec changed since the plan was saved; run plan again"), changed.stderr)
        XCTAssertEqual(try space.head(), base)

        let applied = try space.approveAndApply()
        XCTAssertNotEqual(applied, base)
        let audit = try space.git(["show", "main:.ttlc/audit.jsonl"]).stdout.split(separator: "\n")
        XCTAssertEqual(audit.count, 2)
        XCTAssertTrue(audit[1].contains("\"approver\":\"Ada Reviewer <ada@example.org>\""), String(audit[1]))
        XCTAssertTrue(audit[1].contains("\"target\":\"bgp/fra1-n3/peers.conf\""), String(audit[1]))
        XCTAssertTrue(audit[1].contains("\"verdict\":\"requires-approval\""), String(audit[1]))
    }

    func testForbiddenChangeExitsThreeAndAppliesNothing() throws {
        let space = try Workspace()
        let base = try space.approveAndApply()
        try space.edit("services.ttl", "tc:min 2 ; tc:max 8 ;", "tc:min 9 ; tc:max 12 ;")
        let plan = try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"])
        XCTAssertEqual(plan.status, 3, plan.text)
        XCTAssertTrue(plan.stdout.contains("[FORBIDDEN] scale: blueprint bounds: 9 replicas is outside 2..8"), plan.stdout)
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state]).status, 3)
        XCTAssertEqual(try space.ttlc(["apply", "plan.json", "--approve"]).status, 3)
        XCTAssertEqual(try space.head(), base)
    }

    func testSavedPlanWhoseBaseMovedIsRefused() throws {
        let space = try Workspace()
        try space.approveAndApply()
        try space.edit("aegis.ttl", "tc:maxPrefixes 1000 ;", "tc:maxPrefixes 2000 ;")
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"]).status, 2)
        // Someone else applies first, from another checkout of the specs (an autonomous change).
        let other = try Workspace()
        try other.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        XCTAssertEqual(try other.ttlc(["apply", "specs", "--state", space.state]).status, 0)
        let stale = try space.ttlc(["apply", "plan.json", "--approve"])
        XCTAssertEqual(stale.status, 1, stale.text)
        XCTAssertTrue(stale.stderr.contains("state changed since plan; run plan again"), stale.stderr)
    }

    /// A saved plan read through a pipe (`ttlc apply <(cat plan.json)`, a FIFO) applies like the
    /// file: it was "cannot read", without a reason.
    func testASavedPlanReadThroughAPipeApplies() throws {
        let space = try Workspace()
        let base = try space.approveAndApply()
        try space.edit("aegis.ttl", "tc:maxPrefixes 1000 ;", "tc:maxPrefixes 2000 ;")
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"]).status, 2)
        let saved = try Data(contentsOf: space.root.appendingPathComponent("plan.json"))
        let fifo = space.root.appendingPathComponent("plan.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(saved)
            handle.closeFile()
        }
        writer.start()
        let applied = try space.ttlc(["apply", "plan.fifo", "--approve"])
        XCTAssertEqual(applied.status, 0, applied.text)
        XCTAssertNotEqual(try space.head(), base)
    }

    /// The plan a reviewer reads in a saved plan file must be the plan it pins: one edited to
    /// show no changes (the digests left alone) is refused, and nothing is applied.
    func testASavedPlanWhoseBodyWasEditedIsRefused() throws {
        let space = try Workspace()
        let base = try space.approveAndApply()
        try space.edit("aegis.ttl", "tc:maxPrefixes 1000 ;", "tc:maxPrefixes 2000 ;")
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"]).status, 2)
        let path = space.root.appendingPathComponent("plan.json").path
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        let edited = saved.replacingOccurrences(of: #""has_changes": true"#, with: #""has_changes": false"#)
        XCTAssertNotEqual(edited, saved)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try space.ttlc(["apply", "plan.json", "--approve"])
        XCTAssertEqual(refused.status, 1, refused.text)
        XCTAssertTrue(refused.stderr.contains("the saved plan's \"plan\" is not the plan it pins"), refused.stderr)
        XCTAssertEqual(try space.head(), base)
        // Without the body at all, it is no plan file; as saved, it applies.
        try saved.replacingOccurrences(of: #""plan": {"#, with: #""shown": {"#).write(toFile: path, atomically: true, encoding: .utf8)
        let bodiless = try space.ttlc(["apply", "plan.json", "--approve"])
        XCTAssertEqual(bodiless.status, 1, bodiless.text)
        XCTAssertTrue(bodiless.stderr.contains("is not a ttlc plan file: no \"plan\" object"), bodiless.stderr)
        XCTAssertEqual(try space.head(), base)
        // A missing or mistyped field is named.
        try saved.replacingOccurrences(of: #""plan_digest":"#, with: #""digest_of_plan":"#).write(toFile: path, atomically: true, encoding: .utf8)
        let unnamed = try space.ttlc(["apply", "plan.json", "--approve"])
        XCTAssertTrue(unnamed.stderr.contains("is not a ttlc plan file: no \"plan_digest\""), unnamed.stderr)
        try saved.replacingOccurrences(of: #""branch": "main""#, with: #""branch": 7"#).write(toFile: path, atomically: true, encoding: .utf8)
        let mistyped = try space.ttlc(["apply", "plan.json", "--approve"])
        XCTAssertTrue(mistyped.stderr.contains("is not a ttlc plan file: \"branch\" is not a string"), mistyped.stderr)
        // Text that is not JSON: where, as file:line:col.
        try saved.replacingOccurrences(of: #""branch": "main""#, with: #""branch": main"#).write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try space.ttlc(["apply", "plan.json", "--approve"])
        let line = try XCTUnwrap(saved.components(separatedBy: "\n").firstIndex { $0.contains(#""branch": "main""#) }) + 1
        XCTAssertTrue(broken.stderr.contains("error: plan.json:\(line):"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains(" is not a ttlc plan file: invalid token"), broken.stderr)
        XCTAssertEqual(try space.head(), base)
        try saved.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try space.ttlc(["apply", "plan.json", "--approve"]).status, 0)
        XCTAssertNotEqual(try space.head(), base)
    }

    /// A saved plan goes to the state it was made for; flags naming another are refused rather
    /// than ignored.
    func testStateFlagsThatContradictASavedPlanAreRefused() throws {
        let space = try Workspace()
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", space.state, "--out", "plan.json"]).status, 2)
        let elsewhere = space.root.appendingPathComponent("other.git").path
        for flags in [["--state", elsewhere], ["--branch", "other"], ["--path", "fleet"]] {
            let refused = try space.ttlc(["apply", "plan.json", "--approve"] + flags)
            XCTAssertEqual(refused.status, 1, refused.text)
            XCTAssertTrue(refused.stderr.contains("contradicts the saved plan"), refused.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: elsewhere))
        XCTAssertNil(try space.head())
        XCTAssertEqual(try space.ttlc(["apply", "plan.json", "--approve", "--state", space.state]).status, 0)
        XCTAssertNotNil(try space.head())
    }

    func testHistoryAndRollbackAndTheNextPlanNamesTheRollback() throws {
        let space = try Workspace()
        let first = try space.approveAndApply()
        try space.edit("aegis.ttl", "river:1.4.2", "river:1.5.0")
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state, "--message", "river 1.5.0"]).status, 0)
        let second = try XCTUnwrap(try space.head())

        let history = try space.ttlc(["history", "--state", space.state])
        XCTAssertEqual(history.status, 0, history.text)
        let lines = history.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, history.stdout)
        XCTAssertTrue(lines[0].hasPrefix(String(second.prefix(12))) && lines[0].contains("\"river 1.5.0\""), history.stdout)
        XCTAssertTrue(lines[1].hasPrefix(String(first.prefix(12))) && lines[1].contains("approved by Ada Reviewer"), history.stdout)

        // Rolling back the image is an image update: autonomous under the spec's governance.
        let rollback = try space.ttlc(["rollback", String(first.prefix(12)), "--state", space.state])
        XCTAssertEqual(rollback.status, 0, rollback.text)
        XCTAssertEqual(try space.git(["rev-parse", "main^"]).stdout, second + "\n")
        let restored = try space.git(["diff", "--name-only", first, "main"]).stdout
        XCTAssertEqual(restored, ".ttlc/audit.jsonl\n", "the rollback restores the earlier tree")
        XCTAssertTrue(try space.git(["show", "main:.ttlc/audit.jsonl"]).stdout.contains("\"rollback_of\":\"\(first)\""))

        // The specs still say 1.5.0: the plan names the rollback and the change needs approval.
        let plan = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertEqual(plan.status, 2, plan.text)
        XCTAssertTrue(plan.stdout.contains("The state is at a rollback to \(first.prefix(12))"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("[needs approval] update: the state is at a rollback"), plan.stdout)
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state]).status, 1)
        let history2 = try space.ttlc(["history", "--state", space.state, "--format", "json"])
        XCTAssertTrue(history2.stdout.contains("\"kind\": \"rollback\""), history2.stdout)
    }

    /// Raising a blueprint's max moves no output file, but later verdicts are judged against the
    /// bounds as last applied: the plan shows it as a governed change of the recorded model, and
    /// applying it records the new bounds.
    func testASpecChangeThatMovesNoOutputIsAGovernedChangeOfTheModel() throws {
        let space = try Workspace()
        let first = try space.approveAndApply()
        try space.edit("services.ttl", "tc:min 2 ; tc:max 8 ;", "tc:min 2 ; tc:max 10 ;")
        let plan = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertEqual(plan.status, 2, plan.text)
        XCTAssertTrue(plan.stdout.contains("Service threat-api: blueprint.max 8 → 10"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("  ~ .ttlc/model.json\n      [needs approval] update: governance default verdict"), plan.stdout)
        // The default verdict asks for approval, so the spec alone does not apply it.
        XCTAssertEqual(try space.ttlc(["apply", "specs", "--state", space.state]).status, 1)
        XCTAssertEqual(try space.head(), first)

        let second = try space.approveAndApply()
        XCTAssertNotEqual(second, first)
        XCTAssertTrue(try space.git(["show", "main:.ttlc/model.json"]).stdout.contains("10"))
        XCTAssertEqual(try space.git(["diff", "--name-only", first, second]).stdout, ".ttlc/audit.jsonl\n.ttlc/model.json\n")
        let again = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertEqual(again.status, 0, again.text)
        try space.assertFsckClean()
    }

    func testBranchFlagThatContradictsTheSpecIsAnError() throws {
        let space = try Workspace()
        let result = try space.ttlc(["plan", "specs", "--state", space.state, "--branch", "production"])
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(result.stderr.contains("--branch production contradicts the System's tc:branch \"main\""), result.stderr)
        let path = try space.ttlc(["plan", "specs", "--state", space.state, "--path", "fleet"])
        XCTAssertEqual(path.status, 1, path.text)
        XCTAssertTrue(path.stderr.contains("--path fleet contradicts the System's tc:path"), path.stderr)
    }
}
