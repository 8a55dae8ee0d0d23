import ArgumentParser

@main
struct TTLC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttlc",
        abstract: "Compile an edge-platform system spec into the files its fleet runs on.",
        version: "0.1.0",
        subcommands: [Check.self, Build.self, Decide.self, Triples.self, Run.self, Trace.self]
    )
}
