import ArgumentParser
import Foundation
import Ontology
import Planner

/// `--metrics` and `--now`, as `ttlc decide` and `ttlc verify` take them.
struct MetricsOptions: ParsableArguments {
    @Option(help: "The metrics file (JSON, format_version 1.0), or - for standard input.")
    var metrics: String

    @Option(help: "The time to judge at (RFC 3339; default: the clock).")
    var now: String?

    /// The instant, then the metrics; a bad option or file is printed (`decide.input`,
    /// `decide.metrics`) and exits 1.
    func read() throws -> (MetricsReport, Int) {
        let printer = DiagnosticPrinter.standardError
        let instant: Int
        if let now {
            guard let parsed = RFC3339.seconds(now) else { try Self.fail("--now \(now) is not an RFC 3339 time such as 2026-11-25T21:00:00Z") }
            instant = parsed
        } else {
            instant = Int(Date().timeIntervalSince1970)
        }
        let bytes: [UInt8]
        do {
            bytes = try InputBytes.read(metrics)
        } catch {
            try Self.fail("metrics: \(error.description)")
        }
        switch MetricsReport.read(bytes, file: metrics == "-" ? "<stdin>" : metrics) {
        case .success(let report): return (report, instant)
        case .failure(let problem):
            printer.print([problem], summary: true)
            throw ExitCode.failure
        }
    }

    static func fail(_ message: String) throws -> Never {
        DiagnosticPrinter.standardError.print([Diagnostic(.decideInput, message, at: nil)])
        throw ExitCode.failure
    }
}

extension MessageID {
    static let decideInput: MessageID = "decide.input"
}
