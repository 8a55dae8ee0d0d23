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

    static func json(_ decisions: [ScalingDecision], now: Int) -> String {
        let entries = decisions.map { decision in
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
        let document = JSONText.object([
            ("format_version", .string("1.0")),
            ("now", .string(RFC3339.text(now))),
            ("decisions", .array(entries)),
        ])
        return String(decoding: document.renderedBytes(), as: UTF8.self)
    }
}
