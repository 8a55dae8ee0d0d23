import Foundation
import TestSupport
import XCTest

/// Runs the `ttlc` binary built beside the tests and captures what it prints.
func ttlcBinary() -> URL { builtExecutable("ttlc", besideBundleOf: CLIMarker.self) }

final class CLIMarker {}

/// `environment` entries are added to (or replace) this process's environment.
func runTTLC(_ arguments: [String], directory: URL = repositoryRoot, input: Data? = nil, environment extra: [String: String] = [:]) throws -> CommandResult {
    try runProcess(ttlcBinary(), arguments, directory: directory, input: input, environment: extra)
}

/// Runs any program (cc, a compiled test program) the same way; `input` becomes its standard input.
func runProcess(
    _ executable: URL, _ arguments: [String], directory: URL = repositoryRoot, input: Data? = nil, environment extra: [String: String] = [:]
) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { _, new in new }
    process.environment = environment
    // Files rather than pipes: a large output can never block the child.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    if let input {
        let inURL = scratch.appendingPathComponent("stdin")
        try input.write(to: inURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
    }
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let stdoutData = try Data(contentsOf: outURL)
    let stderrData = try Data(contentsOf: errURL)
    return CommandResult(
        status: process.terminationStatus,
        stdout: String(decoding: stdoutData, as: UTF8.self),
        stderr: String(decoding: stderrData, as: UTF8.self))
}
