import ArgumentParser
import Ontology

/// How a command reports: text for people, JSON for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The spec paths every command that reads a spec takes.
struct SpecOptions: ParsableArguments {
    @Argument(help: "Spec files, or folders searched for .ttl, .yaml and .yml files.")
    var paths: [String] = ["specs"]

    /// Reads every spec file into one graph. Returns the graph, or every file's first error.
    /// The read started beside the argument parse (`SpecPreload`), when it was for these paths.
    func load() -> (Graph, [Diagnostic]) {
        SpecPreload.take(paths) ?? Self.read(paths)
    }

    /// Reads every spec file at `paths` into one graph; the graph, or every file's first error.
    static func read(_ paths: [String]) -> (Graph, [Diagnostic]) {
        var graph = Graph()
        let files: [String]
        switch SpecFiles.collect(paths) {
        case .success(let found): files = found
        case .failure(let problem): return (graph, [problem])
        }
        let loader = SpecLoader()
        var problems: [Diagnostic] = []
        for file in files {
            if let problem = loader.load(path: file, into: &graph) { problems.append(problem) }
        }
        return (graph, problems)
    }
}
