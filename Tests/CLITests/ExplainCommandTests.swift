import Foundation
import TestSupport
import XCTest

/// `ttlc explain` on the example spec, against golden/explain/.
final class ExplainCommandTests: XCTestCase {
    /// One target of each kind, text and JSON.
    func testExplanationsMatchTheirGoldens() throws {
        let targets = [
            ("deployment", "Deployment/edge/river-proxy"),
            ("file", "apps/edge/river-proxy/service.yaml"),
            ("bird-file", "bgp/fra1-n3/anycast.conf"),
            ("bgp-protocol", "bgp/fra1-n1:peer_transit_a"),
            ("rule", "allow-monitoring"),
        ]
        for (name, target) in targets {
            let text = try runTTLC(["explain", target])
            XCTAssertEqual(text.status, 0, text.stderr)
            try assertGoldenText(text.stdout, "explain/\(name).txt")
            let json = try runTTLC(["explain", target, "--format", "json"])
            XCTAssertEqual(json.status, 0, json.stderr)
            try assertGoldenText(json.stdout, "explain/\(name).json")
        }
    }

    func testFieldIsTracedToItsSpecTerm() throws {
        let result = try runTTLC(["explain", "Deployment/edge/river-proxy"])
        XCTAssertTrue(
            result.stdout.contains(
                "  spec.template.spec.containers[0].image: ghcr.io/aegis/river:1.4.2\n    specs/aegis.ttl:47:14 <https://example.org/aegis#river-proxy> tc:image\n"),
            result.stdout)
        XCTAssertTrue(result.stdout.contains("  Service/edge/river-proxy-lb apps/edge/river-proxy/service.yaml\n"), "the Service shares the subject")
        XCTAssertFalse(result.stdout.contains("Service/edge/dragonfly"), "another service's objects do not depend on it")
    }

    func testProtocolByItsSpecNameIsTheSameAsBySymbol() throws {
        let bySymbol = try runTTLC(["explain", "bgp/fra1-n1:peer_transit_a"])
        let byName = try runTTLC(["explain", "bgp/fra1-n1:transit-a"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertEqual(byName.stdout.split(separator: "\n").dropFirst(), bySymbol.stdout.split(separator: "\n").dropFirst())
    }

    func testUnknownTargetExitsOneAndSaysWhatIsExpected() throws {
        let result = try runTTLC(["explain", "Deployment/edge/nope"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(
            result.stderr,
            "error: nothing named 'Deployment/edge/nope': expected an emitted file, Kind/namespace/name, bgp/<node>:<protocol> or a rule name [explain.target]\n")
    }

    func testInvalidSpecReportsDiagnosticsAndExitsOne() throws {
        let result = try runTTLC(["explain", "Deployment/edge/river-proxy", "no/such/spec.ttl"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("[input.unreadable]"), result.stderr)
    }
}
