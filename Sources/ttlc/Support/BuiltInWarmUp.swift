import ArgumentParser
import Dispatch
import Ontology
import Planner

/// Starts, on other threads and before the command line is parsed, the one-time work that the
/// command named will need: reading the spec the line names (`SpecPreload`) and making the
/// built-in shapes (ICU compiles their 27 patterns, some 12 million instructions with its own
/// start-up) for the commands that check a spec. Parsing the arguments is serial
/// (ArgumentParser reflects over the commands' options: some 15 million instructions) and the
/// other core idled through it; the spec and the shapes were then on the path of a small spec's
/// check. The shapes are made once a process (`SpecValidation.builtIn()`): a command that needs
/// them before they are ready waits for this work instead of starting its own.
enum BuiltInWarmUp {
    /// The commands that read a spec and check it against the shapes.
    private static let checking: [ParsableCommand.Type] = [
        Check.self, Build.self, PlanCommand.self, ApplyCommand.self, Explain.self, GraphCommand.self, Run.self,
    ]

    /// The work started, for `finish`.
    private static let started = DispatchGroup()

    static func start(for arguments: [String]) {
        guard arguments.count > 1 else { return }
        // The spec first: its read is the longer of the two, and both are needed at once.
        if let paths = SpecPreload.guess(arguments) { SpecPreload.start(paths, in: started) }
        if checking.contains(where: { $0.configuration.commandName == arguments[1] }) {
            // A thread of its own, as the spec read's (`Background`): queued on Dispatch's pool
            // behind the spec read, it waited 1–2 ms for the pool to add a worker.
            _ = Background(in: started, ownThread: true) { _ = SpecValidation.builtIn() }
            // Dispatch's pool grows by a worker at a time, when work waits: two empty blocks now
            // have it grown before the check's first `concurrentPerform` (spec and shapes side by
            // side, then validation beside the model), which otherwise waited for it there.
            // 100 services, alternated: 0.958–0.990 of the time.
            for _ in 0..<2 { DispatchQueue.global().async(group: started) {} }
        }
    }

    /// Waits for the work started: the process must not exit under it. A command that failed
    /// early (a missing spec, a bad option) exited while OpenSSL was still setting itself up on
    /// another thread, and the exit handler OpenSSL registered then freed what that thread was
    /// using: a segmentation fault in about 1 exit in 25. No warm-up touches OpenSSL now, but an
    /// exit under any of them would free what it is still using. A command that got far enough
    /// used the work and waited for it already.
    static func finish() { started.wait() }
}
