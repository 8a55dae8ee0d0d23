import Ontology
import XCTest

/// `spec.regex`: an HTTP rule's path is a Go (RE2) regular expression to Cilium's agent; one
/// that does not compile there passed every schema and made a policy the agent refuses.
final class PathPatternTests: XCTestCase {
    private func errors(httpPath: String, probePath: String = "/healthz") -> [String] {
        let (graph, problem) = readTurtle(
            """
            @prefix tc: <https://w3id.org/ttlc#> .
            @prefix : <https://example.org/t#> .
            :p a tc:NetworkPolicy ; tc:namespace :n ;
                tc:allow [ tc:from :a ; tc:to :b ; tc:http [ tc:method "GET" ; tc:path "\(httpPath)" ] ] .
            :s a tc:Service ; tc:readiness [ tc:path "\(probePath)" ; tc:portName "http" ] .
            """)
        XCTAssertNil(problem)
        return SpecChecks(vocabulary: .builtIn).run(GraphIndex(graph)).diagnostics.filter { $0.id == .specRegex }.map(\.message)
    }

    func testRE2ExpressionsPass() {
        // RE2 spellings ICU reads otherwise or refuses: \\pL, (?P<n>), the U flag, octal escapes,
        // a { that starts no repetition, \\p{..}+ and \\x{..}+ (not possessive), \\Q…\\E.
        let re2Only = ["/v1/\\\\p{L}+", "/a\\\\x{41}+", "/(?P<id>[0-9a-f]+)", "/\\\\pL\\\\PN", "/(?U)a+", "/(?i-U:a)", "/a\\\\0", "/\\\\101", "/x{,3}", "/\\\\Q(?=x\\\\E", "/[[:alpha:]]+\\\\z"]
        for good in ["/v1/score", "/v1/verdicts/[0-9a-f]+", "/v1/verdicts/.*", "/a(b|c)?/d{1,3}", "/x\\\\(y\\\\)", "/[(]", "/[]a]", "/(?i)api", "/(?:a|b)+", "/a\\\\+\\\\+"] + re2Only {
            XCTAssertEqual(errors(httpPath: good), [], good)
        }
    }

    func testWhatRE2RefusesIsLocatedAndSaid() {
        let cases = [
            "/v1/(": "no valid regular expression", "/v1/[": "no valid regular expression", "/a**": "no valid regular expression",
            "/(?=x)": "lookahead", "/(?!x)": "lookahead", "/(?<=x)y": "lookbehind", "/(a)\\\\1": "backreference",
            "/a++": "possessive", "/(?>a)": "atomic group", "/a{2}+": "possessive",
            // What ICU has and RE2 does not.
            "/a{1001}": "over 1000", "/a\\\\Z": "escape \\Z", "/(?#c)a": "a group", "/\\\\u0041": "escape \\u", "/\\\\h": "escape \\h", "/\\\\R": "escape \\R", "/\\\\X": "escape \\X",
            "/(a)\\\\8": "backreference",
        ]
        for (bad, why) in cases {
            let found = errors(httpPath: bad)
            XCTAssertEqual(found.count, 1, bad)
            XCTAssertTrue(found.first?.contains(why) == true, "\(bad): \(found)")
        }
    }

    /// Other paths (probes, metrics, the repository folder) are no regular expressions.
    func testOnlyHTTPRulePathsAreExpressions() {
        XCTAssertEqual(errors(httpPath: "/ok", probePath: "/v1/("), [])
    }
}
