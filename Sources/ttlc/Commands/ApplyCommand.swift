import ArgumentParser
import Foundation
import Planner

/// `ttlc apply`: commit what the spec builds to the state branch, under governance.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Commit the desired tree to the state branch (compare-and-swap), with an audit record.",
        discussion: """
            From specs, only autonomous changes apply. Changes that need approval apply only from
            a saved plan: `ttlc plan specs --out plan.json`, review, `ttlc apply plan.json --approve`.
            Forbidden changes never apply (exit 3). A plan whose base is no longer the branch
            head is refused: run plan again.

            Examples:
              ttlc apply specs/
              ttlc plan specs/ --out plan.json; ttlc apply plan.json --approve
              ttlc apply plan.json --approve --push origin
            """
    )

    @Argument(help: "Spec files or folders, or one PLANFILE saved by `ttlc plan --out`.")
    var inputs: [String] = ["specs"]

    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Flag(help: "Approve the saved plan's approval-level changes (records your git identity).")
    var approve = false

    @Option(help: "After committing, push the branch to this remote (a name in the state, a path or a URL).")
    var push: String?

    @Option(help: "The commit message.")
    var message = ""

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    var planFilePath: String? {
        guard inputs.count == 1, let only = inputs.first else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: only, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return [".ttl", ".yaml", ".yml"].contains { only.hasSuffix($0) } ? nil : only
    }

    func validate() throws {
        if approve, planFilePath == nil {
            throw ValidationError("--approve needs a saved plan: ttlc plan SPEC --out PLANFILE, then ttlc apply PLANFILE --approve")
        }
    }

    func run() throws {
        do {
            let (session, saved) = try prepare()
            guard let session else { throw ExitCode.failure }
            let (plan, snapshot, desired) = try session.plan()
            if let saved {
                if plan.base?.hex != saved.base {
                    throw StateError.stale(expected: saved.base.map { String($0.prefix(12)) } ?? "an empty state", actual: plan.base?.short ?? "nothing")
                }
                if plan.digest != saved.planDigest {
                    throw StateError.planMismatch("the plan differs from the saved one (the spec or the state changed since); run plan again")
                }
                if case .success(let redone) = JSONValue.parse(PlanJSON.value(plan).renderedBytes()),
                    Self.reviewed(redone) != saved.body.map(Self.reviewed)
                {
                    throw StateError.planMismatch("the saved plan's \"plan\" is not the plan it pins (edited after `ttlc plan --out`?): nothing applied; run plan again")
                }
            }
            let approver = approve ? try StateSession.approver(snapshot) : nil
            let request = Applying.Request(author: StateSession.author(snapshot), approver: approver, message: message)
            let commit = try Applying.apply(plan, desired: desired, state: snapshot, request: request)
            if let commit, let push {
                try Pushing.push(target: plan.target, remote: push, commit: commit, previous: plan.base)
            }
            report(plan, commit: commit)
        } catch let error as StateError {
            error.report()
            if case .forbidden = error { throw ExitCode(3) }
            throw ExitCode.failure
        }
    }

    /// What a reviewer reads in a plan, without the governance rules and spec places it cites
    /// (their text names the spec files as given to plan, relative to where it ran, while apply
    /// reads them by the absolute paths the plan file keeps); the verdicts stay compared.
    static func reviewed(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let entries): .object(entries.filter { $0.key != "rule" && $0.key != "location" }.map { ($0.key, reviewed($0.value)) })
        case .array(let items): .array(items.map(reviewed))
        default: value
        }
    }

    /// The session, with its state read, from the specs and flags or from a saved plan.
    private func prepare() throws(StateError) -> (StateSession?, PlanFile?) {
        guard let planFilePath else {
            var spec = SpecOptions()
            spec.paths = inputs
            return (StateSession.compile(spec, target: stateOptions.target(system:)), nil)
        }
        let bytes: [UInt8]
        do { bytes = try InputBytes.read(planFilePath) } catch { throw StateError.io(error.description) }
        let saved = try PlanFile.read(bytes, path: planFilePath)
        try stateOptions.check(against: saved.target)
        var spec = SpecOptions()
        spec.paths = saved.specPaths
        guard let session = StateSession.compile(spec, target: { _ throws(StateError) in saved.target }) else { return (nil, saved) }
        if session.specDigest != saved.specDigest {
            throw StateError.planMismatch("the spec changed since the plan was saved; run plan again")
        }
        return (session, saved)
    }

    private func report(_ plan: Plan, commit: ObjectID?) {
        switch format {
        case .json:
            Output.standardOutput.write(
                JSONText.object([
                    ("format_version", .string("1.0")), ("applied", .bool(commit != nil)),
                    ("commit", commit.map { .string($0.hex) } ?? .null), ("plan", PlanJSON.value(plan)),
                ]).rendered())
        case .text:
            Output.standardOutput.write(PlanText.forStandardOutput().render(plan))
            if let commit {
                verbosity.status("Applied: \(plan.target.branch) is now at \(commit.short) (\(plan.changes.count) change\(plan.changes.count == 1 ? "" : "s")).\n")
            } else {
                verbosity.status("Nothing to apply.\n")
            }
        }
    }
}
