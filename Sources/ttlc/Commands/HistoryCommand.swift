import ArgumentParser
import Planner

/// `ttlc history`: the applies and rollbacks recorded in the state's audit log.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the applies, rollbacks, scaling operations and verifications in the state's audit log, newest first.",
        discussion: """
            Examples:
              ttlc history
              ttlc history --state /srv/state.git --format json
            """)

    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        do {
            let target = try stateOptions.target(system: nil)
            let snapshot = try StateSnapshot.read(target)
            guard let repository = snapshot.repository, let head = snapshot.head else {
                throw StateError.nothingApplied(branch: target.branch, state: target.location)
            }
            let entries = try History.entries(repository, head: head, records: snapshot.audit).reversed()
            switch format {
            case .json: Output.standardOutput.write(HistoryText.json(Array(entries)))
            case .text: Output.standardOutput.write(HistoryText.render(Array(entries)))
            }
        } catch let error as StateError {
            error.report()
            throw ExitCode.failure
        }
    }
}
