import ArgumentParser
import Dispatch
import Ontology
import Planner

/// Starts, on other threads and before the command line is parsed, the one-time work that the
/// command named will need: making the built-in shapes (ICU compiles their 27 patterns, some 12
/// million instructions with its own start-up) for the commands that check a spec, and finding
/// OpenSSL's SHA-256 for those that hash an output tree. Parsing the arguments is serial
/// (ArgumentParser reflects over the commands' options: some 15 million instructions) and the
/// other core idled through it; the shapes were then on the path of a small spec's check. Each
/// is done once a process (`SpecValidation.builtIn()`, `Digest.prepare()`): a command that needs
/// one before it is ready waits for this work instead of starting its own.
enum BuiltInWarmUp {
    /// The commands that read a spec and check it against the shapes.
    private static let checking: [ParsableCommand.Type] = [
        Check.self, Build.self, PlanCommand.self, ApplyCommand.self, Explain.self, GraphCommand.self, Run.self,
    ]

    /// The commands that hash the files of a build (its inventory).
    private static let hashing: [ParsableCommand.Type] = [Build.self, PlanCommand.self, ApplyCommand.self]

    /// The work started, for `finish`.
    private static let started = DispatchGroup()

    static func start(for arguments: [String]) {
        guard arguments.count > 1 else { return }
        let named = { (commands: [ParsableCommand.Type]) in commands.contains { $0.configuration.commandName == arguments[1] } }
        if named(checking) { DispatchQueue.global().async(group: started) { _ = SpecValidation.builtIn() } }
        if named(hashing) { DispatchQueue.global().async(group: started) { Digest.prepare() } }
    }

    /// Waits for the work started: the process must not exit under it. A command that failed
    /// early (a missing spec, a bad option) exited while OpenSSL was still setting itself up on
    /// the other thread, and the exit handler OpenSSL registers then freed what that thread was
    /// using: a segmentation fault in about 1 exit in 25. A command that got far enough used
    /// the work and waited for it already.
    static func finish() { started.wait() }
}
