import ArgumentParser
import Ontology
import Planner

/// `ttlc explain`: where every field of an output comes from, and what else the same spec
/// objects make.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show where each field of an emitted file, resource, BIRD protocol or rule comes from.",
        discussion: """
            TARGET is an emitted file (relative to the output folder), a Kubernetes object
            as Kind/namespace/name, a BIRD protocol as bgp/<node>:<protocol> (its symbol
            in bird.conf or the peer's, prefix's or validator's name) or a rule's name.
            Prints each field with the spec file:line:col, subject and property it was
            read from, the spec objects it is made from, and the other outputs made from
            them.

            Examples:
              ttlc explain Deployment/edge/river-proxy
              ttlc explain apps/edge/river-proxy/service.yaml specs/
              ttlc explain bgp/fra1-n1:transit-a --format json
              ttlc explain allow-monitoring
            """
    )

    @Argument(help: "An emitted file, Kind/namespace/name, bgp/<node>:<protocol> or a rule name.")
    var target: String

    @OptionGroup var spec: SpecOptions

    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let model = try BuildCommand.modelOrExit(spec, verbosity)
        guard let explanation = verbosity.timed("explain", { Explainer(model: model).explain(target) }) else {
            DiagnosticPrinter.standardError.print([
                Diagnostic(
                    .explainTarget,
                    "nothing named '\(target)': expected an emitted file, Kind/namespace/name, bgp/<node>:<protocol> or a rule name", at: nil)
            ])
            throw ExitCode.failure
        }
        switch format {
        case .text: Output.standardOutput.write(ExplanationText.render(explanation))
        case .json: Output.standardOutput.write(ExplanationText.json(explanation))
        }
    }
}

extension MessageID {
    static let explainTarget: MessageID = "explain.target"
}
