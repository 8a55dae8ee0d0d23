import Emitters
import Planner

/// Scaling decisions for people (a headline per service, the rationale indented) and as JSON.
enum DecisionText {
    static func render(_ decisions: [ScalingDecision]) -> String {
        guard !decisions.isEmpty else { return "no service has a blueprint; nothing to decide\n" }
        var out = ""
        for decision in decisions {
            let change = decision.action == .hold ? (decision.from > 0 ? "hold at \(decision.from)" : "hold") : "\(decision.action.rawValue) \(decision.from) → \(decision.to)"
            out += "\(decision.service): \(change) (\(decision.verdict.rawValue))\n"
            for line in decision.rationale { out += "  \(line)\n" }
        }
        return out
    }

    /// format_version 1.1 (1.1 added `operation`, `blocked`, `applied`, `commit` and `plan`).
    static func json(_ proposal: ScalingProposal, now: Int, applied commit: ObjectID?) -> String {
        let entries = proposal.decisions.map { decision in
            JSONText.object([
                ("service", .string(decision.service)),
                ("action", .string(decision.action.rawValue)),
                ("from", .int(decision.from)),
                ("to", .int(decision.to)),
                ("utilization", decision.utilization.map { .number($0) } ?? .null),
                ("verdict", .string(decision.verdict.rawValue)),
                ("rationale", .array(decision.rationale.map { .string($0) })),
            ])
        }
        let planned = proposal.plan.map { $0.hasChanges } ?? false
        let document = JSONText.object([
            ("format_version", .string("1.1")),
            ("now", .string(RFC3339.text(now))),
            ("decisions", .array(entries)),
            ("operation", planned ? .string(proposal.operation) : .null),
            ("blocked", proposal.blocked.map { .string($0) } ?? .null),
            ("applied", .bool(commit != nil)),
            ("commit", commit.map { .string($0.hex) } ?? .null),
            ("plan", planned ? proposal.plan.map(PlanJSON.value) ?? .null : .null),
        ])
        return String(decoding: document.renderedBytes(), as: UTF8.self)
    }
}
