import ArgumentParser

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
}
