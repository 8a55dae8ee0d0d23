import Planner

/// A verification for people (the operation, each check, the outcome and what followed) and as
/// JSON. Commit ids are left to the status lines of apply; the audit ids link the records.
enum VerificationText {
    static func render(_ report: VerificationReport) -> String {
        let operation = report.operation
        var out = "\(operation.id ?? "?"): \(operation.scaling.map { "\($0.service) \($0.from) → \($0.to)" }.joined(separator: ", ")), applied \(operation.time)\n"
        for result in report.results {
            if let note = result.note { out += "  \(result.service): \(note)\n" }
            for check in result.checks { out += "  [\(check.passed ? "pass" : "FAIL")] \(result.service) \(check.name): \(check.detail)\n" }
        }
        switch report.outcome {
        case .pending:
            out += "not settled yet: nothing recorded; run ttlc verify again later\n"
        case .passed, .failed:
            let record = report.record
            out += "verification \(report.outcome.rawValue): recorded as \(record?.id ?? "?")\n"
            if let verification = record?.verification, report.outcome == .failed {
                out += "failed verifications in a row: \(verification.consecutiveFailures); circuit breaker \(verification.circuitBreaker)"
                out += verification.circuitBreaker == "open" ? " (further scaling needs `ttlc decide --apply --approve`)\n" : "\n"
            }
        }
        if let rollback = report.rollback {
            if let plan = rollback.plan, plan.hasChanges { out += "\n" + PlanText.forStandardOutput().render(plan) + "\n" }
            if let id = rollback.record {
                out += "rolled back: recorded as \(id)\n"
            } else {
                out += "not rolled back: \(rollback.notApplied ?? "nothing to do")\n"
            }
        }
        return out
    }

    static func json(_ report: VerificationReport, now: Int) -> String {
        let results: [JSONText] = report.results.map { result in
            .object([
                ("service", .string(result.service)), ("outcome", .string(result.outcome.rawValue)),
                ("note", result.note.map { .string($0) } ?? .null),
                ("checks", .array(result.checks.map { .object([("name", .string($0.name)), ("passed", .bool($0.passed)), ("detail", .string($0.detail))]) })),
            ])
        }
        var rollback: JSONText = .null
        if let back = report.rollback {
            rollback = .object([
                ("record", back.record.map { .string($0) } ?? .null), ("commit", back.commit.map { .string($0.hex) } ?? .null),
                ("not_applied", back.notApplied.map { .string($0) } ?? .null),
            ])
        }
        let verification = report.record?.verification
        return JSONText.object([
            ("format_version", .string("1.0")), ("now", .string(RFC3339.text(now))),
            ("operation", .string(report.operation.id ?? "")), ("outcome", .string(report.outcome.rawValue)),
            ("services", .array(results)),
            ("record", report.record?.id.map { .string($0) } ?? .null), ("commit", report.commit.map { .string($0.hex) } ?? .null),
            ("consecutive_failures", verification.map { .int($0.consecutiveFailures) } ?? .null),
            ("circuit_breaker", verification.map { .string($0.circuitBreaker) } ?? .null),
            ("rollback", rollback),
        ]).rendered()
    }
}
