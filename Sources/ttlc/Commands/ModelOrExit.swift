import ArgumentParser
import Planner

extension BuildCommand {
    /// The checked model, or the spec's diagnostics printed and exit 1: how commands that only
    /// read the model (explain, graph) start.
    static func modelOrExit(_ spec: SpecOptions, _ verbosity: VerbosityOptions) throws -> SystemModel {
        switch verbosity.timed("check", { model(spec) }) {
        case .success(let read): return read
        case .failure(let list):
            verbosity.report(list.diagnostics, summary: true)
            throw ExitCode.failure
        }
    }
}
