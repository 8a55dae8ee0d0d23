import Ontology
@testable import Planner
import XCTest

/// The blueprint's decision rule, on the cases `ttlc decide` must get exactly right.
final class ScalingDecisionTests: XCTestCase {
    private let now = 1_795_000_000

    private func blueprint(min: Int = 2, max: Int = 8, target: Int = 70, up: Int = 80, down: Int = 30, weights: (Double, Double, Double) = (0.5, 0.3, 0.2),
                           p95: String? = "200ms", cooldown: String = "5m", breaker: Int? = 3) -> Blueprint {
        let origin = Origin(subject: "https://example.org/t#api")
        func at<T>(_ value: T) -> Located<T> { Located(value, origin) }
        return Blueprint(
            origin: origin, min: at(min), max: at(max), targetUtilization: at(target), scaleUpThreshold: at(up), scaleDownThreshold: at(down),
            cpuWeight: at(weights.0), memoryWeight: at(weights.1), latencyWeight: at(weights.2), latencyP95: p95.map(at), stabilizationWindow: at("2m"),
            cooldown: at(cooldown), circuitBreakerFailures: breaker.map(at))
    }

    private func metrics(replicas: Int = 2, cpu: Double, memory: Double, p95: Double, age: Int = 30) -> ServiceMetrics {
        ServiceMetrics(
            service: "api", replicas: replicas, ready: replicas, cpuPercent: cpu, memoryPercent: memory, p95Milliseconds: p95, errorRatePercent: 0.1,
            timestamp: now - age)
    }

    /// The worked example: u = 0.5 × 0.85 + 0.3 × 0.70 + 0.2 × 180/200 = 0.815 → 2 to 3.
    func testWorkedExampleScalesTwoToThree() {
        let decision = ScalingDecider.decide(service: "api", blueprint: blueprint(), metrics: metrics(cpu: 85, memory: 70, p95: 180), now: now)
        XCTAssertEqual(decision.action, .scaleUp)
        XCTAssertEqual(decision.from, 2)
        XCTAssertEqual(decision.to, 3)
        XCTAssertEqual(decision.utilization, 0.815)
        XCTAssertEqual(decision.verdict, .allowed)
        XCTAssertEqual(
            decision.rationale,
            [
                "u = 0.5 × 0.85 (cpu 85%) + 0.3 × 0.7 (memory 70%) + 0.2 × 0.9 (p95 180 ms of 200 ms) = 0.815",
                "0.815 is above the scale-up threshold 0.8",
                "ceil(2 × 0.815 / 0.7) = ceil(2.3286) = 3",
                "2 → 3 is inside the blueprint's 2..8: allowed",
            ])
    }

    func testLowLoadScalesDownButNeverUnderMin() {
        let some = ScalingDecider.decide(service: "api", blueprint: blueprint(), metrics: metrics(replicas: 6, cpu: 20, memory: 20, p95: 50), now: now)
        // u = 0.1 + 0.06 + 0.05 = 0.21 → ceil(6 × 0.21 / 0.7) = ceil(1.8) = 2
        XCTAssertEqual(some.action, .scaleDown)
        XCTAssertEqual(some.to, 2)
        let floor = ScalingDecider.decide(service: "api", blueprint: blueprint(min: 3), metrics: metrics(replicas: 6, cpu: 5, memory: 5, p95: 10), now: now)
        XCTAssertEqual(floor.to, 3)
        XCTAssertTrue(floor.rationale.contains("1 is below the blueprint's min 3: clamped to 3"), floor.rationale.joined(separator: "\n"))
    }

    func testAtMaxHoldsAndSaysExceedingIsForbidden() {
        let decision = ScalingDecider.decide(service: "api", blueprint: blueprint(max: 4), metrics: metrics(replicas: 4, cpu: 99, memory: 95, p95: 400), now: now)
        XCTAssertEqual(decision.action, .hold)
        XCTAssertEqual(decision.to, 4)
        XCTAssertTrue(decision.rationale.contains { $0.contains("above the blueprint's max 4 (exceeding it is forbidden)") }, decision.rationale.joined(separator: "\n"))
        XCTAssertEqual(decision.rationale.last, "api already runs 4: holding")
    }

    /// Outside its bounds (scaled by hand, or the bounds changed since), a service is never
    /// moved against its load: 20 replicas above a max of 8 under load were cut to 8.
    func testOutsideTheBoundsNeverMovesAgainstTheLoad() {
        let loaded = ScalingDecider.decide(service: "api", blueprint: blueprint(max: 8), metrics: metrics(replicas: 20, cpu: 90, memory: 90, p95: 300), now: now)
        XCTAssertEqual(loaded.action, .hold)
        XCTAssertEqual(loaded.to, 20)
        XCTAssertEqual(loaded.rationale.last, "api already runs 20, above the max 8: holding (the load asks for more replicas, not fewer)")
        let idle = ScalingDecider.decide(service: "api", blueprint: blueprint(min: 4), metrics: metrics(replicas: 2, cpu: 5, memory: 5, p95: 10), now: now)
        XCTAssertEqual(idle.action, .hold)
        XCTAssertEqual(idle.to, 2)
        XCTAssertEqual(idle.rationale.last, "api already runs 2, below the min 4: holding (the load asks for fewer replicas, not more)")
        // With the load, the bounds still clamp: above max and under low load, down to max.
        let calm = ScalingDecider.decide(service: "api", blueprint: blueprint(max: 8), metrics: metrics(replicas: 20, cpu: 5, memory: 5, p95: 10), now: now)
        XCTAssertEqual(calm.action, .scaleDown)
        XCTAssertEqual(calm.to, 2)
    }

    func testWithinCooldownHolds() {
        let decision = ScalingDecider.decide(
            service: "api", blueprint: blueprint(), metrics: metrics(cpu: 85, memory: 70, p95: 180), now: now,
            history: ScalingHistory(lastChange: now - 120))
        XCTAssertEqual(decision.action, .hold)
        XCTAssertEqual(decision.rationale, ["last scaling change 2m ago (\(RFC3339.text(now - 120))); cooldown 5m: holding"])
        let after = ScalingDecider.decide(
            service: "api", blueprint: blueprint(), metrics: metrics(cpu: 85, memory: 70, p95: 180), now: now,
            history: ScalingHistory(lastChange: now - 301))
        XCTAssertEqual(after.to, 3)
        // A change recorded after now is said to be (it read "last scaling change 0s ago").
        let future = ScalingDecider.decide(
            service: "api", blueprint: blueprint(), metrics: metrics(cpu: 85, memory: 70, p95: 180), now: now,
            history: ScalingHistory(lastChange: now + 600))
        XCTAssertEqual(future.action, .hold)
        XCTAssertEqual(future.rationale, ["the last scaling change (\(RFC3339.text(now + 600))) is later than now (\(RFC3339.text(now))): holding"])
    }

    func testMissingOrStaleMetricsHold() {
        let missing = ScalingDecider.decide(service: "api", blueprint: blueprint(), metrics: nil, now: now)
        XCTAssertEqual(missing.action, .hold)
        XCTAssertEqual(missing.rationale, ["no metrics for api: holding (nothing is decided without a measurement)"])
        let stale = ScalingDecider.decide(service: "api", blueprint: blueprint(), metrics: metrics(cpu: 85, memory: 70, p95: 180, age: 720), now: now)
        XCTAssertEqual(stale.action, .hold)
        XCTAssertEqual(stale.rationale.first?.hasPrefix("metrics for api are 12m old"), true, stale.rationale.joined())
    }

    func testOpenCircuitBreakerNeedsApproval() {
        let decision = ScalingDecider.decide(
            service: "api", blueprint: blueprint(breaker: 3), metrics: metrics(cpu: 85, memory: 70, p95: 180), now: now,
            history: ScalingHistory(consecutiveFailures: 3))
        XCTAssertEqual(decision.to, 3)
        XCTAssertEqual(decision.verdict, .needsApproval)
        let closed = ScalingDecider.decide(
            service: "api", blueprint: blueprint(breaker: 3), metrics: metrics(cpu: 85, memory: 70, p95: 180), now: now,
            history: ScalingHistory(consecutiveFailures: 2))
        XCTAssertEqual(closed.verdict, .allowed)
    }

    func testBetweenThresholdsHolds() {
        let decision = ScalingDecider.decide(service: "api", blueprint: blueprint(), metrics: metrics(cpu: 60, memory: 60, p95: 150), now: now)
        // u = 0.3 + 0.18 + 0.15 = 0.63
        XCTAssertEqual(decision.action, .hold)
        XCTAssertEqual(decision.utilization, 0.63)
        XCTAssertEqual(decision.rationale.last, "0.63 is within 0.3..0.8: holding")
    }

    func testMetricsFileErrorsNameThePlace() {
        func error(_ text: String) -> String? {
            if case .failure(let diagnostic) = MetricsReport.read(Array(text.utf8), file: "m.json") { return diagnostic.description }
            return nil
        }
        XCTAssertEqual(error("{\"format_version\": \"1.0\", \"services\": [}"), "m.json:1:40: error: not JSON: unexpected token near '}'")
        XCTAssertEqual(
            error(#"{"format_version": "1.0", "services": [{"service": "api", "replicas": 2, "ready": 2, "cpu_percent": "high"}]}"#),
            "m.json:1:86: error: services[0].cpu_percent: expected a number, found a string")
        XCTAssertEqual(error(#"{"services": []}"#), "m.json:1:1: error: format_version: missing or not a string; expected \"1.0\"")
        let good = #"{"format_version": "1.0", "services": [{"service": "api", "replicas": 2, "ready": 2, "cpu_percent": 85, "memory_percent": 70, "p95_ms": 180, "error_rate_percent": 0.2, "timestamp": "2026-11-25T21:00:00Z"}]}"#
        guard case .success(let report) = MetricsReport.read(Array(good.utf8), file: "m.json") else { return XCTFail("valid metrics refused") }
        XCTAssertEqual(report.services.first?.timestamp, 1_795_640_400)
        XCTAssertEqual(RFC3339.text(1_795_640_400), "2026-11-25T21:00:00Z")
    }
}
