import Foundation
import TestSupport
import XCTest

/// `--help` of ttlc and of every subcommand against golden/help/ (each must show examples),
/// `--version`, and the shell completion scripts swift-argument-parser generates.
final class HelpAndCompletionTests: XCTestCase {
    /// Help wraps at the terminal width: pin it.
    private let width = ["COLUMNS": "80"]

    /// The subcommands `ttlc --help` lists, so a new command without a golden fails here.
    private func subcommands() throws -> [String] {
        let help = try runTTLC(["--help"], environment: width).stdout
        guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[section.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }.filter { $0 != "See" }
    }

    func testEveryHelpTextMatchesItsGoldenAndHasExamples() throws {
        let names = try subcommands()
        XCTAssertTrue(names.contains("explain") && names.contains("init"), "\(names)")
        for name in ["ttlc"] + names {
            let result = try runTTLC(name == "ttlc" ? ["--help"] : [name, "--help"], environment: width)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("Examples:\n"), "\(name) --help shows no examples")
            try assertGoldenText(result.stdout, "help/\(name).txt")
        }
    }

    func testVersion() throws {
        let result = try runTTLC(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "0.1.0\n")
    }

    private func completion(_ shell: String) throws -> URL {
        let result = try runTTLC(["--generate-completion-script", shell])
        XCTAssertEqual(result.status, 0, result.stderr)
        for name in ["explain", "graph", "docs", "init", "view"] { XCTAssertTrue(result.stdout.contains(name), "\(shell) script lacks \(name)") }
        let file = try scratchFolder().appendingPathComponent("ttlc.\(shell)")
        try result.stdout.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs a shell (installed by scripts/setup) and returns its exit status and error output.
    private func shell(_ path: String, _ arguments: [String]) throws -> (Int32, String) {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: path), "\(path) missing: run scripts/setup")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    func testBashCompletionParsesAndRegisters() throws {
        let file = try completion("bash")
        let (syntax, syntaxErrors) = try shell("/bin/bash", ["-n", file.path])
        XCTAssertEqual(syntax, 0, syntaxErrors)
        let (sourced, output) = try shell("/bin/bash", ["-c", "source '\(file.path)' && complete -p ttlc"])
        XCTAssertEqual(sourced, 0, output)
        XCTAssertTrue(output.contains("-F _ttlc ttlc"), output)
    }

    func testZshCompletionParses() throws {
        let file = try completion("zsh")
        let (status, errors) = try shell("/usr/bin/zsh", ["-n", file.path])
        XCTAssertEqual(status, 0, errors)
    }

    func testFishCompletionParses() throws {
        let file = try completion("fish")
        let (status, errors) = try shell("/usr/bin/fish", ["--no-execute", file.path])
        XCTAssertEqual(status, 0, errors)
    }
}
