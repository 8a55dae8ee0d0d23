import Emitters
import Foundation
import Ontology
import Planner

/// The steps plan, apply and rollback share: compile the spec into the desired state, read the
/// state, and compare them.
struct StateSession {
    var desired: DesiredState
    var system: System?
    var specPaths: [String]

    /// Compiles the spec; prints its diagnostics and returns nil when it does not build.
    static func compile(_ spec: SpecOptions) -> StateSession? {
        switch BuildCommand.compileModel(spec) {
        case .failure(let list):
            DiagnosticPrinter.standardError.print(list.diagnostics, summary: true)
            return nil
        case .success(let built):
            let desired = DesiredState(
                files: built.files, model: CompiledModel.compile(built.graph), resources: built.resources,
                specDigest: specDigest(spec.paths), governance: built.model.governance)
            return StateSession(desired: desired, system: built.model.system, specPaths: spec.paths.map(absolute))
        }
    }

    /// SHA-256 over every spec file's name and bytes, in path order (names without their
    /// folders, so a relative and an absolute path to the same specs agree).
    static func specDigest(_ paths: [String]) -> String {
        guard case .success(let files) = SpecFiles.collect(paths) else { return "" }
        var bytes: [UInt8] = []
        for file in files.sorted() {
            bytes += Array((file.split(separator: "/").last.map(String.init) ?? file).utf8) + [0]
            bytes += (FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? []) + [0]
        }
        return Digest.sha256Hex(bytes)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    func plan(_ target: StateTarget) throws(StateError) -> (Plan, StateSnapshot) {
        let snapshot = try StateSnapshot.read(target)
        return (try Planning.plan(desired, against: snapshot, target: target), snapshot)
    }

    /// Who commits: the git identity of the state (or the user), else ttlc itself.
    static func author(_ snapshot: StateSnapshot) -> Identity {
        snapshot.repository?.configuredIdentity() ?? GitRepository.userIdentity() ?? Identity(name: "ttlc", email: "ttlc@localhost")
    }
}

extension StateError {
    /// Prints the error as ttlc prints every error.
    func report() {
        Output.standardError.write("error: \(self)\n")
    }
}
