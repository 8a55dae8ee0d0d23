import Foundation
import TestSupport
import XCTest

final class StateTestsMarker {}

/// A scratch folder for one test: a copy of the example specs (plus Tests/Fixtures/state), or of
/// another spec folder of the repository,
/// a HOME whose git identity approves, and the state repository `state.git` beside them.
/// Runs the built `ttlc` and the git CLI (the outside reader) there.
final class Workspace {
    let root: URL
    var state: String { root.appendingPathComponent("state.git").path }

    init(specs: String = "specs", extras: [String] = ["echo.ttl"]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-state-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try manager.copyItem(at: repositoryRoot.appendingPathComponent(specs), to: root.appendingPathComponent("specs"))
        for extra in extras {
            try manager.copyItem(at: repositoryRoot.appendingPathComponent("Tests/Fixtures/state/\(extra)"), to: root.appendingPathComponent("specs/\(extra)"))
        }
        try "[user]\n\tname = Ada Reviewer\n\temail = ada@example.org\n".write(
            to: root.appendingPathComponent("home/.gitconfig"), atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    static var ttlc: URL { builtExecutable("ttlc", besideBundleOf: StateTestsMarker.self) }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = root.appendingPathComponent("home").path
        environment["NO_COLOR"] = "1"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment.removeValue(forKey: "GIT_CONFIG_GLOBAL")
        return environment
    }

    /// Starts a process with output to files (never a pipe that could fill up).
    func start(_ executable: URL, _ arguments: [String], tag: String = UUID().uuidString) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = environment
        let out = root.appendingPathComponent("out-\(tag)")
        let err = root.appendingPathComponent("err-\(tag)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, out, err)
    }

    func finish(_ started: (Process, URL, URL)) -> CommandResult {
        started.0.waitUntilExit()
        // Lossy decoding: git objects (trees) are binary, and the tests search them as text.
        let stdout = String(decoding: (try? Data(contentsOf: started.1)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: started.2)) ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(at: started.1)
        try? FileManager.default.removeItem(at: started.2)
        return CommandResult(status: started.0.terminationStatus, stdout: stdout, stderr: stderr)
    }

    @discardableResult
    func ttlc(_ arguments: [String]) throws -> CommandResult {
        finish(try start(Self.ttlc, arguments))
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
        finish(try start(URL(fileURLWithPath: "/usr/bin/git"), ["-C", directory ?? state] + arguments))
    }

    func run(_ path: String, _ arguments: [String]) throws -> CommandResult {
        finish(try start(URL(fileURLWithPath: path), arguments))
    }

    /// The commit the state branch points at, per git; nil when there is none.
    func head(_ branch: String = "main") throws -> String? {
        let result = try git(["rev-parse", "--verify", "-q", "refs/heads/\(branch)"])
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// Replaces text in a spec file, failing when it is not there.
    func edit(_ file: String, _ old: String, _ new: String, line: UInt = #line) throws {
        let url = root.appendingPathComponent("specs/\(file)")
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file) has no «\(old)»", line: line)
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func remove(_ file: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent("specs/\(file)"))
    }

    /// Plans, saves, approves and applies: the first apply of a state, or any approval-level change.
    @discardableResult
    func approveAndApply(line: UInt = #line) throws -> String {
        let plan = try ttlc(["plan", "specs", "--state", state, "--out", "plan.json"])
        XCTAssertEqual(plan.status, 2, plan.text, line: line)
        let apply = try ttlc(["apply", "plan.json", "--approve"])
        XCTAssertEqual(apply.status, 0, apply.text, line: line)
        return try XCTUnwrap(try head(), line: line)
    }

    /// `git fsck` as the outside reader: exit 0 and nothing reported.
    func assertFsckClean(line: UInt = #line) throws {
        let fsck = try git(["fsck", "--full", "--strict"])
        XCTAssertEqual(fsck.status, 0, fsck.text, line: line)
        XCTAssertFalse(fsck.text.contains("error") || fsck.text.contains("broken") || fsck.text.contains("missing"), fsck.text, line: line)
    }
}
