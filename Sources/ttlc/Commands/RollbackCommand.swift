import ArgumentParser
import Planner

/// `ttlc rollback COMMIT`: the tree of an earlier apply, as a new commit, under governance.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Apply the tree of an earlier apply as a new commit (governed and audited like apply).",
        discussion: """
            The spec's governance classifies the rollback's changes; --approve approves the ones
            that need it (the plan is printed first and your git identity recorded). The next
            plan from the specs names the rollback, and applying over it needs approval.

            Examples:
              ttlc history
              ttlc rollback 3f2a9c1 --approve
            """
    )

    @Argument(help: "The commit of an earlier apply (see `ttlc history`).")
    var commit: String

    @Option(name: .customLong("spec"), help: "Spec files or folders (for the governance and the state settings).")
    var specPaths: [String] = ["specs"]

    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Flag(help: "Approve the rollback's approval-level changes (records your git identity).")
    var approve = false

    @Option(help: "The commit message.")
    var message = ""

    func run() throws {
        var spec = SpecOptions()
        spec.paths = specPaths
        guard let session = StateSession.compile(spec, target: stateOptions.target(system:)) else { throw ExitCode.failure }
        do {
            let (target, snapshot) = try session.read()
            guard let repository = snapshot.repository, snapshot.head != nil else { throw StateError.nothingApplied(branch: target.branch, state: target.location) }
            let earlier = try repository.resolveCommit(commit)
            let desired = try History.desiredState(at: earlier, in: repository, path: target.path, governance: session.governance)
            let plan = try Planning.plan(desired, against: snapshot, target: target)
            Output.standardOutput.write(PlanText.forStandardOutput().render(plan))
            let approver = approve ? try StateSession.approver(snapshot) : nil
            let request = Applying.Request(
                author: StateSession.author(snapshot), approver: approver, message: message.isEmpty ? "ttlc rollback to \(earlier.short)" : message,
                kind: "rollback", rollbackOf: earlier.hex)
            if let new = try Applying.apply(plan, desired: desired, state: snapshot, request: request) {
                verbosity.status("Rolled back: \(target.branch) is now at \(new.short), with the tree of \(earlier.short).\n")
            } else {
                verbosity.status("Nothing to roll back: the state already has that tree.\n")
            }
        } catch StateError.approvalNeeded(let count) {
            StateError.reportApprovalNeeded(count, remedy: "review the plan above, then run `ttlc rollback \(commit) --approve`")
            throw ExitCode.failure
        } catch let error as StateError {
            error.report()
            if case .forbidden = error { throw ExitCode(3) }
            throw ExitCode.failure
        }
    }
}
