import ArgumentParser
import Planner

extension BuildCommand {
    /// The checked model, or the spec's diagnostics printed and exit 1: how commands that only
    /// read the model (explain, graph) start.
    static func modelOrExit(_ spec: SpecOptions) throws -> SystemModel {
        switch model(spec) {
        case .success(let read): return read
        case .failure(let list):
            DiagnosticPrinter.standardError.print(list.diagnostics, summary: true)
            throw ExitCode.failure
        }
    }
}
