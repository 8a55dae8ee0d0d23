import Ontology
import XCTest

/// Turtle nested past 256 levels of `[ ]` and `( )` is refused at the bracket that goes too deep,
/// before serd, whose recursion a file some 20,000 levels deep overflowed the stack with (a crash).
/// Brackets in comments, IRIs and strings are text.
final class TurtleNestingTests: XCTestCase {
    private let prefix = "@prefix : <https://example.org/#> .\n"

    /// `:a :p [ :p [ … :p 1 … ] ]` with `levels` brackets, on line 2.
    private func nested(_ levels: Int, open: String = "[ :p ", close: String = " ]") -> String {
        ":a :p " + String(repeating: open, count: levels) + "1" + String(repeating: close, count: levels) + " .\n"
    }

    func testTwoHundredFiftySixLevelsRead() {
        let (graph, problem) = readTurtle(prefix + nested(256))
        XCTAssertNil(problem)
        XCTAssertEqual(graph.triples.count, 257)
    }

    func testTheBracketPastTheLimitIsTheErrorsLocation() {
        let (graph, problem) = readTurtle(prefix + nested(300))
        // Column of the 257th "[": ":a :p " is 6 bytes, each level 5 more.
        assertDiagnostic(problem, .turtleNesting, "nesting deeper than 256 levels of [ ] and ( )", at: "test.ttl:2:\(6 + 256 * 5 + 1)")
        XCTAssertTrue(graph.triples.isEmpty, "nothing is read from a refused file")
    }

    func testCollectionsCountAsLevelsToo() {
        let (_, problem) = readTurtle(prefix + nested(257, open: "( ", close: " )"))
        assertDiagnostic(problem, .turtleNesting, "nesting deeper than 256 levels of [ ] and ( )", at: "test.ttl:2:\(6 + 256 * 2 + 1)")
    }

    func testTwentyThousandLevelsAreADiagnosticNotACrash() {
        let (_, problem) = readTurtle(prefix + nested(20_000))
        XCTAssertEqual(problem?.id, .turtleNesting)
    }

    func testBracketsInCommentsIRIsAndStringsAreText() {
        let many = String(repeating: "[(", count: 300)
        let text = prefix + """
            # \(many)
            :s :p "\(many) \\" \(many)" , '\(many) \\' \(many)' .
            :s :p \"\"\"\(many) "" \(many) \"\"\" , '''\(many) '' ''' , <https://example.org/\(many)> .
            :s :p \"\"\"text "x" y\"\"\" .

            """ + nested(256)
        let (graph, problem) = readTurtle(text)
        XCTAssertNil(problem, problem?.description ?? "")
        XCTAssertEqual(graph.triples.count, 6 + 257)
    }

    func testNestingIsCountedAgainAfterALongStringWithQuotesInside() {
        // Two quotes and a bracket inside; the first three quotes in a row close it.
        let text = prefix + ":s :p \"\"\"a [ \"\"b\"\"\" .\n" + nested(257)
        let (_, problem) = readTurtle(text)
        assertDiagnostic(problem, .turtleNesting, "nesting deeper than 256 levels of [ ] and ( )", at: "test.ttl:3:\(6 + 256 * 5 + 1)")
    }
}
