import Foundation
import TestSupport
import XCTest

/// `ttlc decide --apply` and `ttlc verify` on a real state repository holding the decide fixture
/// (Tests/Fixtures/decide/spec: api, blueprint 2..8, target 70 %, up 80 %, down 30 %, cooldown
/// 5m, circuit breaker after 3 failures, default stabilisation 2m). Outputs are held to
/// golden/decide/ and golden/verify/ with commit ids masked; the state is read back with git.
final class ScalingTests: XCTestCase {
    private let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/decide").path

    /// A state at the fixture spec: its first apply, approved.
    private func scaffold() throws -> Workspace {
        let space = try Workspace(specs: "Tests/Fixtures/decide/spec", extras: [])
        try space.approveAndApply()
        return space
    }

    /// Writes a metrics file for api and returns its path.
    private func metrics(
        _ space: Workspace, replicas: Int, ready: Int? = nil, cpu: Double, memory: Double, p95: Double, errors: Double = 0.2, at time: String
    ) throws -> String {
        let url = space.root.appendingPathComponent("metrics-\(UUID().uuidString).json")
        let text = """
            { "format_version": "1.0", "services": [ { "service": "api", "replicas": \(replicas), "ready": \(ready ?? replicas),
              "cpu_percent": \(cpu), "memory_percent": \(memory), "p95_ms": \(p95), "error_rate_percent": \(errors), "timestamp": "\(time)" } ] }
            """
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func decide(_ space: Workspace, _ metrics: String, now: String, _ extra: [String] = ["--apply"]) throws -> CommandResult {
        try space.ttlc(["decide", "specs", "--state", "state.git", "--metrics", metrics, "--now", now] + extra)
    }

    private func verify(_ space: Workspace, _ metrics: String, operation: String, now: String) throws -> CommandResult {
        try space.ttlc(["verify", "specs", "--state", "state.git", "--metrics", metrics, "--operation", operation, "--now", now])
    }

    /// Commit ids (12 or 40 hex) and digests masked.
    private func masked(_ text: String) -> String {
        PlanGoldenTests.masked(text).replacing(/\b[0-9a-f]{12}\b/, with: "<commit>")
    }

    private func file(_ space: Workspace, _ path: String) throws -> String {
        try space.git(["show", "main:\(path)"]).stdout
    }

    private func replicas(_ space: Workspace) throws -> String? {
        try file(space, "apps/ns/api/deployment.yaml").split(separator: "\n").first { $0.hasPrefix("  replicas:") }.map(String.init)
    }

    func testWorkedExampleScalesTwoToThreeThroughTheState() throws {
        let space = try scaffold()
        let before = try space.head()
        let example = "\(fixtures)/worked-example.json"

        // A dry run decides and plans, and changes nothing.
        let dry = try decide(space, example, now: "2026-11-25T21:01:00Z", [])
        XCTAssertEqual(dry.status, 0, dry.text)
        try assertGoldenText(masked(dry.stdout), "decide/state-dry-run.txt")
        XCTAssertEqual(try space.head(), before)

        let applied = try decide(space, example, now: "2026-11-25T21:01:00Z")
        XCTAssertEqual(applied.status, 0, applied.text)
        try assertGoldenText(masked(applied.stdout), "decide/state-worked-example.txt")
        XCTAssertNotEqual(try space.head(), before)
        XCTAssertEqual(try space.git(["rev-parse", "main^"]).stdout, before! + "\n", "one commit on top of the first apply")
        XCTAssertEqual(try replicas(space), "  replicas: 3")
        XCTAssertTrue(try file(space, ".ttlc/overrides.json").contains("\"replicas\": 3"))
        let audit = try file(space, ".ttlc/audit.jsonl").split(separator: "\n")
        XCTAssertEqual(audit.count, 2)
        XCTAssertTrue(audit[1].contains("\"kind\":\"scale\",\"id\":\"op-2\""), String(audit[1]))
        XCTAssertTrue(audit[1].contains("\"verdict\":\"autonomous\",\"rule\":\"blueprint bounds: 3 replicas is inside 2..8\""), String(audit[1]))
        XCTAssertTrue(audit[1].contains("\"utilization\":0.815"), String(audit[1]))
        try space.assertFsckClean()

        // The spec stays the source of truth; the plan shows the override and no change.
        let plan = try space.ttlc(["plan", "specs", "--state", space.state])
        XCTAssertEqual(plan.status, 0, plan.text)
        XCTAssertTrue(plan.stdout.contains("Replica overrides (recorded by ttlc decide in .ttlc/overrides.json):\n  api: 3 replicas (op-2)\n"), plan.stdout)
        // An unrelated apply keeps the override.
        try space.edit("system.ttl", "api:1.0", "api:1.1")
        XCTAssertEqual(try space.approveAndApply().isEmpty, false)
        XCTAssertEqual(try replicas(space), "  replicas: 3")
    }

    func testLowLoadScalesDownButNeverUnderTheMinimum() throws {
        let space = try scaffold()
        XCTAssertEqual(try decide(space, "\(fixtures)/worked-example.json", now: "2026-11-25T21:01:00Z").status, 0)
        let low = try metrics(space, replicas: 3, cpu: 10, memory: 10, p95: 20, at: "2026-11-25T21:07:00Z")
        let result = try decide(space, low, now: "2026-11-25T21:07:30Z")
        XCTAssertEqual(result.status, 0, result.text)
        try assertGoldenText(masked(result.stdout), "decide/state-low-load.txt")
        XCTAssertEqual(try replicas(space), "  replicas: 2")

        // JSON: the operation, the commit it made and its plan.
        let again = try metrics(space, replicas: 2, cpu: 95, memory: 90, p95: 300, at: "2026-11-25T21:13:00Z")
        let json = try decide(space, again, now: "2026-11-25T21:13:30Z", ["--apply", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.text)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["operation"] as? String, "op-4")
        XCTAssertEqual(object["applied"] as? Bool, true)
        XCTAssertEqual((object["commit"] as? String).map { $0 + "\n" }, try space.git(["rev-parse", "main"]).stdout)
        XCTAssertEqual(((object["plan"] as? [String: Any])?["overrides"] as? [[String: Any]])?.first?["operation"] as? String, "op-4")
    }

    func testWithinTheCooldownItHolds() throws {
        let space = try scaffold()
        XCTAssertEqual(try decide(space, "\(fixtures)/worked-example.json", now: "2026-11-25T21:01:00Z").status, 0)
        let head = try space.head()
        let busy = try metrics(space, replicas: 3, cpu: 95, memory: 90, p95: 300, at: "2026-11-25T21:03:00Z")
        let result = try decide(space, busy, now: "2026-11-25T21:03:30Z")
        XCTAssertEqual(result.status, 0, result.text)
        try assertGoldenText(masked(result.stdout), "decide/state-cooldown.txt")
        XCTAssertEqual(try space.head(), head, "nothing applied")
    }

    func testAtMaxStaleOrMissingMetricsHoldAndApplyNothing() throws {
        let space = try scaffold()
        let head = try space.head()
        for name in ["at-max", "stale", "missing"] {
            let result = try decide(space, "\(fixtures)/\(name).json", now: "2026-11-25T21:01:00Z")
            XCTAssertEqual(result.status, 0, result.text)
            try assertGoldenText(masked(result.stdout), "decide/state-\(name).txt")
            XCTAssertEqual(try space.head(), head, name)
        }
    }

    func testMalformedMetricsAreAnErrorAndApplyNothing() throws {
        let space = try scaffold()
        let head = try space.head()
        let result = try decide(space, "\(fixtures)/not-json.json", now: "2026-11-25T21:01:00Z")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("not-json.json:3:39: error: not JSON: string or '}' expected near ',' [decide.metrics]"), result.stderr)
        XCTAssertEqual(try space.head(), head)
        let verify = try verify(space, "\(fixtures)/wrong-type.json", operation: "op-1", now: "2026-11-25T21:01:00Z")
        XCTAssertEqual(verify.status, 1)
        XCTAssertTrue(verify.stderr.contains("error: services[0].cpu_percent: expected a number, found a string [decide.metrics]"), verify.stderr)
        XCTAssertEqual(try space.head(), head)
    }

    func testAStateNotAtTheSpecIsRefused() throws {
        let space = try scaffold()
        try space.edit("system.ttl", "api:1.0", "api:1.1")
        let head = try space.head()
        let result = try decide(space, "\(fixtures)/worked-example.json", now: "2026-11-25T21:01:00Z")
        XCTAssertEqual(result.status, 1, result.text)
        XCTAssertTrue(
            result.stderr.contains("error: the state is not at the spec: 1 other change pending (first: ~ Deployment/ns/api); run `ttlc plan` and `ttlc apply` first"),
            result.stderr)
        XCTAssertEqual(try space.head(), head)
    }

    func testVerificationWaitsThenPassesAndIsRecorded() throws {
        let space = try scaffold()
        XCTAssertEqual(try decide(space, "\(fixtures)/worked-example.json", now: "2026-11-25T21:01:00Z").status, 0)
        let head = try space.head()
        let settled = try metrics(space, replicas: 3, cpu: 55, memory: 50, p95: 150, at: "2026-11-25T21:03:30Z")

        let early = try verify(space, settled, operation: "op-2", now: "2026-11-25T21:02:00Z")
        XCTAssertEqual(early.status, 4, early.text)
        try assertGoldenText(early.stdout, "verify/pending.txt")
        XCTAssertEqual(try space.head(), head, "nothing recorded while settling")
        let pendingJSON = try space.ttlc(
            ["verify", "specs", "--state", "state.git", "--metrics", settled, "--operation", "op-2", "--now", "2026-11-25T21:02:00Z", "--format", "json"])
        XCTAssertEqual(pendingJSON.status, 4, pendingJSON.text)
        let pending = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(pendingJSON.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(pending["outcome"] as? String, "pending")
        XCTAssertEqual(pending["operation"] as? String, "op-2")
        XCTAssertTrue(pending["record"] is NSNull)

        let passed = try verify(space, settled, operation: "op-2", now: "2026-11-25T21:04:00Z")
        XCTAssertEqual(passed.status, 0, passed.text)
        try assertGoldenText(passed.stdout, "verify/passed.txt")
        XCTAssertEqual(try replicas(space), "  replicas: 3")
        XCTAssertTrue(try file(space, ".ttlc/audit.jsonl").contains("\"kind\":\"verify\",\"id\":\"op-3\""))
        let again = try verify(space, settled, operation: "op-2", now: "2026-11-25T21:05:00Z")
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("error: op-2 was already verified: passed at 2026-11-25T21:04:00Z (op-3); nothing to do"), again.stderr)
        let unknown = try verify(space, settled, operation: "op-9", now: "2026-11-25T21:05:00Z")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("error: no operation op-9 in the audit log of"), unknown.stderr)
        try space.assertFsckClean()
    }

    func testAFailedVerificationRollsTheOperationBack() throws {
        let space = try scaffold()
        XCTAssertEqual(try decide(space, "\(fixtures)/worked-example.json", now: "2026-11-25T21:01:00Z").status, 0)
        let bad = try metrics(space, replicas: 3, ready: 2, cpu: 80, memory: 70, p95: 260, errors: 1.5, at: "2026-11-25T21:04:00Z")
        let result = try verify(space, bad, operation: "op-2", now: "2026-11-25T21:04:30Z")
        XCTAssertEqual(result.status, 1, result.text)
        try assertGoldenText(masked(result.stdout), "verify/failed-rollback.txt")
        XCTAssertEqual(try replicas(space), "  replicas: 2")
        XCTAssertTrue(try file(space, ".ttlc/overrides.json").contains("\"replicas\": 2"))
        let history = try space.ttlc(["history", "--state", space.state])
        XCTAssertEqual(history.status, 0, history.text)
        try assertGoldenText(masked(history.stdout).replacing(/\ \ \S+\ \ op-1\ \ apply/, with: "  <time>  op-1  apply"), "decide/history.txt")
        let json = try space.ttlc(["history", "--state", space.state, "--format", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try XCTUnwrap(object["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["kind"] as? String }, ["scale-rollback", "verify", "scale", "apply"])
        XCTAssertEqual(entries[0]["operation"] as? String, "op-2")
        XCTAssertEqual(entries[0]["caused_by"] as? String, "op-3")
        XCTAssertEqual((entries[1]["verification"] as? [String: Any])?["outcome"] as? String, "failed")
        try space.assertFsckClean()
    }

    func testTheCircuitBreakerOpensAfterRepeatedFailuresAndAnApprovedChangeClosesIt() throws {
        let space = try scaffold()
        // Three rounds, ten minutes apart: scale 2 → 3, then a failed verification rolls it back.
        var operation = 2
        for round in 0..<3 {
            let minute = 1 + 10 * round
            let load = try metrics(space, replicas: 2, cpu: 85, memory: 70, p95: 180, at: String(format: "2026-11-25T21:%02d:00Z", minute - 1))
            let scaled = try decide(space, load, now: String(format: "2026-11-25T21:%02d:00Z", minute))
            XCTAssertEqual(scaled.status, 0, "round \(round): \(scaled.text)")
            XCTAssertTrue(scaled.stdout.contains("Applied op-\(operation):"), scaled.stdout)
            let bad = try metrics(space, replicas: 3, cpu: 90, memory: 80, p95: 300, at: String(format: "2026-11-25T21:%02d:30Z", minute + 2))
            let verified = try verify(space, bad, operation: "op-\(operation)", now: String(format: "2026-11-25T21:%02d:00Z", minute + 3))
            XCTAssertEqual(verified.status, 1, verified.text)
            XCTAssertTrue(verified.stdout.contains("failed verifications in a row: \(round + 1); circuit breaker \(round == 2 ? "open" : "closed")"), verified.stdout)
            XCTAssertTrue(verified.stdout.contains("rolled back: recorded as op-\(operation + 2)"), verified.stdout)
            operation += 3
        }
        // Open: the next scale needs approval, and is refused without it.
        let head = try space.head()
        let load = try metrics(space, replicas: 2, cpu: 85, memory: 70, p95: 180, at: "2026-11-25T21:30:00Z")
        let refused = try decide(space, load, now: "2026-11-25T21:31:00Z")
        XCTAssertEqual(refused.status, 1, refused.text)
        try assertGoldenText(masked(refused.stdout), "decide/state-breaker-open.txt")
        XCTAssertTrue(refused.stderr.contains("needs approval"), refused.stderr)
        XCTAssertEqual(try space.head(), head)

        let approved = try decide(space, load, now: "2026-11-25T21:31:00Z", ["--apply", "--approve"])
        XCTAssertEqual(approved.status, 0, approved.text)
        XCTAssertTrue(try file(space, ".ttlc/audit.jsonl").split(separator: "\n").last!.contains("\"approval\":{\"approver\":\"Ada Reviewer <ada@example.org>\""))
        XCTAssertEqual(try replicas(space), "  replicas: 3")

        // Closed again: the approved change passes, and the next scale is autonomous.
        let fine = try metrics(space, replicas: 3, cpu: 50, memory: 50, p95: 150, at: "2026-11-25T21:33:30Z")
        XCTAssertEqual(try verify(space, fine, operation: "op-\(operation)", now: "2026-11-25T21:34:00Z").status, 0)
        let busy = try metrics(space, replicas: 3, cpu: 95, memory: 90, p95: 250, at: "2026-11-25T21:40:00Z")
        let next = try decide(space, busy, now: "2026-11-25T21:40:30Z")
        XCTAssertEqual(next.status, 0, next.text)
        XCTAssertTrue(next.stdout.hasPrefix("api: scale-up 3 → "), next.stdout)
        XCTAssertTrue(next.stdout.contains("(allowed)"), next.stdout)
    }

    /// The README's walk-through: the example specs, Tests/Fixtures/decide/threat-api/.
    func testTheREADMEWalkThroughScalesThreatAPIUpAutonomously() throws {
        let space = try Workspace()
        try space.approveAndApply()
        let walk = "\(fixtures)/threat-api"
        let decided = try space.ttlc(["decide", "specs", "--state", "state.git", "--metrics", "\(walk)/load.json", "--now", "2026-11-26T09:01:00Z", "--apply"])
        XCTAssertEqual(decided.status, 0, decided.text)
        XCTAssertTrue(decided.stdout.hasPrefix("threat-api: scale-up 2 → 3 (allowed)\n"), decided.stdout)
        XCTAssertTrue(decided.stdout.contains("[autonomous] scale: blueprint bounds: 3 replicas is inside 2..8"), decided.stdout)
        XCTAssertTrue(decided.stdout.contains("Applied op-2: main is now at"), decided.stdout)
        let deployment = try space.git(["show", "main:apps/detection/threat-api/deployment.yaml"]).stdout
        XCTAssertTrue(deployment.contains("\n  replicas: 3\n"), deployment)
        XCTAssertEqual(try space.ttlc(["plan", "specs", "--state", "state.git"]).status, 0)
        let early = try space.ttlc(["verify", "specs", "--state", "state.git", "--metrics", "\(walk)/load.json", "--operation", "op-2", "--now", "2026-11-26T09:02:00Z"])
        XCTAssertEqual(early.status, 4, early.text)
        let verified = try space.ttlc(["verify", "specs", "--state", "state.git", "--metrics", "\(walk)/settled.json", "--operation", "op-2", "--now", "2026-11-26T09:04:30Z"])
        XCTAssertEqual(verified.status, 0, verified.text)
        XCTAssertTrue(verified.stdout.hasSuffix("verification passed: recorded as op-3\n"), verified.stdout)
        let history = try space.ttlc(["history", "--state", "state.git"]).stdout
        XCTAssertTrue(history.contains("op-3  verify") && history.contains("op-2  scale") && history.contains("op-1  apply"), history)
    }
}
