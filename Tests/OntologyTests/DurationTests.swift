import Ontology
import XCTest

/// The one reader of spec durations and the forms emitters write them in; and the table of
/// duration properties `spec.duration` checks, held equal to the shapes'.
final class DurationTests: XCTestCase {
    func testParse() {
        XCTAssertEqual(SpecDuration.parse("1h30m"), .milliseconds(5_400_000))
        XCTAssertEqual(SpecDuration.parse("500ms"), .milliseconds(500))
        XCTAssertEqual(SpecDuration.parse("1s500ms"), .milliseconds(1500))
        XCTAssertEqual(SpecDuration.parse("30s1m"), .milliseconds(90_000))
        XCTAssertEqual(SpecDuration.parse("2d"), .milliseconds(172_800_000))
        XCTAssertEqual(SpecDuration.parse("0s"), .milliseconds(0))
        // Leading zeros are not length: 25 digits of which one counts.
        XCTAssertEqual(SpecDuration.parse("0000000000000000000000001s"), .milliseconds(1000))
        for text in ["", "5", "s", "5x", "5 s", "1h30", "ms", "-1s", "1.5s", "1S"] {
            XCTAssertEqual(SpecDuration.parse(text), .malformed, text)
        }
    }

    func testTheBoundIsGosLongestDuration() {
        XCTAssertEqual(SpecDuration.maxMilliseconds, 9_223_372_036_854)
        XCTAssertEqual(SpecDuration.parse("9223372036854ms"), .milliseconds(9_223_372_036_854))
        XCTAssertEqual(SpecDuration.parse("9223372036855ms"), .tooLong)
        XCTAssertEqual(SpecDuration.parse("106751d"), .milliseconds(106_751 * 86_400_000))
        XCTAssertEqual(SpecDuration.parse("106752d"), .tooLong)
        // Each part within the bound, their sum past it; and parts past Int itself.
        XCTAssertEqual(SpecDuration.parse("106751d106751d"), .tooLong)
        XCTAssertEqual(SpecDuration.parse("99999999999999999999999d"), .tooLong)
        // Syntax is still checked after an overflow.
        XCTAssertEqual(SpecDuration.parse("99999999999999999999999dx"), .malformed)
        XCTAssertNil(SpecDuration.milliseconds("106752d"))
    }

    func testGoText() {
        XCTAssertEqual(SpecDuration.goText(milliseconds: 86_400_000), "24h")
        XCTAssertEqual(SpecDuration.goText(milliseconds: 90 * 86_400_000), "2160h")
        XCTAssertEqual(SpecDuration.goText(milliseconds: 5_400_000), "1h30m")
        XCTAssertEqual(SpecDuration.goText(milliseconds: 90_000), "1m30s")
        XCTAssertEqual(SpecDuration.goText(milliseconds: 1500), "1s500ms")
        XCTAssertEqual(SpecDuration.goText(milliseconds: 60_000), "1m")
        XCTAssertEqual(SpecDuration.goText(milliseconds: 0), "0s")
        XCTAssertEqual(SpecDuration.goText(milliseconds: SpecDuration.maxMilliseconds), "2562047h47m16s854ms")
    }

    func testPrometheusText() {
        XCTAssertEqual(SpecDuration.prometheusText(milliseconds: 86_400_000 + 7_200_000), "1d2h")
        XCTAssertEqual(SpecDuration.prometheusText(milliseconds: 90_000), "1m30s")
        XCTAssertEqual(SpecDuration.prometheusText(milliseconds: 500), "500ms")
        XCTAssertEqual(SpecDuration.prometheusText(milliseconds: 0), "0s")
    }

    private func durationErrors(_ property: String, _ value: String) -> [String] {
        let (graph, problem) = readTurtle("<https://example.org/t#x> <https://w3id.org/ttlc#\(property)> \"\(value)\" .\n")
        XCTAssertNil(problem)
        return SpecChecks(vocabulary: .builtIn).run(GraphIndex(graph)).diagnostics.filter { $0.id == .specDuration }.map(\.message)
    }

    /// Too short to mean anything: an interval of 0 polls without pause, a probe period under a
    /// second is refused by Kubernetes, a latency target of 0 is never met (each passed).
    func testDurationsTooShort() {
        XCTAssertEqual(
            durationErrors("interval", "0s"),
            ["tc:interval \"0s\" is too short: at least 1s; Flux, Flagger, Prometheus or the health check would poll it without pause"])
        XCTAssertEqual(durationErrors("interval", "999ms").count, 1)
        XCTAssertEqual(durationErrors("interval", "1s"), [])
        XCTAssertEqual(durationErrors("period", "0s"), ["tc:period \"0s\" is too short: at least 1s; Kubernetes runs a probe at most once a second"])
        XCTAssertEqual(durationErrors("latencyP99", "0ms"), ["tc:latencyP99 \"0ms\" is too short: at least 1ms; a latency target of 0 is never met"])
        XCTAssertEqual(durationErrors("initialDelay", "0s"), [])
        XCTAssertEqual(durationErrors("cooldown", "0s"), [])
    }

    /// Every property the shapes give a duration syntax is bounded by `spec.duration`, and
    /// nothing else is: a new duration property cannot be added without its bound.
    func testTheCheckedPropertiesAreTheShapesDurations() throws {
        let shapes = try BuiltInShapes()
        let pattern = try shapes.shacl("pattern"), path = try shapes.shacl("path")
        var durations: Set<String> = []
        for triple in shapes.graph.triples where triple.predicate == pattern {
            // The duration syntaxes: digits and units, with or without ms and d.
            let regex = shapes.graph.terms.text(triple.object)
            guard regex.hasPrefix("^([0-9]+("), regex.hasSuffix("))+$") else { continue }
            durations.formUnion(shapes.values(triple.subject, path).map(TermNames.localName))
        }
        XCTAssertGreaterThan(durations.count, 10)
        XCTAssertEqual(Set(SpecChecks.durationLimits.keys), durations)
    }
}
