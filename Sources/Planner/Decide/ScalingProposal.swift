import Foundation

/// `ttlc decide` against a state: the decisions (cooldown and circuit breaker from the audit
/// log), and, when one changes a replica count, the plan that records it as a replica override,
/// classified by governance like any change.
public struct ScalingProposal: Sendable {
    public var decisions: [ScalingDecision]
    /// The plan of the changed decisions; nil when every decision holds or there is no state.
    public var plan: Plan?
    public var desired: DesiredState?
    /// Why the plan cannot be applied (the state is not at the spec), or nil.
    public var blocked: String?
    /// The id the operation's audit record gets.
    public var operation: String
    /// The metrics the decisions were made from, per service.
    public var metrics: [String: ServiceMetrics]

    /// The audit record's view of the decisions that change something.
    public var scaling: [AuditScaling] {
        decisions.filter { $0.action != .hold }.map { decision in
            let measured = metrics[decision.service]
            return AuditScaling(
                service: decision.service, action: decision.action.rawValue, from: decision.from, to: decision.to, utilization: decision.utilization,
                verdict: decision.verdict.rawValue, rationale: decision.rationale, metricsTime: measured.map { RFC3339.text($0.timestamp) } ?? "",
                baselineErrorRatePercent: measured?.errorRatePercent ?? 0)
        }
    }
}

public enum ScalingProposing {
    /// Decides every blueprint service. `state` may be empty (a dry run with no state then
    /// decides from the metrics alone). `build` turns replica overrides into the desired state.
    public static func propose(
        model: SystemModel, metrics report: MetricsReport, state: StateSnapshot, target: StateTarget, now: Int, maxAge: Int,
        build: (ReplicaOverrides) -> DesiredState
    ) throws(StateError) -> ScalingProposal {
        let ledger = ScalingLedger(state.audit)
        let operation = AuditRecord.nextID(state.auditBytes)
        var decisions: [ScalingDecision] = []
        var metrics: [String: ServiceMetrics] = [:]
        for service in model.services {
            guard case .blueprint(let blueprint) = service.replicas else { continue }
            let measured = report.metrics(for: service.name)
            metrics[service.name] = measured
            decisions.append(
                ScalingDecider.decide(
                    service: service.name, blueprint: blueprint, metrics: measured, now: now, maxAge: maxAge, history: ledger.history(for: service.name)))
        }
        var proposal = ScalingProposal(decisions: decisions, plan: nil, desired: nil, blocked: nil, operation: operation, metrics: metrics)
        let changing = decisions.filter { $0.action != .hold }
        guard !changing.isEmpty, state.head != nil else {
            if !changing.isEmpty { proposal.blocked = "the state \(target.location) has no apply yet; run `ttlc plan` and `ttlc apply` first" }
            return proposal
        }
        var overrides = state.overrides
        var breakers: [String: String] = [:]
        for decision in changing {
            overrides = overrides.setting(decision.service, to: decision.to, operation: operation)
            if decision.verdict == .needsApproval { breakers[decision.service] = decision.rationale.last ?? "circuit breaker open" }
        }
        let desired = build(overrides)
        let plan = try Planning.plan(desired, against: state, target: target, openCircuitBreakers: breakers)
        proposal.plan = plan
        proposal.desired = desired
        proposal.blocked = outOfScope(plan, services: Set(changing.map(\.service)))
        for index in proposal.decisions.indices where proposal.decisions[index].action != .hold {
            let service = proposal.decisions[index].service
            guard let change = plan.changes.first(where: { $0.kind == "Deployment" && GovernanceRules.objectName($0) == service }) else {
                proposal.decisions[index].rationale.append("the state already runs \(service) at \(proposal.decisions[index].to): nothing to record")
                continue
            }
            proposal.decisions[index].verdict =
                switch change.verdict.verdict {
                case .autonomous: .allowed
                case .requiresApproval: .needsApproval
                case .forbidden: .forbidden
                }
            proposal.decisions[index].rationale.append("governance: \(change.verdict.verdict.rawValue) (\(change.verdict.rule))")
        }
        return proposal
    }

    /// Commits the proposal's plan (kind `scale`), with the decisions in its audit record.
    /// Nil when there is nothing to record.
    public static func apply(_ proposal: ScalingProposal, state: StateSnapshot, author: Identity, approver: Identity?, now: Int) throws(StateError) -> ObjectID? {
        if let blocked = proposal.blocked { throw StateError.contradiction(blocked) }
        guard let plan = proposal.plan, let desired = proposal.desired else { return nil }
        let summary = proposal.scaling.map { "\($0.service) \($0.from) → \($0.to)" }.joined(separator: ", ")
        let request = Applying.Request(
            author: author, approver: approver, message: "ttlc decide: \(summary)", kind: "scale", scaling: proposal.scaling)
        return try Applying.apply(plan, desired: desired, state: state, request: request, now: Date(timeIntervalSince1970: TimeInterval(now)))
    }

    /// Why a plan made for scaling would change more than the replica counts of `services`:
    /// drift, or changes of the spec not applied yet. Nil when it changes only those.
    static func outOfScope(_ plan: Plan, services: Set<String>) -> String? {
        if !plan.drift.isEmpty {
            return "the state has \(plan.drift.count) file\(plan.drift.count == 1 ? "" : "s") changed outside ttlc (first: \(plan.drift[0].path)); run `ttlc plan` and `ttlc apply` first"
        }
        let others = plan.changes.filter { !($0.operation == .scale && $0.kind == "Deployment" && services.contains(GovernanceRules.objectName($0))) }
        guard let first = others.first else { return nil }
        return "the state is not at the spec: \(others.count) other change\(others.count == 1 ? "" : "s") pending (first: \(first.action.rawValue) \(first.target)); run `ttlc plan` and `ttlc apply` first"
    }
}
