import Foundation
import XCTest

@testable import ttlc
import TestSupport

/// The spec read beside the argument parse (`SpecPreload`): its guess of the paths, held to each
/// command's own options, and its use, seen in `--verbose`.
final class SpecPreloadTests: XCTestCase {
    private let note = "spec read beside the argument parse"

    func testGuessTakesThePositionalArgumentsAfterTheOptions() {
        XCTAssertEqual(SpecPreload.guess(["ttlc", "build"]), ["specs"])
        XCTAssertEqual(SpecPreload.guess(["ttlc", "build", "a.ttl", "-o", "out", "b"]), ["a.ttl", "b"])
        XCTAssertEqual(SpecPreload.guess(["ttlc", "build", "--output", "out", "--format=json", "-q", "a"]), ["a"])
        XCTAssertEqual(SpecPreload.guess(["ttlc", "check", "-v", "--format", "json"]), ["specs"])
        XCTAssertEqual(SpecPreload.guess(["ttlc", "check", "a", "--", "-b", "--format"]), ["a", "-b", "--format"])
        XCTAssertEqual(SpecPreload.guess(["ttlc", "run", "--events", "e.jsonl", "--consumers", "2", "s"]), ["s"])
    }

    func testNoGuessForOtherCommandsOrHelp() {
        XCTAssertNil(SpecPreload.guess(["ttlc"]))
        XCTAssertNil(SpecPreload.guess(["ttlc", "explain", "Deployment/edge/river-proxy"]))
        XCTAssertNil(SpecPreload.guess(["ttlc", "init", "fleet"]))
        XCTAssertNil(SpecPreload.guess(["ttlc", "build", "specs", "--help"]))
        XCTAssertNil(SpecPreload.guess(["ttlc", "check", "-h"]))
        XCTAssertNil(SpecPreload.guess(["ttlc", "build", "--generate-completion-script=bash"]))
    }

    /// The table of options that take a value is each command's own, as ArgumentParser describes
    /// it, and each of these commands' only positional argument is its spec paths: an option
    /// added without its entry would make every guess on a line using it wrong.
    func testValueOptionsAreTheCommandsOwn() throws {
        for (command, table) in SpecPreload.valueOptions {
            let result = try runTTLC([command, "--experimental-dump-help"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let help = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let arguments = try XCTUnwrap((help["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
            var options: Set<String> = []
            var positionals: [String] = []
            for argument in arguments {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                switch argument["kind"] as? String {
                case "option": options.formUnion(names.map { $0.count == 1 ? "-" + $0 : "--" + $0 })
                case "positional": positionals.append(argument["valueName"] as? String ?? "")
                default: break
                }
            }
            XCTAssertEqual(options, table, command)
            XCTAssertEqual(positionals, ["paths"], command)
        }
    }

    func testBuildUsesTheSpecReadBesideTheParse() throws {
        let out = try scratchFolder().appendingPathComponent("ops")
        for arguments in [
            ["build", "-v", "-o", out.path],
            ["build", "--format", "json", "-v", "specs", "-o", out.path],
            ["build", "-v", "--output=\(out.path)", "--", "specs"],
        ] {
            let result = try runTTLC(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
            let check = result.stderr.split(separator: "\n").first { $0.hasPrefix("check: ") } ?? ""
            XCTAssertTrue(check.hasSuffix("; \(note))"), "\(arguments): \(result.stderr)")
        }
        // Built from the spec read beside the parse, the tree is the committed one.
        XCTAssertEqual(try runTTLC(["build", "--check", "specs", "-o", "ops"]).status, 0)
        XCTAssertEqual(try runTTLC(["build", "--check", "specs", "-o", out.path]).status, 0)
    }

    func testCheckReadsTheSpecItsLineNames() throws {
        let broken = try runTTLC(["check", "-v", "Tests/Fixtures/build/unknown-port.ttl"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("unknown-port.ttl:"), broken.stderr)
        // Explain's first positional argument is not a spec: nothing is read ahead for it.
        let explained = try runTTLC(["explain", "-v", "Deployment/edge/river-proxy"])
        XCTAssertEqual(explained.status, 0, explained.stderr)
        XCTAssertFalse(explained.stderr.contains(note), explained.stderr)
    }
}
