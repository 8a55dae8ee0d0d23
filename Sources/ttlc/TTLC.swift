import ArgumentParser
import Glibc

@main
struct TTLC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttlc",
        abstract: "Compile an edge-platform system spec into the files its fleet runs on.",
        discussion: """
            Specs are Turtle or YAML files; commands that read a spec take files or
            folders and default to specs/. Shell completions: ttlc
            --generate-completion-script bash|zsh|fish.

            Examples:
              ttlc init fleet
              ttlc check specs/
              ttlc build specs/ -o ops
              ttlc explain Deployment/edge/river-proxy
              ttlc graph --format svg specs/ > system.svg
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Check.self, Build.self, PlanCommand.self, ApplyCommand.self, HistoryCommand.self, RollbackCommand.self,
            Explain.self, GraphCommand.self, Docs.self, Decide.self, Verify.self, Run.self, Trace.self, Triples.self,
        ]
    )

    /// ArgumentParser's main, and then: output that could not be written fails the command
    /// (`ttlc run --verdicts > /dev/full` exited 0 with every verdict lost).
    static func main() {
        AllocatorTuning.apply()
        BuiltInWarmUp.start(for: CommandLine.arguments)
        var failure: Error?
        do {
            var command: ParsableCommand = try QuickBuildParse.command(CommandLine.arguments) ?? parseAsRoot()
            try command.run()
        } catch {
            failure = error
        }
        BuiltInWarmUp.finish()
        let lost = Output.firstFailure.load(ordering: .relaxed)
        if lost != 0 {
            Output.standardError.write("error: cannot write the output: \(String(cString: strerror(lost)))\n")
            // A command that failed keeps its own code; one that succeeded did not.
            exit(withError: failure.map { exitCode(for: $0) == .success ? ExitCode.failure : $0 } ?? ExitCode.failure)
        }
        if let failure { exit(withError: failure) }
    }
}
