import Ontology

/// After a scaling change has had time to settle, did it do what it was for? Replica count
/// and ready pods as decided, utilisation at or below target, p95 within its target, and the
/// error rate no worse than before the change.
public struct ScalingVerification: Sendable, Equatable {
    public enum Outcome: String, Sendable { case passed, failed, pending }

    public struct Check: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    public var service: String
    public var outcome: Outcome
    public var checks: [Check]
    /// Why the verification could not be judged yet (pending), or nil.
    public var note: String?
}

/// What was applied, as the audit record keeps it.
public struct AppliedScaling: Sendable, Equatable {
    public var service: String
    public var from: Int
    public var to: Int
    /// When the change was committed (seconds since the epoch).
    public var appliedAt: Int
    /// The error rate (percent) in the metrics the decision was made from.
    public var baselineErrorRatePercent: Double

    public init(service: String, from: Int, to: Int, appliedAt: Int, baselineErrorRatePercent: Double) {
        self.service = service
        self.from = from
        self.to = to
        self.appliedAt = appliedAt
        self.baselineErrorRatePercent = baselineErrorRatePercent
    }
}

public enum ScalingVerifier {
    /// Error rates move a little between two samples; a rise of more than this many
    /// percentage points counts as worse.
    public static let errorRateSlack = 0.1
    /// When the blueprint names no stabilisation window.
    public static let defaultStabilization = 120

    public static func verify(_ applied: AppliedScaling, blueprint: Blueprint, metrics: ServiceMetrics?, now: Int) -> ScalingVerification {
        func pending(_ note: String) -> ScalingVerification {
            ScalingVerification(service: applied.service, outcome: .pending, checks: [], note: note)
        }
        let window = blueprint.stabilizationWindow.flatMap { SpecDuration.milliseconds($0.value) }.map { $0 / 1000 } ?? defaultStabilization
        let settled = applied.appliedAt + window
        if now < settled {
            return pending("stabilising until \(RFC3339.text(settled)) (window \(SpecDuration.text(seconds: window)) after \(RFC3339.text(applied.appliedAt)))")
        }
        guard let metrics else { return pending("no metrics for \(applied.service)") }
        if metrics.timestamp < settled {
            return pending("metrics measured \(RFC3339.text(metrics.timestamp)), before the change settled (\(RFC3339.text(settled)))")
        }
        let fmt = ScalingDecider.fmt
        var checks: [ScalingVerification.Check] = []
        checks.append(.init(name: "replicas", passed: metrics.replicas == applied.to, detail: "\(metrics.replicas) running, \(applied.to) decided"))
        checks.append(.init(name: "ready", passed: metrics.ready >= applied.to, detail: "\(metrics.ready) of \(applied.to) pods ready"))
        let target = Double(blueprint.targetUtilization.value) / 100
        let (u, p95Target) = ScalingDecider.utilization(blueprint, metrics)
        checks.append(.init(name: "utilization", passed: u <= target, detail: "u = \(fmt(u)), target \(fmt(target))"))
        if let p95Target {
            checks.append(
                .init(name: "latency", passed: metrics.p95Milliseconds <= Double(p95Target), detail: "p95 \(fmt(metrics.p95Milliseconds)) ms, target \(p95Target) ms"))
        }
        let worse = metrics.errorRatePercent > applied.baselineErrorRatePercent + errorRateSlack
        checks.append(
            .init(
                name: "errors", passed: !worse,
                detail: "error rate \(fmt(metrics.errorRatePercent))%, \(fmt(applied.baselineErrorRatePercent))% before the change"))
        return ScalingVerification(service: applied.service, outcome: checks.allSatisfy(\.passed) ? .passed : .failed, checks: checks, note: nil)
    }
}
