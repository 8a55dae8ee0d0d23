import Foundation
import Ontology
import Planner
import TestSupport
import XCTest

@testable import Emitters

/// The fixtures the emitter is tested on: every peer type in both families, names that need
/// shortening, and the namespace test's lab.
let emitterFixtures = ["all-peer-types", "long-names", "netns"]

/// Loads spec files (relative to the repository) into a model, failing the test on any error of
/// the loader, the shapes, the spec checks or the cross checks.
func loadModel(_ paths: [String], file: StaticString = #filePath, line: UInt = #line) throws -> SystemModel {
    var graph = Graph()
    for path in try SpecFiles.collect(paths.map { repositoryRoot.appendingPathComponent($0).path }).get() {
        if let problem = SpecLoader().load(path: path, into: &graph) { XCTFail("\(problem)", file: file, line: line) }
    }
    let diagnostics = try SpecValidation.builtIn().get().validate(graph)
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }, [], file: file, line: line)
    let model = ModelReader(graph: graph).read()
    XCTAssertEqual(CrossChecks.run(model), [], file: file, line: line)
    return model
}

func fixtureModel(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> SystemModel {
    try loadModel(["Tests/Fixtures/bgp/\(name).ttl"], file: file, line: line)
}

/// The text of an output file.
func text(_ file: OutputFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

/// A fresh temporary folder, removed by the caller.
func temporaryFolder(_ label: String) throws -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ttlc-\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The stub password the tests write for a peer's secret file (never a spec value: specs hold none).
func stubPassword(_ secretFile: String) -> String { "stub-" + secretFile }

/// Writes one node's plain files into `folder` (flat, as on a node) with a stub
/// `secrets/<peer>.conf` for every peer with a password.
func writeNode(_ context: BIRDNodeContext, to folder: URL) throws {
    let prefix = context.directory + "/"
    for file in BIRDEmitter.nodeFiles(context) {
        let url = folder.appendingPathComponent(String(file.path.dropFirst(prefix.count)))
        try Data(file.bytes).write(to: url)
    }
    let secrets = folder.appendingPathComponent("secrets")
    try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
    for session in context.peers {
        guard let name = session.secretFile else { continue }
        try Data("password \"\(stubPassword(name))\";\n".utf8).write(to: secrets.appendingPathComponent(name + ".conf"))
    }
}

/// Finds an executable on PATH or in the sbin folders (root's tools live there).
func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for folder in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
        let candidate = folder + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs a command to completion (or until `timeout`, then kills it) and returns its exit status
/// and its standard output and error, together.
@discardableResult
func runCommand(_ arguments: [String], timeout: TimeInterval = 30, environment: [String: String] = [:]) -> (status: Int32, output: String) {
    let process = Process()
    let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ttlc-run-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    guard let handle = try? FileHandle(forWritingTo: log), let tool = arguments.first.flatMap({ $0.hasPrefix("/") ? $0 : executable($0) }) else {
        return (127, "\(arguments.first ?? ""): not found")
    }
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = Array(arguments.dropFirst())
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    do { try process.run() } catch { return (127, "\(tool): \(error)") }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? handle.close()
        return (124, ((try? String(contentsOf: log, encoding: .utf8)) ?? "") + "\n(killed after \(timeout) s)")
    }
    process.waitUntilExit()
    try? handle.close()
    return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}
