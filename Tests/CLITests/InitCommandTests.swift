import Foundation
import TestSupport
import XCTest

/// `ttlc init`: the scaffold is a spec that check and build accept; nothing is overwritten.
final class InitCommandTests: XCTestCase {
    func testScaffoldIsCheckedAndBuiltWithoutAWarning() throws {
        let root = try scratchFolder()
        let made = try runTTLC(["init", "fleet"], directory: root)
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(made.stdout, "wrote fleet/system.ttl\nnext: ttlc check fleet && ttlc build fleet -o ops\n")
        let check = try runTTLC(["check", "fleet"], directory: root)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stderr, "", "no warnings")
        let build = try runTTLC(["build", "fleet", "-o", "ops"], directory: root)
        XCTAssertEqual(build.status, 0, build.stderr)
        let manager = FileManager.default
        for path in ["apps/apps/hello/deployment.yaml", "infrastructure/namespaces/apps/namespace.yaml", "bgp/node-1/bird.conf"] {
            XCTAssertTrue(manager.fileExists(atPath: root.appendingPathComponent("ops/\(path)").path), path)
        }
        let deployment = try String(contentsOf: root.appendingPathComponent("ops/apps/apps/hello/deployment.yaml"), encoding: .utf8)
        XCTAssertTrue(deployment.contains("image: ghcr.io/example/hello:1.0.0"), deployment)
    }

    func testEmptyExistingFolderIsAccepted() throws {
        let root = try scratchFolder()
        let result = try runTTLC(["init", root.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["system.ttl"])
    }

    func testNonEmptyFolderIsRefusedAndLeftAlone() throws {
        let root = try scratchFolder()
        try "keep\n".write(to: root.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try runTTLC(["init", root.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "error: \(root.path) is not empty; ttlc init only writes into a new or empty folder [init.target]\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["notes.txt"])
    }

    func testAFileInTheWayIsRefused() throws {
        let root = try scratchFolder()
        try "x".write(to: root.appendingPathComponent("fleet"), atomically: true, encoding: .utf8)
        let result = try runTTLC(["init", "fleet"], directory: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "error: fleet exists and is not a folder; ttlc init only writes into a new or empty folder [init.target]\n")
    }

    func testEmptyNameIsAUsageError() throws {
        let result = try runTTLC(["init", ""])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("DIR must name a folder"), result.stderr)
    }
}
