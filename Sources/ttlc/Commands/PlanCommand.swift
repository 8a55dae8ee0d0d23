import ArgumentParser
import Foundation
import Planner

/// `ttlc plan`: what apply would change in the state, with governance verdicts.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Compare what the spec builds with the state, and classify every change.",
        discussion: """
            Exit 0: no changes; 2: changes, none forbidden; 3: a forbidden change; 1: error.
            (Scripts that chain with && must expect 2.)

            Examples:
              ttlc plan specs
              ttlc plan specs --state /srv/fleet.git --out plan.json
            """
    )

    @OptionGroup var spec: SpecOptions
    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Save the plan, pinned to the state's head, for `ttlc apply PLANFILE --approve`.")
    var out: String?

    func run() throws {
        guard let session = StateSession.compile(spec, verbosity: verbosity, target: stateOptions.target(system:)) else { throw ExitCode.failure }
        let plan: Plan
        do {
            plan = try session.plan(verbosity: verbosity).0
        } catch {
            error.report()
            throw ExitCode.failure
        }
        verbosity.timed("render") {
            switch format {
            case .json: Output.standardOutput.write(PlanJSON.value(plan).rendered())
            case .text: Output.standardOutput.write(PlanText.forStandardOutput().render(plan))
            }
        }
        if let out {
            let file = PlanFile(target: plan.target, base: plan.base?.hex, specPaths: session.specPaths, specDigest: session.specDigest, planDigest: plan.digest)
            guard FileManager.default.createFile(atPath: out, contents: Data(file.text(plan: PlanJSON.value(plan)).utf8)) else {
                Output.standardError.write("error: cannot write the plan file \(out)\n")
                throw ExitCode.failure
            }
        }
        throw ExitCode(Self.exitCode(plan))
    }

    static func exitCode(_ plan: Plan) -> Int32 {
        if !plan.forbidden.isEmpty { return 3 }
        return plan.hasChanges ? 2 : 0
    }
}
