import Emitters
import Foundation
import Ontology
import Planner

/// The steps plan, apply, rollback, decide and verify share: check the spec, read the state,
/// build the desired state with the state's replica overrides, and compare them.
struct StateSession {
    var model: SystemModel
    /// The desired state's objects as the spec writes it, references checked, and their files.
    var resources: [Resource]
    var files: [OutputFile]
    var compiled: CompiledModel
    var specDigest: String
    var specPaths: [String]
    /// The state (or the error reading it gave), read beside the spec's objects.
    var state: Result<(target: StateTarget, snapshot: StateSnapshot), StateError>

    var system: System? { model.system }
    var governance: Governance? { model.governance }

    /// Checks the spec; prints its diagnostics and returns nil when it does not build. The state
    /// (where `target` says it is, given the spec's System) is read as well, on the core the
    /// objects leave free. With --verbose, each step's time goes to standard error.
    static func compile(
        _ spec: SpecOptions, verbosity: VerbosityOptions? = nil, target: (System?) throws(StateError) -> StateTarget
    ) -> StateSession? {
        // The references between objects do not depend on replica counts, so the spec's own
        // objects and files are checked once, as `build` checks them, and reused when nothing is
        // overridden.
        // The model record needs only the graph, the state only its target: both are made
        // beside the objects.
        let outcome = verbosity.timed("check") { BuildCommand.checkedModel(spec) }.flatMap { checked in
            let place = Result { () throws(StateError) in try target(checked.model.system) }
            return verbosity.timed("objects, files, model record and state") {
                let graph = checked.graph
                let (emitted, (compiled, state)) = besideOnItsOwnThread(
                    { BuildCommand.emit(checked.model) },
                    { (CompiledModel.compile(graph), SnapshotRead(place.flatMap(Self.read))) })
                return emitted.map { (checked, $0, compiled, state.result) }
            }
        }
        switch outcome {
        case .failure(let list):
            DiagnosticPrinter.standardError.print(list.diagnostics, summary: true)
            return nil
        case .success(let (checked, emitted, compiled, state)):
            KeptUntilExit.keep(checked)
            return StateSession(
                model: checked.model, resources: emitted.resources, files: emitted.files, compiled: compiled, specDigest: verbosity.timed("spec digest") { specDigest(spec.paths) },
                specPaths: spec.paths.map(FileReader.absolute), state: state)
        }
    }

    /// `main` on this thread, `other` on a thread of its own; returns when both are done. The
    /// objects' and files' parallel maps keep every core: as two sides of `Concurrently.run` (one
    /// `concurrentPerform`), a map inside a side gets one.
    private static func besideOnItsOwnThread<A, B: Sendable>(_ main: () -> A, _ other: @escaping @Sendable () -> B) -> (A, B) {
        let slot = ThreadResult<B>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            slot.value = other()
            done.signal()
        }.start()
        let mine = main()
        done.wait()
        return (mine, slot.value!)
    }

    private static func read(_ target: StateTarget) -> Result<(target: StateTarget, snapshot: StateSnapshot), StateError> {
        Result { () throws(StateError) in (target, try StateSnapshot.read(target)) }
    }

    /// A state read on another thread, handed back once that thread is done with it: never
    /// used from two threads at once (libgit2's objects are not to be shared unlocked).
    private struct SnapshotRead: @unchecked Sendable {
        var result: Result<(target: StateTarget, snapshot: StateSnapshot), StateError>
        init(_ result: Result<(target: StateTarget, snapshot: StateSnapshot), StateError>) { self.result = result }
    }

    /// What the spec builds, with replica counts `ttlc decide` recorded in the state.
    func desired(_ overrides: ReplicaOverrides) -> DesiredState {
        let decisions = overrides.decisions(for: model)
        let decided = decisions.isEmpty ? model : model.withReplicaDecisions(decisions)
        let objects = decisions.isEmpty ? resources : Emitters.resources(decided)
        return DesiredState(
            files: decisions.isEmpty ? files : Emitters.files(decided, resources: objects), model: compiled, resources: objects, specDigest: specDigest, governance: model.governance, overrides: overrides)
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

    /// The state `compile` read, or the error reading it gave.
    func read() throws(StateError) -> (target: StateTarget, snapshot: StateSnapshot) { try state.get() }

    /// Plans against the state `compile` read. With --verbose, each step's time goes to
    /// standard error.
    func plan(verbosity: VerbosityOptions? = nil) throws(StateError) -> (Plan, StateSnapshot, DesiredState) {
        let (target, snapshot) = try read()
        let desired: DesiredState = verbosity.timed("desired") { self.desired(snapshot.overrides) }
        let plan = try verbosity.timed("compare") { () throws(StateError) in try Planning.plan(desired, against: snapshot, target: target) }
        // The session and the desired state hold a document tree per object; the command ends
        // soon after its plan, so they are left to the process's exit instead of freed.
        KeptUntilExit.keep((self, desired, plan))
        return (plan, snapshot, desired)
    }

    /// Who commits: the git identity of the state (or the user), else ttlc itself.
    static func author(_ snapshot: StateSnapshot) -> Identity {
        snapshot.repository?.configuredIdentity() ?? GitRepository.userIdentity() ?? Identity(name: "ttlc", email: "ttlc@localhost")
    }
}

extension StateSession {
    /// Who approves: the git identity of the state or the user; an error without one.
    static func approver(_ snapshot: StateSnapshot) throws(StateError) -> Identity {
        guard let identity = snapshot.repository?.configuredIdentity() ?? GitRepository.userIdentity() else {
            throw StateError.contradiction("approving needs a git identity: set user.name and user.email (git config)")
        }
        return identity
    }
}

extension StateError {
    /// Prints the error as ttlc prints every error.
    func report() {
        Output.standardError.write("error: \(self)\n")
    }

    /// For commands that approve in place (rollback, decide): N changes need approval, and how.
    static func reportApprovalNeeded(_ count: Int, remedy: String) {
        Output.standardError.write("error: \(count) change\(count == 1 ? " needs" : "s need") approval; \(remedy)\n")
    }
}

/// What a thread computed, read by the thread that waited for it.
private final class ThreadResult<Value>: @unchecked Sendable {
    // Written by the computing thread before it signals; read only after the wait.
    var value: Value?
}
