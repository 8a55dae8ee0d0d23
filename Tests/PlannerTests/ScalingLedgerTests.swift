@testable import Planner
import XCTest

/// What the audit log says about scaling (ScalingLedger), read from log lines as the state holds
/// them, and the replica overrides file.
final class ScalingLedgerTests: XCTestCase {
    private func line(_ kind: String, time: String, id: String, operation: String? = nil, service: String = "api", outcome: String? = nil, approver: String? = nil) -> String {
        var record = AuditRecord(
            time: time, author: "ttlc", kind: kind, specDigest: "", base: nil, planDigest: "", approver: approver, rollbackOf: nil, message: "",
            changes: [])
        record.id = id
        record.operation = operation
        if kind == "scale" || kind == "scale-rollback" {
            record.scaling = [
                AuditScaling(
                    service: service, action: "scale-up", from: 2, to: 3, utilization: 0.8, verdict: "allowed", rationale: [], metricsTime: time,
                    baselineErrorRatePercent: 0.2)
            ]
        }
        if let outcome {
            record.verification = AuditVerification(outcome: outcome, checks: [], consecutiveFailures: 0, circuitBreaker: "closed")
        }
        return record.line()
    }

    private func ledger(_ lines: [String]) -> ScalingLedger { ScalingLedger(AuditRecord.read(Array(lines.joined().utf8))) }

    func testRecordsRoundTripWithTheirLinks() {
        let records = AuditRecord.read(Array((line("scale", time: "2026-11-25T21:01:00Z", id: "op-2") + line("verify", time: "2026-11-25T21:04:00Z", id: "op-3", operation: "op-2", outcome: "failed")).utf8))
        XCTAssertEqual(records.map(\.id), ["op-2", "op-3"])
        XCTAssertEqual(records[0].scaling.first?.to, 3)
        XCTAssertEqual(records[0].scaling.first?.utilization, 0.8)
        XCTAssertEqual(records[1].operation, "op-2")
        XCTAssertEqual(records[1].verification?.outcome, "failed")
    }

    func testRecordsWithoutAnIdAreNumberedByLine() {
        let old = "{\"time\":\"2026-11-25T20:00:00Z\",\"kind\":\"apply\",\"changes\":[]}\n"
        let records = AuditRecord.read(Array((old + old).utf8))
        XCTAssertEqual(records.map(\.id), ["op-1", "op-2"])
        XCTAssertEqual(AuditRecord.nextID(Array((old + old).utf8)), "op-3")
        XCTAssertEqual(AuditRecord.last(Array((old + old + old).utf8))?.id, "op-3")
    }

    func testLastChangeIsTheLatestScaleOrRollbackOfThatService() {
        let history = ledger([
            line("scale", time: "2026-11-25T21:01:00Z", id: "op-1"),
            line("scale-rollback", time: "2026-11-25T21:04:00Z", id: "op-2", operation: "op-1"),
            line("scale", time: "2026-11-25T21:09:00Z", id: "op-3", service: "other"),
        ]).history(for: "api")
        XCTAssertEqual(history.lastChange, RFC3339.seconds("2026-11-25T21:04:00Z"))
    }

    func testFailuresCountInARowAndAPassOrAnApprovedChangeResetsThem() {
        var lines = [
            line("scale", time: "2026-11-25T21:01:00Z", id: "op-1"), line("verify", time: "2026-11-25T21:04:00Z", id: "op-2", operation: "op-1", outcome: "failed"),
            line("scale", time: "2026-11-25T21:11:00Z", id: "op-3"), line("verify", time: "2026-11-25T21:14:00Z", id: "op-4", operation: "op-3", outcome: "failed"),
        ]
        XCTAssertEqual(ledger(lines).history(for: "api").consecutiveFailures, 2)
        XCTAssertEqual(ledger(lines).history(for: "other").consecutiveFailures, 0, "failures count per service")
        XCTAssertEqual(ledger(lines + [line("verify", time: "2026-11-25T21:20:00Z", id: "op-5", operation: "op-3", outcome: "passed")]).history(for: "api").consecutiveFailures, 0)
        lines.append(line("scale", time: "2026-11-25T21:21:00Z", id: "op-5", approver: "Ada"))
        XCTAssertEqual(ledger(lines).history(for: "api").consecutiveFailures, 0, "an approved change closes the breaker")
        lines.append(line("verify", time: "2026-11-25T21:24:00Z", id: "op-6", operation: "op-5", outcome: "failed"))
        XCTAssertEqual(ledger(lines).history(for: "api").consecutiveFailures, 1)
        XCTAssertEqual(ledger(lines).verification(of: "op-5")?.id, "op-6")
        XCTAssertNil(ledger(lines).verification(of: "op-9"))
    }

    func testOverridesRoundTripAndADamagedFileIsAnError() throws {
        let overrides = ReplicaOverrides().setting("web", to: 4, operation: "op-3").setting("api", to: 3, operation: "op-2").setting("web", to: 5, operation: "op-7")
        XCTAssertEqual(overrides.entries.map(\.service), ["api", "web"])
        XCTAssertEqual(try ReplicaOverrides.read(overrides.file()), overrides)
        XCTAssertEqual(overrides.entry(for: "web")?.replicas, 5)
        for bad in ["not json", "{\"format_version\":\"2.0\",\"replicas\":[]}", "{\"format_version\":\"1.0\",\"replicas\":[{\"service\":\"api\",\"replicas\":2.5}]}",
                    "{\"format_version\":\"1.0\",\"replicas\":[{\"service\":\"api\",\"replicas\":1e300}]}"] {
            XCTAssertThrowsError(try ReplicaOverrides.read(Array(bad.utf8)), bad) { error in
                XCTAssertTrue("\(error)".contains(".ttlc/overrides.json"), "\(error)")
            }
        }
        // JSON whose count does not fit 64 bits: said so, where (it was "not JSON").
        let huge = "{\"format_version\":\"1.0\",\n\"replicas\":[{\"service\":\"api\",\"replicas\":30000000000000000000}]}"
        XCTAssertThrowsError(try ReplicaOverrides.read(Array(huge.utf8))) { error in
            XCTAssertTrue("\(error)".hasPrefix("the state repository is damaged: .ttlc/overrides.json:2:"), "\(error)")
            XCTAssertTrue("\(error)".contains("too big integer"), "\(error)")
        }
    }
}
