import ArgumentParser
import Foundation
import Planner

/// `ttlc verify`: did a scaling operation do what it was for? Recorded in the audit log; a
/// failure is rolled back when governance allows.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a scaling operation once it has settled; record the outcome, roll back a failure.",
        discussion: """
            After the blueprint's stabilisation window (default 2m) and with metrics
            measured after it, checks the replica count, ready pods, utilisation at or
            below target, p95 within its target and an error rate no worse than before
            the change. The outcome is an audit record (kind verify) linked to the
            operation. A failure rolls the replica override back (kind scale-rollback)
            when governance allows it autonomously; failures in a row reaching the
            blueprint's tc:circuitBreakerFailures open the circuit breaker: further
            scaling of the service then needs `ttlc decide --apply --approve`.
            Exit 0: passed; 1: failed, or an error; 4: not settled yet (nothing
            recorded: run it again later).

            Examples:
              ttlc verify specs/ --metrics metrics.json --operation op-7
              ttlc verify --operation op-7 --metrics m.json --now 2026-11-25T21:05:00Z
            """
    )

    @OptionGroup var spec: SpecOptions
    @OptionGroup var metricsOptions: MetricsOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "The scaling operation to verify (op-N, as `ttlc decide --apply` and `ttlc history` show it).")
    var operation: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    static let pendingExitCode: Int32 = 4

    func run() throws {
        let (report, instant) = try metricsOptions.read()
        guard let session = StateSession.compile(spec, verbosity: verbosity, target: stateOptions.target(system:)) else { throw ExitCode.failure }
        let verification: VerificationReport
        do {
            let (target, snapshot) = try session.read()
            guard snapshot.head != nil else { throw StateError.nothingApplied(branch: target.branch, state: target.location) }
            verification = try ScalingVerifying.verify(
                operation: operation, model: session.model, metrics: report, state: snapshot, target: target, now: instant,
                author: StateSession.author(snapshot), specDigest: session.specDigest, build: session.desired)
        } catch let error as StateError {
            error.report()
            throw ExitCode.failure
        }
        switch format {
        case .text: Output.standardOutput.write(VerificationText.render(verification))
        case .json: Output.standardOutput.write(VerificationText.json(verification, now: instant))
        }
        switch verification.outcome {
        case .passed: return
        case .failed: throw ExitCode.failure
        case .pending: throw ExitCode(Self.pendingExitCode)
        }
    }
}
