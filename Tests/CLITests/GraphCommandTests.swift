import Foundation
import TestSupport
import XCTest

/// `ttlc graph` on the example spec: DOT against golden/graph/, SVG through Graphviz.
final class GraphCommandTests: XCTestCase {
    func testEachViewMatchesItsGolden() throws {
        for view in ["all", "services", "network", "bgp"] {
            let result = try runTTLC(["graph", "--view", view, "specs"])
            XCTAssertEqual(result.status, 0, result.stderr)
            try assertGoldenText(result.stdout, "graph/aegis-\(view).dot")
        }
    }

    func testDefaultViewIsAll() throws {
        let plain = try runTTLC(["graph"])
        let all = try runTTLC(["graph", "--view", "all"])
        XCTAssertEqual(plain.stdout, all.stdout)
        XCTAssertTrue(plain.stdout.contains("\"node:fra1-n1\" -> \"peer:transit-a\" [dir=both, label=\"BGP\"];\n"))
        XCTAssertTrue(plain.stdout.contains("\"service:river-proxy\" -> \"service:dragonfly\" [label=\"dependsOn\"];\n"))
    }

    /// scripts/setup installs graphviz; without it this fails rather than passing unchecked.
    func testSVGIsRenderedByGraphviz() throws {
        let result = try runTTLC(["graph", "--format", "svg", "--view", "bgp"])
        XCTAssertEqual(result.status, 0, "is graphviz installed (scripts/setup)? \(result.stderr)")
        XCTAssertTrue(result.stdout.contains("<svg"), String(result.stdout.prefix(200)))
        XCTAssertTrue(result.stdout.contains(">transit&#45;a<") || result.stdout.contains(">transit-a<"), "the peer's name is drawn")
    }

    func testSVGWithoutGraphvizNamesThePackage() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-empty-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try runTTLC(["graph", "--format", "svg"], environment: ["PATH": empty.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(
            result.stderr,
            "error: cannot render SVG: Graphviz's `dot` is not on PATH (install the graphviz package, or use --format dot) [graph.render]\n")
    }

    func testInvalidSpecExitsOneWithNothingOnStandardOutput() throws {
        let result = try runTTLC(["graph", "no/such/spec.ttl"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
    }
}
