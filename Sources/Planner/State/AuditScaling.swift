/// The parts of an audit record that `ttlc decide --apply` and `ttlc verify` add: the decision
/// behind a scaling operation, and the outcome of verifying one. Records link by id: a `verify`
/// record and a `scale-rollback` record name the `scale` operation (`operation`), and the
/// rollback names the verification that caused it (`caused_by`).
public struct AuditScaling: Sendable, Equatable {
    public var service: String
    public var action: String
    public var from: Int
    public var to: Int
    public var utilization: Double?
    /// The decision's verdict (`allowed`, `needs-approval`, `forbidden`).
    public var verdict: String
    public var rationale: [String]
    /// When the metrics the decision was made from were measured (RFC 3339).
    public var metricsTime: String
    /// Their error rate, the baseline verification compares with.
    public var baselineErrorRatePercent: Double

    public var json: JSONText {
        .object([
            ("service", .string(service)), ("action", .string(action)), ("from", .int(from)), ("to", .int(to)),
            ("utilization", utilization.map { .number($0) } ?? .null), ("verdict", .string(verdict)),
            ("rationale", .array(rationale.map { .string($0) })), ("metrics_time", .string(metricsTime)),
            ("baseline_error_rate_percent", .number(baselineErrorRatePercent)),
        ])
    }

    static func read(_ json: JSONValue) -> AuditScaling? {
        guard let service = json["service"]?.string, let from = json["from"]?.number, let to = json["to"]?.number,
            abs(from) < 1e9, abs(to) < 1e9
        else { return nil }
        return AuditScaling(
            service: service, action: json["action"]?.string ?? "", from: Int(from), to: Int(to), utilization: json["utilization"]?.number,
            verdict: json["verdict"]?.string ?? "", rationale: json["rationale"]?.strings ?? [], metricsTime: json["metrics_time"]?.string ?? "",
            baselineErrorRatePercent: json["baseline_error_rate_percent"]?.number ?? 0)
    }
}

/// A verification's outcome as the audit log keeps it.
public struct AuditVerification: Sendable, Equatable {
    public struct Check: Sendable, Equatable {
        public var service: String
        public var name: String
        public var passed: Bool
        public var detail: String

    }

    /// `passed` or `failed`.
    public var outcome: String
    public var checks: [Check]
    /// Failed verifications in a row of the operation's services, this one included.
    public var consecutiveFailures: Int
    /// `open` when this failure reached the blueprint's circuit-breaker limit.
    public var circuitBreaker: String


    public var json: JSONText {
        .object([
            ("outcome", .string(outcome)),
            ("checks", .array(checks.map { .object([("service", .string($0.service)), ("name", .string($0.name)), ("passed", .bool($0.passed)), ("detail", .string($0.detail))]) })),
            ("consecutive_failures", .int(consecutiveFailures)), ("circuit_breaker", .string(circuitBreaker)),
        ])
    }

    static func read(_ json: JSONValue) -> AuditVerification? {
        guard let outcome = json["outcome"]?.string else { return nil }
        let checks = (json["checks"]?.array ?? []).map { check in
            Check(
                service: check["service"]?.string ?? "", name: check["name"]?.string ?? "", passed: check["passed"] == .bool(true),
                detail: check["detail"]?.string ?? "")
        }
        let failures = json["consecutive_failures"]?.number ?? 0
        return AuditVerification(
            outcome: outcome, checks: checks, consecutiveFailures: abs(failures) < 1e9 ? Int(failures) : 0,
            circuitBreaker: json["circuit_breaker"]?.string ?? "closed")
    }
}
