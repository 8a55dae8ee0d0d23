import XCTest

@testable import Emitters

/// The pull policy written beside each image is the one the API server would default to, so a
/// live Deployment and its source show no drift.
final class PullPolicyTests: XCTestCase {
    func testATagOrADigestPullsIfNotPresent() {
        XCTAssertEqual(Workload.pullPolicy("ghcr.io/aegis/river:1.4.2"), "IfNotPresent")
        XCTAssertEqual(Workload.pullPolicy("registry.local:5000/team/api:2"), "IfNotPresent")
        XCTAssertEqual(Workload.pullPolicy("nginx@sha256:0123abcd"), "IfNotPresent")
    }

    func testLatestOrNoTagPullsAlways() {
        XCTAssertEqual(Workload.pullPolicy("nginx"), "Always")
        XCTAssertEqual(Workload.pullPolicy("nginx:latest"), "Always")
        // A registry port is not a tag.
        XCTAssertEqual(Workload.pullPolicy("registry.local:5000/team/api"), "Always")
    }
}
