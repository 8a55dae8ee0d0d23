/// What the audit log says about scaling: the operations by id, their verifications, and per
/// service when it last scaled and how many verifications in a row failed since the last
/// success or approved change (the circuit breaker's count).
public struct ScalingLedger: Sendable {
    public var records: [AuditRecord]

    public init(_ records: [AuditRecord]) { self.records = records }

    public func record(_ id: String) -> AuditRecord? { records.first { $0.id == id } }

    /// The verification recorded for an operation, if any.
    public func verification(of operation: String) -> AuditRecord? {
        records.first { $0.kind == "verify" && $0.operation == operation }
    }

    public func history(for service: String) -> ScalingHistory {
        var history = ScalingHistory()
        for record in records {
            let touches = record.scaling.contains { $0.service == service }
            switch record.kind {
            case "scale", "scale-rollback":
                guard touches else { continue }
                history.lastChange = RFC3339.seconds(record.time) ?? history.lastChange
                if record.approver != nil { history.consecutiveFailures = 0 }
            case "verify":
                guard let operation = record.operation.flatMap(self.record), operation.scaling.contains(where: { $0.service == service }) else { continue }
                if record.verification?.outcome == "failed" {
                    history.consecutiveFailures += 1
                } else if record.verification?.outcome == "passed" {
                    history.consecutiveFailures = 0
                }
            default:
                // An approved change of the service's workload closes the breaker too.
                if record.approver != nil, record.changes.contains(where: { $0.target.hasPrefix("Deployment/") && $0.target.hasSuffix("/" + service) }) {
                    history.consecutiveFailures = 0
                }
            }
        }
        return history
    }
}
