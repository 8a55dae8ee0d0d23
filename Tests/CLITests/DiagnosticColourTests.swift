import Foundation
import TestSupport
import XCTest

/// Diagnostics are coloured only on a terminal and only without NO_COLOR; notes point at the
/// related place (the first of two definitions).
final class DiagnosticColourTests: XCTestCase {
    private let red = "\u{1B}[1;31merror:\u{1B}[0m"

    /// Runs ttlc under `script`, which gives it a pseudo-terminal; returns what the terminal showed.
    private func onTerminal(_ arguments: [String], noColor: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([ttlcBinary().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = noColor
        environment["TERM"] = "xterm"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private let fixture = "Tests/Fixtures/build/host-claimed.ttl"

    func testTerminalGetsColour() throws {
        let shown = try onTerminal(["check", fixture], noColor: "")
        XCTAssertTrue(shown.contains(red), shown)
        XCTAssertTrue(shown.contains("\u{1B}[1;36mnote:\u{1B}[0m first claimed here"), shown)
        XCTAssertTrue(shown.contains("\u{1B}[1;32m^\u{1B}[0m"), "the caret is green")
    }

    func testNoColorTurnsColourOffOnATerminal() throws {
        let shown = try onTerminal(["check", fixture], noColor: "1")
        XCTAssertTrue(shown.contains("error: www.t.example is claimed"), shown)
        XCTAssertFalse(shown.contains("\u{1B}["), shown)
    }

    func testPipeGetsNoColourEvenWithoutNoColor() throws {
        let result = try runTTLC(["check", fixture], environment: ["NO_COLOR": ""])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("error: www.t.example is claimed"), result.stderr)
        XCTAssertFalse(result.stderr.contains("\u{1B}["), result.stderr)
    }

    func testDuplicateNamePointsAtTheFirstDefinition() throws {
        let folder = try scratchFolder()
        try """
            @prefix tc: <https://w3id.org/ttlc#> .
            @prefix : <https://example.org/d#> .
            :edge a tc:Namespace ; tc:quota [ tc:cpu "4" ; tc:memory "8Gi" ] .
            :edge a tc:Namespace .

            """.write(to: folder.appendingPathComponent("twice.ttl"), atomically: true, encoding: .utf8)
        let result = try runTTLC(["check", "twice.ttl"], directory: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(
            result.stderr.hasPrefix(
                """
                twice.ttl:4:1: error: :edge is defined twice [spec.duplicateName]
                 4 | :edge a tc:Namespace .
                   | ^
                twice.ttl:3:1: note: first defined here
                 3 | :edge a tc:Namespace ; tc:quota [ tc:cpu "4" ; tc:memory "8Gi" ] .
                   | ^

                """), result.stderr)
    }
}
