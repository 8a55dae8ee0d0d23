import Foundation
import TestSupport
import XCTest

/// `--quiet` and `--verbose` behave the same on every command.
final class VerbosityTests: XCTestCase {
    func testQuietBuildPrintsNothingAndStillWrites() throws {
        let out = try scratchFolder().appendingPathComponent("ops")
        let result = try runTTLC(["build", "--quiet", "-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("apps/edge/river-proxy/deployment.yaml").path))
    }

    func testQuietCheckDropsWarningsButNotErrors() throws {
        let valid = try runTTLC(["check", "-q"])
        XCTAssertEqual(valid.status, 0)
        XCTAssertEqual(valid.stderr, "", "the example spec's warnings are dropped")
        let loud = try runTTLC(["check"])
        XCTAssertTrue(loud.stderr.contains("warning:"), "without -q the warnings are there")
        let broken = try runTTLC(["check", "-q", "Tests/Fixtures/build/unknown-port.ttl"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("error:"), broken.stderr)
        XCTAssertFalse(broken.stderr.contains("warning:"), broken.stderr)
    }

    func testVerboseBuildTimesEachPhaseOnStandardError() throws {
        let out = try scratchFolder().appendingPathComponent("ops")
        let result = try runTTLC(["build", "--verbose", "-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let written = FileManager.default.enumerator(atPath: out.path)?.allObjects.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.count ?? 0
        XCTAssertEqual(result.stdout, "wrote \(written) files to \(out.path)\n")
        let phases = result.stderr.split(separator: "\n").map { $0.split(separator: ":").first.map(String.init) ?? "" }
        XCTAssertEqual(phases, ["check", "emit", "write"])
        for line in result.stderr.split(separator: "\n") {
            XCTAssertNotNil(line.wholeMatch(of: /[a-z ]+: [0-9]+\.[0-9] ms \(cpu [0-9]+\.[0-9] ms(; [a-z ]+)*\)/), String(line))
        }
    }

    func testVerboseDoesNotChangeTheRequestedOutput() throws {
        let plain = try runTTLC(["graph", "--view", "bgp"])
        let verbose = try runTTLC(["graph", "--view", "bgp", "-v"])
        XCTAssertEqual(plain.stdout, verbose.stdout)
        XCTAssertTrue(verbose.stderr.hasPrefix("check: "), verbose.stderr)
        XCTAssertTrue(verbose.stderr.contains("\ndraw: "), verbose.stderr)
    }

    func testQuietAndVerboseTogetherIsAUsageError() throws {
        let result = try runTTLC(["check", "-q", "-v"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("--quiet and --verbose exclude each other"), result.stderr)
    }
}
