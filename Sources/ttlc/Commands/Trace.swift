import ArgumentParser
import Foundation
import Ontology
import Runtime

/// `ttlc trace verify`: checks a `ttlc run --trace` file.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Work with the hashed telemetry of `ttlc run --trace`.",
        discussion: """
            Examples:
              ttlc run specs/ --events events.jsonl --trace run.trace
              ttlc trace verify run.trace
            """,
        subcommands: [Verify.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify every chain of a trace file from its genesis to its head.",
            discussion: """
                Each consumer thread of `ttlc run` writes one chain of records, each record's
                keyed BLAKE2b-256 mac covering the one before; a keyed seal over every chain's
                id, length and head ends the file. Exit 0 when every chain and the seal verify;
                exit 1 naming the first removed, reordered or altered record, or a chain removed,
                added or cut short, otherwise.

                Examples:
                  ttlc trace verify run.trace                 (key in run.trace.key)
                  ttlc trace verify run.trace --key audit.key
                """
        )

        @Argument(help: "The trace file (- for standard input, with --key).")
        var file: String

        @Option(help: "The key file (64 hex digits); FILE.key when absent.")
        var key: String?

        @OptionGroup var verbosity: VerbosityOptions

        func run() throws {
            guard file != "-" || (key != nil && key != "-") else {
                DiagnosticPrinter.standardError.print([Diagnostic(.traceKey, "a trace read from standard input needs --key naming a key file: there is no FILE.key beside it, and standard input holds the trace", at: nil)])
                throw ExitCode.failure
            }
            let keyPath = key ?? file + ".key"
            let keyBytes: [UInt8]
            switch KeyFile.read(keyPath) {
            case .success(let key): keyBytes = key
            case .failure(let failure):
                DiagnosticPrinter.standardError.print([Diagnostic(.traceKey, failure.description, at: nil)])
                throw ExitCode.failure
            }
            let trace: TraceFile
            do {
                trace = try TraceFile.decode(try InputBytes.read(file))
            } catch let error as TraceFile.FormatError {
                DiagnosticPrinter.standardError.print([Diagnostic(.traceFormat, "\(file): \(error)", at: nil)])
                throw ExitCode.failure
            } catch {
                DiagnosticPrinter.standardError.print([Diagnostic(.traceFormat, "\(error)", at: nil)])
                throw ExitCode.failure
            }
            var ok = true
            var text = ""
            let verdicts = trace.verify(key: keyBytes)
            for verdict in verdicts {
                if let fault = verdict.fault {
                    ok = false
                    text += "chain \(verdict.chain): FAILED: \(fault) (\(verdict.verified) records verified before it)\n"
                } else {
                    text += "chain \(verdict.chain): \(verdict.verified) records verified\n"
                }
            }
            if !trace.sealVerifies(key: keyBytes) {
                ok = false
                // Every chain failing at its first record, and the seal too: the key, most likely.
                let wrongKey = !verdicts.isEmpty && verdicts.allSatisfy { $0.fault != nil && $0.verified == 0 }
                text +=
                    wrongKey
                    ? "seal: FAILED: this key did not write the trace (every chain fails at its first record)\n"
                    : "seal: FAILED: the chains or their heads are not the ones the run sealed (a chain removed, added, reordered or cut short)\n"
            }
            if ok {
                Output.standardOutput.write(text + "\(file == "-" ? "standard input" : file): every chain verifies\n")
            } else {
                Output.standardError.write(text)
                throw ExitCode.failure
            }
        }
    }

    /// Writes the trace to FILE, then, when the key was generated, the key to FILE.key (mode
    /// 0600), each whole or not at all: a trace that cannot be written leaves any earlier key
    /// in place.
    static func write(_ trace: TraceFile, to path: String, newKey: [UInt8]?) throws(AtomicFile.Failure) {
        try AtomicFile.write(trace.encode(), to: path)
        if let newKey { try AtomicFile.write(Array(TraceKey.text(newKey).utf8), to: path + ".key", mode: 0o600) }
    }
}

extension MessageID {
    static let traceKey: MessageID = "trace.key"
    static let traceFormat: MessageID = "trace.format"
    static let traceWrite: MessageID = "trace.write"
}
