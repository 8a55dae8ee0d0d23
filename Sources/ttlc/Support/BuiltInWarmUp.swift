import ArgumentParser
import Dispatch
import Ontology

/// Starts reading the built-in vocabulary and shapes on other threads before the command line
/// is parsed, for the commands that check a spec. Parsing the arguments is serial (ArgumentParser
/// reflects over the commands' options: some 15 million instructions), and so is the reading of
/// the two built-in Turtle files on the path of a small spec's check; side by side they take
/// the time of the longer. Both are read once a process (`SpecValidation.builtIn()`,
/// `Vocabulary.builtIn`): a command that needs them before they are ready waits for this reading.
enum BuiltInWarmUp {
    /// The commands that read a spec and check it against the shapes.
    private static let checking: [ParsableCommand.Type] = [
        Check.self, Build.self, PlanCommand.self, ApplyCommand.self, Explain.self, GraphCommand.self, Run.self,
    ]

    static func start(for arguments: [String]) {
        guard arguments.count > 1, checking.contains(where: { $0.configuration.commandName == arguments[1] }) else { return }
        // The vocabulary first and apart: loading the spec needs it before the shapes.
        DispatchQueue.global().async { _ = Vocabulary.builtIn }
        DispatchQueue.global().async { _ = SpecValidation.builtIn() }
    }
}
