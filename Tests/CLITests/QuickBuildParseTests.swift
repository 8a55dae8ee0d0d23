import Foundation
import XCTest

@testable import ttlc

/// `ttlc build` lines made into the command without ArgumentParser (`QuickBuildParse`): the
/// same command ArgumentParser makes of them, and every other line left to ArgumentParser.
final class QuickBuildParseTests: XCTestCase {
    /// What a Build does with its line, field by field.
    private func fields(_ build: Build) -> [String] {
        [build.spec.paths.joined(separator: "\u{0}"), "\(build.verbosity.quiet)", "\(build.verbosity.verbose)",
         build.output, "\(build.check)", build.format.rawValue]
    }

    func testPlainLinesMakeTheCommandArgumentParserMakes() throws {
        let lines: [[String]] = [
            ["build"],
            ["build", "specs"],
            ["build", "a.ttl", "b", "-o", "out"],
            ["build", "-o", "out", "a.ttl"],
            ["build", "--output", "/tmp/x y", "--format", "json", "-q", "s"],
            ["build", "--format", "text", "-v", "--check", "one", "two", "three"],
            ["build", "--quiet", "--check", "-o", "ops"],
            ["build", "--verbose", "s"],
            ["build", "build", "-o", "o"],
        ]
        for line in lines {
            let quick = try XCTUnwrap(QuickBuildParse.command(["ttlc"] + line), "\(line)")
            let parsed = try XCTUnwrap(try TTLC.parseAsRoot(line) as? Build, "\(line)")
            XCTAssertEqual(fields(quick), fields(parsed), "\(line)")
        }
    }

    func testEveryOtherLineIsLeftToArgumentParser() {
        let lines: [[String]] = [
            [], ["check", "specs"], ["plan"], ["--version"],
            ["build", "--help"], ["build", "-h"], ["build", "--output=out"], ["build", "-qv"],
            ["build", "--", "specs"], ["build", "-o"], ["build", "-o", "-x"], ["build", "--format", "yaml"],
            ["build", "--format"], ["build", "-q", "-v"], ["build", "-o", "a", "-o", "b"], ["build", "-q", "--quiet"],
            ["build", "--check", "--check"], ["build", "-"], ["build", ""], ["build", "--generate-completion-script", "bash"],
            ["build", "--no-such-option"], ["build", "--format", "json", "--format", "text"],
        ]
        for line in lines {
            XCTAssertNil(QuickBuildParse.command(["ttlc"] + line), "\(line)")
        }
    }

    /// Build's options as ArgumentParser describes them are the ones read here: an option added
    /// to Build and not here would be refused on a line that uses it only by falling back,
    /// and one read here but gone from Build would make a command ArgumentParser refuses.
    func testTheOptionsAreBuildsOwn() throws {
        let result = try runTTLC(["build", "--experimental-dump-help"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let help = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let arguments = try XCTUnwrap((help["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
        var options: Set<String> = []
        for argument in arguments where argument["kind"] as? String != "positional" {
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            options.formUnion(names.map { $0.count == 1 ? "-" + $0 : "--" + $0 })
        }
        options.subtract(["-h", "--help", "--version"])
        XCTAssertEqual(options, QuickBuildParse.options)
    }
}
