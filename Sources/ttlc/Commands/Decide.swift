import ArgumentParser
import Foundation
import Ontology
import Planner

/// `ttlc decide`: scaling decisions for the services whose replica count a blueprint owns.
struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide replica counts for blueprint services from measured load.",
        discussion: """
            Reads metrics (JSON, format_version 1.0: per service replicas, ready, cpu_percent,
            memory_percent, p95_ms, error_rate_percent, timestamp) and applies each blueprint's
            rule: u = w_cpu × cpu + w_mem × mem + w_lat × (p95 / p95 target); above the
            scale-up threshold or below the scale-down threshold the new count is
            ceil(current × u / target), clamped to min..max. Stale or missing metrics hold.
            Prints every decision with the numbers behind it. Nothing is changed.

            Examples:
              ttlc decide specs/ --metrics metrics.json
              ttlc decide specs/ --metrics - --now 2026-11-25T21:05:00Z --format json < metrics.json
            """
    )

    @OptionGroup var spec: SpecOptions

    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "The metrics file (JSON), or - for standard input.")
    var metrics: String

    @Option(help: "The time decisions are judged at (RFC 3339; default: the clock).")
    var now: String?

    @Option(help: "Metrics older than this duration are not acted on.")
    var maxAge = "5m"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let printer = DiagnosticPrinter.standardError
        func fail(_ message: String) throws -> Never {
            printer.print([Diagnostic(.decideInput, message, at: nil)])
            throw ExitCode.failure
        }
        guard let maxAgeMillis = SpecDuration.milliseconds(maxAge) else { try fail("--max-age \(maxAge) is not a duration such as 5m or 90s") }
        let instant: Int
        if let now {
            guard let parsed = RFC3339.seconds(now) else { try fail("--now \(now) is not an RFC 3339 time such as 2026-11-25T21:00:00Z") }
            instant = parsed
        } else {
            instant = Int(Date().timeIntervalSince1970)
        }
        let bytes: [UInt8]
        if metrics == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: metrics) else { try fail("cannot read metrics file \(metrics)") }
            bytes = [UInt8](data)
        }
        let report: MetricsReport
        switch MetricsReport.read(bytes, file: metrics == "-" ? "<stdin>" : metrics) {
        case .success(let read): report = read
        case .failure(let problem):
            printer.print([problem], summary: true)
            throw ExitCode.failure
        }
        let model: SystemModel
        switch verbosity.timed("check", { BuildCommand.model(spec) }) {
        case .success(let read): model = read
        case .failure(let list):
            printer.print(list.diagnostics, summary: true)
            throw ExitCode.failure
        }
        var decisions: [ScalingDecision] = []
        for service in model.services {
            guard case .blueprint(let blueprint) = service.replicas else { continue }
            decisions.append(
                ScalingDecider.decide(
                    service: service.name, blueprint: blueprint, metrics: report.metrics(for: service.name), now: instant, maxAge: maxAgeMillis / 1000))
        }
        switch format {
        case .text: Output.standardOutput.write(DecisionText.render(decisions))
        case .json: Output.standardOutput.write(DecisionText.json(decisions, now: instant))
        }
    }
}

extension MessageID {
    static let decideInput: MessageID = "decide.input"
}
