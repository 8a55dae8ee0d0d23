import Planner

/// The audit log for people (one line per record, newest first, and for scaling operations and
/// verifications what they did, by id) and as JSON (format_version 1.1: 1.1 added `id`,
/// `operation`, `caused_by`, `scaling` and `verification`).
enum HistoryText {
    static func render(_ entries: [History.Entry]) -> String {
        var out = ""
        for entry in entries {
            let record = entry.record
            var line = "\(entry.commit?.short ?? "?")  \(record.time)  \(record.id ?? "?")  \(record.kind)  \(record.author)  \(record.changes.count) change\(record.changes.count == 1 ? "" : "s")"
            if let approver = record.approver { line += ", approved by \(approver)" }
            if let of = record.rollbackOf { line += ", back to \(of.prefix(12))" }
            if !record.message.isEmpty { line += "  \"\(record.message)\"" }
            out += line + "\n"
            out += details(record).map { "    \($0)\n" }.joined()
        }
        return out
    }

    /// What a scaling operation, a verification or a scale rollback did, linked by id.
    static func details(_ record: AuditRecord) -> [String] {
        var lines: [String] = []
        let link = [record.operation.map { "operation \($0)" }, record.causedBy.map { "after \($0)" }].compactMap { $0 }
        if !link.isEmpty, record.kind != "verify" { lines.append(link.joined(separator: ", ")) }
        for scaling in record.scaling {
            var line = "\(scaling.service) \(scaling.action) \(scaling.from) → \(scaling.to)"
            if let u = scaling.utilization { line += " (u \(ScalingDecider.fmt(u)), metrics \(scaling.metricsTime))" }
            lines.append(line)
        }
        for change in record.changes where change.operation == "scale" {
            lines.append("\(change.target): \(change.verdict) (\(change.rule))")
        }
        if let verification = record.verification {
            let failed = verification.checks.filter { !$0.passed }.map { "\($0.service) \($0.name)" }
            var line = "verifies \(record.operation ?? "?"): \(verification.outcome)"
            if !failed.isEmpty { line += " (\(failed.joined(separator: ", ")))" }
            line += "; \(verification.consecutiveFailures) failed in a row, circuit breaker \(verification.circuitBreaker)"
            lines.append(line)
        }
        return lines
    }

    static func json(_ entries: [History.Entry]) -> String {
        JSONText.object([
            ("format_version", .string("1.1")),
            ("entries", .array(entries.map { entry in
                let record = entry.record
                return .object([
                    ("commit", entry.commit.map { .string($0.hex) } ?? .null), ("id", record.id.map { .string($0) } ?? .null),
                    ("time", .string(record.time)), ("kind", .string(record.kind)), ("author", .string(record.author)),
                    ("approver", record.approver.map { .string($0) } ?? .null),
                    ("rollback_of", record.rollbackOf.map { .string($0) } ?? .null), ("changes", .int(record.changes.count)),
                    ("message", .string(record.message)),
                    ("operation", record.operation.map { .string($0) } ?? .null), ("caused_by", record.causedBy.map { .string($0) } ?? .null),
                    ("scaling", .array(record.scaling.map(\.json))),
                    ("verification", record.verification?.json ?? .null),
                ])
            })),
        ]).rendered()
    }
}
