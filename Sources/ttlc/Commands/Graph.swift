import ArgumentParser
import Emitters
import Foundation
import Ontology
import Planner

extension SystemGraph.View: ExpressibleByArgument {}

/// `ttlc graph`: the system as a picture, DOT or (through Graphviz) SVG.
struct GraphCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, svg
    }

    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the system: services, dependencies, network allows, BGP nodes, peers and prefixes.",
        discussion: """
            Prints Graphviz DOT (deterministic) or SVG rendered by Graphviz's `dot`
            (Debian package graphviz). Views: services (namespaces, services, dependsOn),
            network (plus the flows network policies allow), bgp (nodes, peers, anycast
            prefixes, RPKI validators), all.

            Examples:
              ttlc graph specs/ > system.dot
              ttlc graph --view bgp specs/
              ttlc graph --format svg --view network specs/ > network.svg
            """
    )

    @OptionGroup var spec: SpecOptions

    @OptionGroup var verbosity: VerbosityOptions

    @Option(help: "Output format: dot or svg.")
    var format: Format = .dot

    @Option(help: "What to draw: all, services, network or bgp.")
    var view: SystemGraph.View = .all

    func run() throws {
        let model = try BuildCommand.modelOrExit(spec, verbosity)
        let dot = verbosity.timed("draw") { SystemGraph.dot(model, view: view) }
        switch format {
        case .dot: Output.standardOutput.write(dot)
        case .svg:
            switch verbosity.timed("render", { GraphvizRenderer.svg(dot) }) {
            case .success(let bytes): Output.standardOutput.write(bytes)
            case .failure(let problem):
                DiagnosticPrinter.standardError.print([Diagnostic(.graphRender, problem.message, at: nil)])
                throw ExitCode.failure
            }
        }
    }
}

/// Runs Graphviz's `dot -Tsvg` on a DOT text.
enum GraphvizRenderer {
    struct Problem: Error { var message: String }

    static func svg(_ dot: String) -> Result<[UInt8], Problem> {
        guard let executable = findDot() else {
            return .failure(Problem(message: "cannot render SVG: Graphviz's `dot` is not on PATH (install the graphviz package, or use --format dot)"))
        }
        // DOT goes through a file and the picture comes back through one: no pipe can fill up.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-graph-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let source = scratch.appendingPathComponent("system.dot")
        let picture = scratch.appendingPathComponent("system.svg")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg", "-o", picture.path, source.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try Data(dot.utf8).write(to: source)
            try process.run()
        } catch {
            return .failure(Problem(message: "cannot run \(executable): \(error)"))
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(Problem(message: "dot failed (exit \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))"))
        }
        guard let bytes = FileManager.default.contents(atPath: picture.path) else {
            return .failure(Problem(message: "dot wrote no picture"))
        }
        return .success([UInt8](bytes))
    }

    private static func findDot() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension MessageID {
    static let graphRender: MessageID = "graph.render"
}
