import ArgumentParser
import Foundation
import Ontology
import Planner
import Runtime

/// `ttlc run`: the spec's rule table, in memory, over a stream of events.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate events on the spec's rule table with the BitActor core.",
        discussion: """
            Builds the rule table from the spec (the same table `ttlc build` writes to
            ops/rules/rules.c), reads JSON-lines events (README "Events"), evaluates them with a
            producer thread and --consumers consumer threads, and prints a summary: counts by
            action and by rule, rejected events with their line numbers, throughput, and the
            evaluation latency of one signal (p50/p99/max, in ticks and ns). An event that is not
            JSON, misses a field or carries an out-of-range value is counted and reported; the
            run goes on.

            Examples:
              ttlc run specs --events events.jsonl
              ttlc run specs --events - --verdicts < events.jsonl
              ttlc run specs --events events.jsonl --format json --consumers 2
            """
    )

    @OptionGroup var spec: SpecOptions
    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "A JSON-lines file of events, or - for standard input.")
    var events: String?

    @Option(help: "Take big-endian wire signals from UDP datagrams instead: udp://HOST:PORT (port 0: any; the bound address is printed on standard error).")
    var listen: String?

    @Option(help: "With --listen: stop after this many datagrams.")
    var stopAfter: Int?

    @Option(help: "With --listen: stop after this many seconds without a datagram.")
    var idle: Double?

    @Option(help: "Consumer threads (1-64).")
    var consumers = 1

    @Flag(help: "Print each verdict as a JSON line, in input order, on standard output (the summary goes to standard error).")
    var verdicts = false

    @Option(help: "Output format of the summary: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Write the hashed telemetry (a record per verdict, chained by keyed BLAKE2b) to this file; check it with `ttlc trace verify`.")
    var trace: String?

    @Option(help: "The trace key file (64 hex digits); without it a fresh key is written to TRACE.key.")
    var traceKey: String?

    func validate() throws {
        guard (1...64).contains(consumers) else { throw ValidationError("--consumers must be 1 to 64") }
        guard (events == nil) != (listen == nil) else { throw ValidationError("give exactly one of --events and --listen") }
        if listen == nil, stopAfter != nil || idle != nil { throw ValidationError("--stop-after and --idle go with --listen") }
        if let stopAfter, stopAfter < 1 { throw ValidationError("--stop-after must be at least 1") }
        if let idle, !(idle > 0 && idle <= 86400) { throw ValidationError("--idle must be between 0 and 86400 seconds") }
    }

    func run() throws {
        let model: SystemModel
        switch verbosity.timed("check", { BuildCommand.model(spec) }) {
        case .success(let m): model = m
        case .failure(let list):
            verbosity.report(list.diagnostics, summary: true)
            throw ExitCode.failure
        }
        let table: RuleTable
        do {
            table = try RuleTable(rules: model.rules)
        } catch {
            DiagnosticPrinter.standardError.print([Diagnostic(.runTable, "cannot compile the rule table: \(error)", at: nil)])
            throw ExitCode.failure
        }
        let input: EventInput
        if let listen {
            do {
                let listener = try UDPListener(url: listen)
                Output.standardError.write("listening on udp://\(listener.address)\n")
                input = .udp(listener, stopAfter: stopAfter, idle: idle)
            } catch {
                DiagnosticPrinter.standardError.print([Diagnostic(.runInput, error.description, at: nil)])
                throw ExitCode.failure
            }
        } else {
            let events = events ?? "-"
            do {
                input = .lines(try InputBytes.read(events))
            } catch {
                DiagnosticPrinter.standardError.print([Diagnostic(.runInput, "events: \(error.description)", at: nil)])
                throw ExitCode.failure
            }
        }
        var options = RunOptions(consumers: consumers, keepVerdicts: verdicts)
        var newKey: [UInt8]?
        if trace != nil {
            if let traceKey {
                switch KeyFile.read(traceKey) {
                case .success(let key): options.traceKey = key
                case .failure(let failure):
                    DiagnosticPrinter.standardError.print([Diagnostic(.traceKey, failure.description, at: nil)])
                    throw ExitCode.failure
                }
            } else {
                newKey = TraceKey.random()
                options.traceKey = newKey
            }
        }
        let report = RuleRunner.run(table, input: input, options: options)
        // The run's results are printed whether or not its trace can be written; a trace that
        // cannot be written then fails the command.
        var traceFailure: AtomicFile.Failure?
        if let trace, let file = report.trace {
            do {
                try Trace.write(file, to: trace, newKey: newKey)
            } catch {
                traceFailure = error
            }
        }
        let summaryOut = verdicts ? Output.standardError : Output.standardOutput
        if verdicts { RunPrinter.verdicts(report, to: .standardOutput) }
        switch format {
        case .text: summaryOut.write(RunPrinter.text(report))
        case .json: summaryOut.write(RunPrinter.json(report))
        }
        if report.consumers > 1, !report.routing.mixed.isEmpty {
            let keys = report.routing.mixed.map(\.shown).joined(separator: ", ")
            Output.standardError.write(
                "note: the rate rules count by \(keys): with \(report.consumers) consumers, signals go by \(report.routing.key.shown), and which signal of another key's burst is limited can differ between runs; --consumers 1 repeats exactly\n")
        }
        if let traceFailure {
            DiagnosticPrinter.standardError.print([Diagnostic(.traceWrite, "trace: \(traceFailure.description)", at: nil)])
            throw ExitCode.failure
        }
    }
}

extension MessageID {
    static let runTable: MessageID = "run.table"
    static let runInput: MessageID = "run.input"
}
