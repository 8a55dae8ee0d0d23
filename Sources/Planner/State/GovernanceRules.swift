/// Classifies a planned change by the spec's Governance: the strictest verdict among the
/// policies that match it (Forbidden over RequiresApproval over Autonomous), or the default
/// verdict when none does. Built in, above the policies: a scale of a blueprint service inside
/// the blueprint's min..max (as last applied) is autonomous, outside it forbidden; and over a
/// rollback nothing is autonomous; nor is scaling a service whose circuit breaker is open.
struct GovernanceRules {
    var governance: Governance?
    /// The model as last applied (the bounds that govern scaling), and the model now.
    var applied: CompiledModel?
    var current: CompiledModel
    var overRollback: AuditRecord?
    /// Services whose circuit breaker is open, each with why.
    var openCircuitBreakers: [String: String] = [:]

    func classify(_ change: Change) -> Classification {
        var result = policyVerdict(change)
        if change.operation == .scale, let bounds = blueprintBounds(change), let count = newReplicas(change) {
            result =
                bounds.contains(count)
                ? Classification(verdict: .autonomous, rule: "blueprint bounds: \(count) replicas is inside \(bounds.lowerBound)..\(bounds.upperBound)")
                : Classification(verdict: .forbidden, rule: "blueprint bounds: \(count) replicas is outside \(bounds.lowerBound)..\(bounds.upperBound)")
        }
        if change.operation == .scale, result.verdict == .autonomous, let reason = openCircuitBreakers[Self.objectName(change)] {
            result = Classification(verdict: .requiresApproval, rule: reason)
        }
        if let rollback = overRollback, result.verdict == .autonomous {
            result = Classification(
                verdict: .requiresApproval,
                rule: "the state is at a rollback to \(String((rollback.rollbackOf ?? "").prefix(12))) by \(rollback.author) at \(rollback.time); changing it needs approval")
        }
        return result
    }

    private func policyVerdict(_ change: Change) -> Classification {
        guard let governance else {
            return Classification(verdict: .requiresApproval, rule: "no Governance in the spec: every change needs approval")
        }
        var best: Classification?
        for policy in governance.policies where matches(policy, change) {
            let verdict = Self.verdict(policy.verdict.value)
            if best == nil || verdict > best!.verdict {
                best = Classification(verdict: verdict, rule: Self.describe(policy))
            }
        }
        if let best { return best }
        let location = governance.defaultVerdict.origin.location.map { " (\($0))" } ?? ""
        return Classification(verdict: Self.verdict(governance.defaultVerdict.value), rule: "\(governance.name) default verdict\(location)")
    }

    private func matches(_ policy: GovernancePolicy, _ change: Change) -> Bool {
        if !policy.operations.isEmpty, !policy.operations.contains(where: { $0.value.lowercased() == change.operation.rawValue }) { return false }
        if !policy.resourceKinds.isEmpty, !policy.resourceKinds.contains(where: { $0.value == change.kind }) { return false }
        if !policy.namespaces.isEmpty {
            guard let namespace = change.namespace, policy.namespaces.contains(where: { $0.value == namespace }) else { return false }
        }
        if !policy.fields.isEmpty {
            // The policy covers an update only when every field the update touches is one it names.
            guard change.action == .update, !change.fields.isEmpty else { return false }
            for field in change.fields where !policy.fields.contains(where: { Self.fieldMatches($0.value, field.path) }) { return false }
        }
        return true
    }

    /// `spec.template.spec.containers.*.image` against `spec.template.spec.containers[0].image`.
    static func fieldMatches(_ pattern: String, _ path: String) -> Bool {
        let segments = path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "").split(separator: ".")
        let wanted = pattern.split(separator: ".")
        guard segments.count == wanted.count else { return false }
        return zip(wanted, segments).allSatisfy { $0 == "*" || $0 == $1 }
    }

    private func blueprintBounds(_ change: Change) -> ClosedRange<Int>? {
        guard change.kind == "Deployment" || change.kind == "StatefulSet" else { return nil }
        let name = Self.objectName(change)
        return (applied?.blueprintBounds(service: name, namespace: change.namespace)) ?? current.blueprintBounds(service: name, namespace: change.namespace)
    }

    static func objectName(_ change: Change) -> String {
        change.target.split(separator: "/").last.map(String.init) ?? ""
    }

    private func newReplicas(_ change: Change) -> Int? {
        change.fields.first { $0.path == "spec.replicas" }?.after.flatMap { Int($0) }
    }

    static func verdict(_ name: String) -> Classification.Verdict {
        switch name {
        case "Autonomous": .autonomous
        case "Forbidden": .forbidden
        default: .requiresApproval
        }
    }

    /// `governance policy at specs/governance.ttl:21:9 (Delete Namespace → Forbidden)`.
    static func describe(_ policy: GovernancePolicy) -> String {
        var conditions: [String] = []
        if !policy.operations.isEmpty { conditions.append(policy.operations.map(\.value).joined(separator: "|")) }
        if !policy.resourceKinds.isEmpty { conditions.append(policy.resourceKinds.map(\.value).joined(separator: "|")) }
        if !policy.namespaces.isEmpty { conditions.append("in " + policy.namespaces.map(\.value).joined(separator: "|")) }
        if !policy.fields.isEmpty { conditions.append("field " + policy.fields.map(\.value).joined(separator: "|")) }
        let location = policy.origin.location.map { " at \($0)" } ?? ""
        return "governance policy\(location) (\(conditions.joined(separator: " ")) → \(policy.verdict.value))"
    }
}
