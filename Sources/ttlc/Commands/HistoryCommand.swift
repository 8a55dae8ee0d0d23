import ArgumentParser
import Planner

/// `ttlc history`: the applies and rollbacks recorded in the state's audit log.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the applies and rollbacks recorded in the state's audit log, newest first.",
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
                throw StateError.missingBranch(target.branch, state: target.location)
            }
            let entries = try History.entries(repository, head: head, records: snapshot.audit).reversed()
            switch format {
            case .json:
                Output.standardOutput.write(
                    JSONText.object([
                        ("format_version", .string("1.0")),
                        ("entries", .array(entries.map { entry in
                            let record = entry.record
                            return .object([
                                ("commit", entry.commit.map { .string($0.hex) } ?? .null), ("time", .string(record.time)),
                                ("kind", .string(record.kind)), ("author", .string(record.author)),
                                ("approver", record.approver.map { .string($0) } ?? .null),
                                ("rollback_of", record.rollbackOf.map { .string($0) } ?? .null), ("changes", .int(record.changes.count)),
                                ("message", .string(record.message)),
                            ])
                        })),
                    ]).rendered())
            case .text:
                for entry in entries {
                    let record = entry.record
                    var line = "\(entry.commit?.short ?? "?")  \(record.time)  \(record.kind)  \(record.author)  \(record.changes.count) change\(record.changes.count == 1 ? "" : "s")"
                    if let approver = record.approver { line += ", approved by \(approver)" }
                    if let of = record.rollbackOf { line += ", back to \(of.prefix(12))" }
                    if !record.message.isEmpty { line += "  \"\(record.message)\"" }
                    Output.standardOutput.write(line + "\n")
                }
            }
        } catch let error as StateError {
            error.report()
            throw ExitCode.failure
        }
    }
}
