import Foundation

/// `ttlc verify`: judges a scaling operation once it has settled, records the outcome in the
/// audit log, and on failure rolls the operation back when governance allows. Repeated failures
/// open the circuit breaker (counted from the log by `ScalingLedger`).
public struct VerificationReport: Sendable {
    /// The scaling operation verified.
    public var operation: AuditRecord
    public var results: [ScalingVerification]
    public var outcome: ScalingVerification.Outcome
    /// The verification's audit record and commit (nil while pending).
    public var record: AuditRecord?
    public var commit: ObjectID?
    public var rollback: Rollback?

    /// The rollback of a failed operation: its plan, and its commit or why it was not applied.
    public struct Rollback: Sendable {
        public var plan: Plan?
        public var commit: ObjectID?
        public var record: String?
        public var notApplied: String?
    }
}

public enum ScalingVerifying {
    public static func verify(
        operation id: String, model: SystemModel, metrics report: MetricsReport, state: StateSnapshot, target: StateTarget, now: Int,
        author: Identity, specDigest: String, build: (ReplicaOverrides) -> DesiredState
    ) throws(StateError) -> VerificationReport {
        let ledger = ScalingLedger(state.audit)
        guard let operation = ledger.record(id) else { throw StateError.unknownOperation(id, state: target.location) }
        guard operation.kind == "scale", !operation.scaling.isEmpty else {
            throw StateError.contradiction("\(id) is not a scaling operation (it is a \(operation.kind) record); verify the id `ttlc decide --apply` printed")
        }
        if let earlier = ledger.verification(of: id) {
            throw StateError.contradiction(
                "\(id) was already verified: \(earlier.verification?.outcome ?? "recorded") at \(earlier.time) (\(earlier.id ?? "?")); nothing to do")
        }
        guard let appliedAt = RFC3339.seconds(operation.time) else { throw StateError.corruptState("\(AuditRecord.path): \(id) has no valid time") }
        var results: [ScalingVerification] = []
        var limit: Int?
        var failures = 0
        for entry in operation.scaling {
            guard let service = model.service(named: entry.service), case .blueprint(let blueprint) = service.replicas else {
                throw StateError.contradiction("\(entry.service), scaled by \(id), has no blueprint in the spec any more; nothing to verify against")
            }
            let applied = AppliedScaling(service: entry.service, from: entry.from, to: entry.to, appliedAt: appliedAt, baselineErrorRatePercent: entry.baselineErrorRatePercent)
            results.append(ScalingVerifier.verify(applied, blueprint: blueprint, metrics: report.metrics(for: entry.service), now: now))
            if let breaker = blueprint.circuitBreakerFailures?.value { limit = min(limit ?? breaker, breaker) }
            failures = max(failures, ledger.history(for: entry.service).consecutiveFailures)
        }
        var report = VerificationReport(operation: operation, results: results, outcome: .passed, record: nil, commit: nil, rollback: nil)
        if results.contains(where: { $0.outcome == .pending }) {
            report.outcome = .pending
            return report
        }
        let failed = results.contains { $0.outcome == .failed }
        report.outcome = failed ? .failed : .passed
        failures = failed ? failures + 1 : 0
        let verification = AuditVerification(
            outcome: report.outcome.rawValue,
            checks: results.flatMap { result in result.checks.map { AuditVerification.Check(service: result.service, name: $0.name, passed: $0.passed, detail: $0.detail) } },
            consecutiveFailures: failures, circuitBreaker: limit.map { failures >= $0 } == true ? "open" : "closed")
        var record = AuditRecord(
            time: RFC3339.text(now), author: author.description, kind: "verify", specDigest: specDigest, base: nil, planDigest: "", approver: nil,
            rollbackOf: nil, message: "ttlc verify \(id): \(report.outcome.rawValue)", changes: [])
        record.operation = id
        record.verification = verification
        let (commit, written) = try Applying.appendRecord(record, state: state, target: target, author: author)
        report.record = written
        report.commit = commit
        if failed { report.rollback = try rollBack(operation, verification: written, target: target, now: now, author: author, build: build) }
        return report
    }

    /// Puts the operation's services back at their earlier counts, when nothing changed them
    /// since and governance allows it autonomously.
    static func rollBack(
        _ operation: AuditRecord, verification: AuditRecord, target: StateTarget, now: Int, author: Identity, build: (ReplicaOverrides) -> DesiredState
    ) throws(StateError) -> VerificationReport.Rollback {
        let state = try StateSnapshot.read(target)
        let id = AuditRecord.nextID(state.auditBytes)
        var overrides = state.overrides
        for entry in operation.scaling {
            if let current = overrides.entry(for: entry.service), current.operation != operation.id {
                return .init(plan: nil, commit: nil, record: nil, notApplied: "\(entry.service) was changed since by \(current.operation); not rolled back")
            }
            overrides = overrides.setting(entry.service, to: entry.from, operation: id)
        }
        let desired = build(overrides)
        let plan = try Planning.plan(desired, against: state, target: target)
        if let blocked = ScalingProposing.outOfScope(plan, services: Set(operation.scaling.map(\.service))) {
            return .init(plan: plan, commit: nil, record: nil, notApplied: blocked)
        }
        if let held = plan.forbidden.first ?? plan.needingApproval.first {
            return .init(
                plan: plan, commit: nil, record: nil,
                notApplied: "governance: \(held.verdict.verdict.rawValue) (\(held.verdict.rule)); roll back by hand with `ttlc decide --apply --approve` or `ttlc rollback`")
        }
        let scaling = operation.scaling.map { entry in
            AuditScaling(
                service: entry.service, action: entry.to > entry.from ? "scale-down" : "scale-up", from: entry.to, to: entry.from, utilization: nil,
                verdict: "allowed", rationale: ["verification \(verification.id ?? "") of \(operation.id ?? "") failed: back to \(entry.from)"],
                metricsTime: entry.metricsTime, baselineErrorRatePercent: entry.baselineErrorRatePercent)
        }
        let request = Applying.Request(
            author: author, approver: nil, message: "ttlc verify: roll back \(operation.id ?? "")", kind: "scale-rollback", operation: operation.id,
            causedBy: verification.id, scaling: scaling)
        let commit = try Applying.apply(plan, desired: desired, state: state, request: request, now: Date(timeIntervalSince1970: TimeInterval(now)))
        return .init(plan: plan, commit: commit, record: commit == nil ? nil : id, notApplied: commit == nil ? "the state already runs the earlier counts" : nil)
    }
}
