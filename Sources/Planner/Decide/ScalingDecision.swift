import Foundation
import Ontology

/// What the audit history says about a service's earlier scaling, as the decision needs it.
public struct ScalingHistory: Sendable, Equatable {
    /// When the last scaling change was applied (seconds since the epoch).
    public var lastChange: Int?
    /// Failed verifications in a row since the last success or approved change.
    public var consecutiveFailures: Int

    public init(lastChange: Int? = nil, consecutiveFailures: Int = 0) {
        self.lastChange = lastChange
        self.consecutiveFailures = consecutiveFailures
    }
}

/// One service's scaling decision, with every number that led to it.
public struct ScalingDecision: Sendable, Equatable {
    public enum Action: String, Sendable { case scaleUp = "scale-up", scaleDown = "scale-down", hold }

    /// How governance classifies the change (`hold` changes nothing and is always allowed).
    public enum Verdict: String, Sendable { case allowed, needsApproval = "needs-approval", forbidden }

    public var service: String
    public var action: Action
    public var from: Int
    public var to: Int
    /// The weighted utilisation u, when metrics were usable.
    public var utilization: Double?
    public var verdict: Verdict
    /// The steps, in words, each naming its numbers.
    public var rationale: [String]
}

/// The blueprint's decision rule:
/// u = w_cpu × cpu + w_mem × mem + w_lat × (p95 / p95_target); above the scale-up threshold or
/// below the scale-down threshold the target is ceil(current × u / target utilisation),
/// always clamped to min..max; otherwise hold.
public enum ScalingDecider {
    /// Metrics older than this are not acted on unless the caller says otherwise.
    public static let defaultMaxAge = 300

    public static func decide(
        service: String, blueprint: Blueprint, metrics: ServiceMetrics?, now: Int, maxAge: Int = defaultMaxAge,
        history: ScalingHistory = ScalingHistory()
    ) -> ScalingDecision {
        let low = blueprint.min.value
        let high = blueprint.max.value
        func hold(_ current: Int, _ lines: [String], utilization: Double? = nil) -> ScalingDecision {
            ScalingDecision(service: service, action: .hold, from: current, to: current, utilization: utilization, verdict: .allowed, rationale: lines)
        }
        guard let metrics else {
            return hold(0, ["no metrics for \(service): holding (nothing is decided without a measurement)"])
        }
        let current = metrics.replicas
        let age = now - metrics.timestamp
        if age > maxAge {
            return hold(
                current,
                ["metrics for \(service) are \(SpecDuration.text(seconds: age)) old (measured \(RFC3339.text(metrics.timestamp)), now \(RFC3339.text(now))); older than \(SpecDuration.text(seconds: maxAge)): holding"])
        }
        if age < -60 {
            return hold(current, ["metrics for \(service) are from the future (\(RFC3339.text(metrics.timestamp)), now \(RFC3339.text(now))): holding"])
        }
        if current < 1 {
            return hold(current, ["\(service) reports \(current) replicas: holding (scaling from zero is not a load decision)"])
        }
        let cooldown = (SpecDuration.milliseconds(blueprint.cooldown.value) ?? 0) / 1000
        if let last = history.lastChange, last > now {
            // A change recorded after --now (or a clock behind the state's): "0s ago" said nothing.
            return hold(current, ["the last scaling change (\(RFC3339.text(last))) is later than now (\(RFC3339.text(now))): holding"])
        }
        if let last = history.lastChange, now - last < cooldown {
            return hold(
                current,
                ["last scaling change \(SpecDuration.text(seconds: now - last)) ago (\(RFC3339.text(last))); cooldown \(blueprint.cooldown.value): holding"])
        }

        let wCPU = blueprint.cpuWeight.value, wMem = blueprint.memoryWeight.value, wLat = blueprint.latencyWeight.value
        let (u, latencyTarget) = utilization(blueprint, metrics)
        var lines: [String] = []
        var formula =
            "u = \(fmt(wCPU)) × \(fmt(metrics.cpuPercent / 100)) (cpu \(fmt(metrics.cpuPercent))%) + \(fmt(wMem)) × \(fmt(metrics.memoryPercent / 100)) (memory \(fmt(metrics.memoryPercent))%)"
        if let latencyTarget {
            formula += " + \(fmt(wLat)) × \(fmt(metrics.p95Milliseconds / Double(latencyTarget))) (p95 \(fmt(metrics.p95Milliseconds)) ms of \(latencyTarget) ms)"
        }
        lines.append(formula + " = \(fmt(u))")

        let target = Double(blueprint.targetUtilization.value) / 100
        let up = Double(blueprint.scaleUpThreshold.value) / 100
        let down = Double(blueprint.scaleDownThreshold.value) / 100
        if u > up {
            lines.append("\(fmt(u)) is above the scale-up threshold \(fmt(up))")
        } else if u < down {
            lines.append("\(fmt(u)) is below the scale-down threshold \(fmt(down))")
        } else {
            lines.append("\(fmt(u)) is within \(fmt(down))..\(fmt(up)): holding")
            return hold(current, lines, utilization: u)
        }
        let exact = Double(current) * u / target
        // A hair of slack so 3.0000000001 from binary fractions does not become 4.
        let wanted = Int((exact - 1e-9).rounded(.up))
        let clamped = Swift.min(high, Swift.max(low, wanted))
        lines.append("ceil(\(current) × \(fmt(u)) / \(fmt(target))) = ceil(\(fmt(exact))) = \(wanted)")
        if clamped != wanted {
            lines.append(
                wanted > high
                    ? "\(wanted) is above the blueprint's max \(high) (exceeding it is forbidden): clamped to \(high)"
                    : "\(wanted) is below the blueprint's min \(low): clamped to \(low)")
        }
        guard clamped != current else {
            lines.append("\(service) already runs \(current): holding")
            return hold(current, lines, utilization: u)
        }
        // The bounds limit a move, never reverse it: a service already past max under load
        // (scaled by hand, or the max lowered since) was cut to max, 20 → 8, because it needed
        // more; one under min with little load was raised.
        if (u > up && clamped < current) || (u < down && clamped > current) {
            lines.append(
                u > up
                    ? "\(service) already runs \(current), above the max \(high): holding (the load asks for more replicas, not fewer)"
                    : "\(service) already runs \(current), below the min \(low): holding (the load asks for fewer replicas, not more)")
            return hold(current, lines, utilization: u)
        }
        var verdict = ScalingDecision.Verdict.allowed
        if let limit = blueprint.circuitBreakerFailures?.value, history.consecutiveFailures >= limit {
            verdict = .needsApproval
            lines.append("circuit breaker open: \(history.consecutiveFailures) failed verifications in a row (limit \(limit)); the change needs approval")
        } else {
            lines.append("\(current) → \(clamped) is inside the blueprint's \(low)..\(high): allowed")
        }
        let action: ScalingDecision.Action = clamped > current ? .scaleUp : .scaleDown
        return ScalingDecision(service: service, action: action, from: current, to: clamped, utilization: u, verdict: verdict, rationale: lines)
    }

    /// u = w_cpu × cpu + w_mem × mem + w_lat × (p95 / p95 target), and the p95 target in
    /// milliseconds when the blueprint has one (without it the latency term is left out).
    static func utilization(_ blueprint: Blueprint, _ metrics: ServiceMetrics) -> (value: Double, latencyTarget: Int?) {
        var u = blueprint.cpuWeight.value * metrics.cpuPercent / 100 + blueprint.memoryWeight.value * metrics.memoryPercent / 100
        var latencyTarget: Int?
        if let text = blueprint.latencyP95, let millis = SpecDuration.milliseconds(text.value), millis > 0 {
            u += blueprint.latencyWeight.value * metrics.p95Milliseconds / Double(millis)
            latencyTarget = millis
        }
        // Decimal weights: 0.815, not 0.8150000000000001.
        return ((u * 1e9).rounded() / 1e9, latencyTarget)
    }

    /// Numbers as people write them: no trailing zeros, at most four decimals.
    public static func fmt(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
