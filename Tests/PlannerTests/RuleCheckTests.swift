import Ontology
import Planner
import XCTest

/// The rules.* checks: one fixture each under Tests/Fixtures/rules/checks, each passing the shapes.
final class RuleCheckTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func diagnostics(_ name: String) throws -> (String, [Diagnostic]) {
        let path = root.appendingPathComponent("Tests/Fixtures/rules/checks/\(name).ttl").path
        var graph = Graph()
        XCTAssertNil(SpecLoader().load(path: path, into: &graph))
        let validation = try SpecValidation.builtIn().get().validate(graph)
        XCTAssertEqual(validation.filter { $0.severity == .error }, [], "the fixture must pass the shapes")
        return (path, SpecValidation.sorted(CrossChecks.run(ModelReader(graph: graph).read())))
    }

    private func assertFound(_ found: Diagnostic?, _ path: String, _ id: MessageID, _ message: String, at place: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(found?.id, id, file: file, line: line)
        XCTAssertEqual(found?.message, message, file: file, line: line)
        XCTAssertEqual(found?.location?.description, "\(path):\(place)", file: file, line: line)
    }

    func testOverlapAtOnePriorityWithConflictingActions() throws {
        let (path, found) = try diagnostics("overlap")
        XCTAssertEqual(found.count, 1, found.map(\.description).joined(separator: "\n"))
        assertFound(found.first, path, .rulesOverlap, "rules a (Allow) and b (Drop) share priority 5 and can match one signal", at: "5:28")
        XCTAssertEqual(found.first?.notes.first?.location?.description, "\(path):4:28")
    }

    func testRatesOutOfRangeAndRateLimitWithoutRate() throws {
        let (path, found) = try diagnostics("rate")
        XCTAssertEqual(found.count, 3, found.map(\.description).joined(separator: "\n"))
        assertFound(found[0], path, .rulesRate, "rate limit 2000000 of rule a is above 1000000 per window", at: "5:35")
        assertFound(found[1], path, .rulesRate, "rate window \"2h\" of rule b is outside 1ms..1h", at: "8:50")
        assertFound(found[2], path, .rulesRate, "rule c has action tc:RateLimit but its match gives no tc:rate", at: "10:79")
    }

    func testPatternLongerThanTheBound() throws {
        let (path, found) = try diagnostics("pattern")
        XCTAssertEqual(found.count, 1)
        assertFound(found.first, path, .rulesPattern, "payload pattern of rule a is 256 bytes; at most 255", at: "5:27")
    }

    func testPatternSetTooLargeForTheAutomaton() throws {
        let (path, found) = try diagnostics("pattern-bound")
        XCTAssertEqual(found.count, 1)
        assertFound(found.first, path, .rulesPatternBound, "the payload patterns need 32878 automaton states with this one; the bound is 32767", at: "91:9")
    }

    func testMoreRulesThanTheTableHolds() throws {
        let (path, found) = try diagnostics("too-many")
        XCTAssertEqual(found.count, 1)
        assertFound(found.first, path, .rulesTooMany, "257 rules; the rule table holds at most 256", at: "260:31")
    }

    func testDurations() {
        XCTAssertEqual(RuleChecks.nanoseconds("1h30m"), 5_400_000_000_000)
        XCTAssertEqual(RuleChecks.nanoseconds("500ms"), 500_000_000)
        XCTAssertNil(RuleChecks.nanoseconds(""))
        XCTAssertNil(RuleChecks.nanoseconds("5"))
        XCTAssertNil(RuleChecks.nanoseconds("999999999999d"))
    }
}
