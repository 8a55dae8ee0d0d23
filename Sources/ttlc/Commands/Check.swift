import ArgumentParser
import Ontology
import Planner

/// `ttlc check`: load, validate, report every diagnostic.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a spec: syntax, vocabulary, shapes and the model checks.",
        discussion: """
            Prints every error and warning, sorted by location. Exits 0 when the spec is valid
            (warnings allowed), 1 when it has errors.

            Examples:
              ttlc check specs/
              ttlc check specs/aegis.ttl specs/bgp.ttl
              ttlc check --format json specs/
            """
    )

    @OptionGroup var spec: SpecOptions

    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let (graph, loadProblems) = verbosity.timed("load") { spec.load() }
        var diagnostics = loadProblems
        if loadProblems.isEmpty {
            switch SpecValidation.builtIn() {
            case .success(let validation): diagnostics = verbosity.timed("validate") { validation.validate(graph) }
            case .failure(let problem): diagnostics = [problem]
            }
            // The checks across objects need a model, and a model needs a spec the shapes accept.
            if !diagnostics.hasErrors {
                diagnostics = verbosity.timed("cross checks") { SpecValidation.sorted(diagnostics + CrossChecks.run(ModelReader(graph: graph).read())) }
            }
        }
        let report = DiagnosticReport(diagnostics: diagnostics, files: graph.files.map(\.path))
        switch format {
        case .text: verbosity.report(diagnostics, summary: true)
        case .json: Output.standardOutput.write(report.json())
        }
        if diagnostics.hasErrors { throw ExitCode.failure }
    }
}
