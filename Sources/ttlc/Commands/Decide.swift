import ArgumentParser
import Foundation
import Ontology
import Planner

/// `ttlc decide`: scaling decisions for the services whose replica count a blueprint owns;
/// with `--apply`, recorded in the state as replica overrides, under governance.
struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide replica counts for blueprint services from measured load; --apply records them in the state.",
        discussion: """
            Reads metrics (JSON, format_version 1.0: per service replicas, ready,
            cpu_percent, memory_percent, p95_ms, error_rate_percent, timestamp) and
            applies each blueprint's rule: u = w_cpu × cpu + w_mem × mem + w_lat × (p95
            / p95 target); above the scale-up threshold or below the scale-down
            threshold the new count is ceil(current × u / target), clamped to min..max.
            Stale or missing metrics hold, and so does a service scaled less than its
            cooldown ago (from the state's audit log). Without --apply nothing is
            changed. With --apply a changed count becomes a replica override in the
            state (.ttlc/overrides.json) and the Deployment follows, in one commit with
            an audit record (operation id op-N, for `ttlc verify`), classified by
            governance: inside the blueprint autonomous, an open circuit breaker needs
            --approve. The state must be at the spec (run plan and apply first).

            Examples:
              ttlc decide specs/ --metrics metrics.json
              ttlc decide specs/ --metrics - --now 2026-11-25T21:05:00Z --format json < metrics.json
              ttlc decide specs/ --metrics metrics.json --apply
            """
    )

    @OptionGroup var spec: SpecOptions
    @OptionGroup var metricsOptions: MetricsOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "Metrics older than this duration are not acted on.")
    var maxAge = "5m"

    @Flag(help: "Record the decisions in the state (a commit with an audit record); without it, a dry run.")
    var apply = false

    @Flag(help: "With --apply: approve changes that need approval (records your git identity).")
    var approve = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if approve, !apply { throw ValidationError("--approve needs --apply") }
    }

    func run() throws {
        guard let maxAgeMillis = SpecDuration.milliseconds(maxAge) else { try MetricsOptions.fail("--max-age \(maxAge) is not a duration such as 5m or 90s") }
        let (report, instant) = try metricsOptions.read()
        guard let session = StateSession.compile(spec, verbosity: verbosity, target: stateOptions.target(system:)) else { throw ExitCode.failure }
        do {
            let (target, snapshot) = try session.read()
            let proposal = try ScalingProposing.propose(
                model: session.model, metrics: report, state: snapshot, target: target, now: instant, maxAge: maxAgeMillis / 1000, build: session.desired)
            var commit: ObjectID?
            var failure: StateError?
            if apply {
                do {
                    let approver = approve ? try StateSession.approver(snapshot) : nil
                    commit = try ScalingProposing.apply(proposal, state: snapshot, author: StateSession.author(snapshot), approver: approver, now: instant)
                } catch {
                    failure = error
                }
            }
            switch format {
            case .text:
                Output.standardOutput.write(DecisionText.render(proposal.decisions))
                if let plan = proposal.plan, plan.hasChanges { Output.standardOutput.write("\n" + PlanText.forStandardOutput().render(plan)) }
                if let blocked = proposal.blocked, failure == nil { Output.standardError.write("note: \(blocked)\n") }
            case .json:
                Output.standardOutput.write(DecisionText.json(proposal, now: instant, applied: commit))
            }
            if let failure { throw failure }
            if apply, format == .text {
                if let commit {
                    verbosity.status("Applied \(proposal.operation): \(target.branch) is now at \(commit.short).\n")
                } else {
                    verbosity.status("Nothing to apply.\n")
                }
            }
        } catch StateError.approvalNeeded(let count) {
            StateError.reportApprovalNeeded(count, remedy: "review the verdict above, then run again with --apply --approve")
            throw ExitCode.failure
        } catch let error as StateError {
            error.report()
            if case .forbidden = error { throw ExitCode(3) }
            throw ExitCode.failure
        }
    }
}
