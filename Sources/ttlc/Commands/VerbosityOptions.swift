import ArgumentParser
import Foundation
import Ontology

/// `--quiet` and `--verbose`, the same on every command. Quiet drops status lines ("wrote 101
/// files") and warnings, never errors nor the output a command is asked for (a graph, an
/// explanation, JSON). Verbose adds phase timings to standard error.
struct VerbosityOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Print only errors and the requested output.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Also print phase timings to standard error.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    /// A status line on standard output, unless quiet.
    func status(_ text: String) {
        if !quiet { Output.standardOutput.write(text) }
    }

    /// Diagnostics to standard error; warnings only when not quiet.
    func report(_ diagnostics: [Diagnostic], summary: Bool = false) {
        let shown = quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
        DiagnosticPrinter.standardError.print(shown, summary: summary && !shown.isEmpty)
    }

    /// Runs one phase; with --verbose, prints `phase: 12.3 ms (cpu 20.1 ms)` to standard error:
    /// wall time, and the CPU time of all the process's threads, which tells a phase that keeps
    /// both cores busy from one that waits or runs alone; then what the phase noted
    /// (`PhaseNotes`), as `(cpu 20.1 ms; spec read beside the argument parse)`.
    func timed<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        guard verbose else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.processCPUNanoseconds()
        let value = try body()
        let millis = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        let cpuMillis = Double(Self.processCPUNanoseconds() - cpuStart) / 1_000_000
        let notes = PhaseNotes.take().map { "; " + $0 }.joined()
        Output.standardError.write("\(phase): \(String(format: "%.1f", millis)) ms (cpu \(String(format: "%.1f", cpuMillis)) ms\(notes))\n")
        return value
    }

    private static func processCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// What a phase did that its times do not tell, for `--verbose` (`VerbosityOptions.timed` prints
/// and clears them at the end of each phase).
enum PhaseNotes {
    private static let lock = NSLock()
    private nonisolated(unsafe) static var notes: [String] = []

    static func add(_ note: String) { lock.withLock { notes.append(note) } }

    static func take() -> [String] {
        lock.withLock {
            defer { notes = [] }
            return notes
        }
    }
}

extension Optional where Wrapped == VerbosityOptions {
    /// `timed` for steps that run with or without a command's verbosity options (shared code
    /// such as `StateSession`): without options, just the body.
    func timed<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        guard case .some(let options) = self else { return try body() }
        return try options.timed(phase, body)
    }
}
