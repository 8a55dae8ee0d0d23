import Ontology
@testable import Planner
import XCTest

/// `ttlc verify`'s judgement of an applied scaling change.
final class ScalingVerificationTests: XCTestCase {
    private let applied = AppliedScaling(service: "api", from: 2, to: 3, appliedAt: 1_795_640_400, baselineErrorRatePercent: 0.2)

    private var blueprint: Blueprint {
        let origin = Origin(subject: "https://example.org/t#api")
        func at<T>(_ value: T) -> Located<T> { Located(value, origin) }
        return Blueprint(
            origin: origin, min: at(2), max: at(8), targetUtilization: at(70), scaleUpThreshold: at(80), scaleDownThreshold: at(30),
            cpuWeight: at(0.5), memoryWeight: at(0.3), latencyWeight: at(0.2), latencyP95: at("200ms"), stabilizationWindow: at("2m"),
            cooldown: at("5m"), circuitBreakerFailures: at(3))
    }

    private func metrics(replicas: Int = 3, ready: Int = 3, cpu: Double = 57, memory: Double = 47, p95: Double = 150, errors: Double = 0.2, at time: Int) -> ServiceMetrics {
        ServiceMetrics(service: "api", replicas: replicas, ready: ready, cpuPercent: cpu, memoryPercent: memory, p95Milliseconds: p95, errorRatePercent: errors, timestamp: time)
    }

    func testSettledHealthyChangePasses() {
        let now = applied.appliedAt + 180
        let result = ScalingVerifier.verify(applied, blueprint: blueprint, metrics: metrics(at: now - 10), now: now)
        XCTAssertEqual(result.outcome, .passed, result.checks.map(\.detail).joined(separator: "\n"))
        XCTAssertEqual(result.checks.map(\.name), ["replicas", "ready", "utilization", "latency", "errors"])
        // u = 0.5 × 0.57 + 0.3 × 0.47 + 0.2 × 0.75 = 0.576
        XCTAssertEqual(result.checks[2].detail, "u = 0.576, target 0.7")
    }

    func testBeforeTheWindowIsPending() {
        let now = applied.appliedAt + 60
        let result = ScalingVerifier.verify(applied, blueprint: blueprint, metrics: metrics(at: now), now: now)
        XCTAssertEqual(result.outcome, .pending)
        XCTAssertEqual(result.note, "stabilising until 2026-11-25T21:02:00Z (window 2m after 2026-11-25T21:00:00Z)")
        let early = ScalingVerifier.verify(applied, blueprint: blueprint, metrics: metrics(at: applied.appliedAt + 30), now: applied.appliedAt + 300)
        XCTAssertEqual(early.outcome, .pending, "metrics from before the change settled say nothing about it")
    }

    func testEachFailingSignalFailsTheVerification() {
        let now = applied.appliedAt + 300
        let cases: [(ServiceMetrics, String)] = [
            (metrics(replicas: 2, at: now), "replicas"),
            (metrics(ready: 1, at: now), "ready"),
            (metrics(cpu: 95, memory: 90, at: now), "utilization"),
            (metrics(p95: 450, at: now), "latency"),
            (metrics(errors: 1.5, at: now), "errors"),
        ]
        for (sample, failing) in cases {
            let result = ScalingVerifier.verify(applied, blueprint: blueprint, metrics: sample, now: now)
            XCTAssertEqual(result.outcome, .failed, failing)
            XCTAssertTrue(result.checks.contains { $0.name == failing && !$0.passed }, failing)
        }
    }
}
