import ArgumentParser
import Ontology

/// `ttlc triples`: the graph a spec file denotes, as N-Triples.
struct Triples: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triples",
        abstract: "Print the RDF graph of a Turtle or YAML file as N-Triples.",
        discussion: """
            Examples:
              ttlc triples specs/aegis.ttl
              ttlc triples --base https://example.org/ data.ttl
              ttlc triples --locations specs/aegis.ttl
              ttlc triples --count --stats big.ttl
            """
    )

    @Option(help: "Base IRI for relative IRIs (default: the file's own file:// IRI).")
    var base: String?

    @Flag(help: "Precede each triple with a comment giving where its terms were written.")
    var locations = false

    @Flag(help: "Print only the number of triples.")
    var count = false

    @Flag(help: "Print triple count, input size and peak memory to standard error.")
    var stats = false

    @OptionGroup var verbosity: VerbosityOptions

    @Argument(help: "A .ttl, .yaml or .yml file.")
    var file: String

    func run() throws {
        var graph = Graph()
        let loader = SpecLoader(allowEmpty: true)
        if let problem = verbosity.timed("read", { loader.load(path: file, base: base, into: &graph) }) {
            DiagnosticPrinter.standardError.print([problem])
            throw ExitCode.failure
        }
        if count {
            Output.standardOutput.write("\(graph.triples.count)\n")
        } else {
            NTriples.serialize(graph, locations: locations) { Output.standardOutput.write($0) }
        }
        if stats {
            let size = graph.files.first?.bytes.count ?? 0
            Output.standardError.write(
                "triples: \(graph.triples.count)\ninput bytes: \(size)\npeak RSS bytes: \(ResourceUsage.peakResidentBytes())\n")
        }
    }
}
