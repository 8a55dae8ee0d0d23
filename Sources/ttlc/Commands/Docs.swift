import ArgumentParser
import Emitters
import Ontology
import Planner

/// `ttlc docs`: the spec reference as Markdown, generated from the vocabulary and the shapes.
struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Generate the spec reference (Markdown) from the vocabulary and the shapes.",
        discussion: """
            Writes one page per class (every property with its comment, value type, count,
            allowed values, pattern and bounds, and an example from the example specs),
            enumerations.md, properties.md and README.md. The folder is replaced as a
            whole. With --check nothing is written; exit 1 lists the pages that differ
            when the folder is stale.

            Examples:
              ttlc docs
              ttlc docs -o /tmp/reference --examples specs/
              ttlc docs --check
            """
    )

    @Option(name: [.short, .customLong("output")], help: "The folder for the reference.")
    var output = "docs/reference"

    @Option(help: "Spec files or folders the examples are taken from.")
    var examples: [String] = ["specs"]

    @OptionGroup var verbosity: VerbosityOptions

    @Flag(help: "Write nothing; exit 1 when the folder differs from what would be generated.")
    var check = false

    func run() throws {
        let printer = DiagnosticPrinter.standardError
        var exampleSpec = SpecOptions()
        exampleSpec.paths = examples
        let (exampleGraph, problems) = exampleSpec.load()
        let loaded = ReferenceDocs.builtInVocabulary().flatMap { vocabulary in ShapeSet.builtIn().map { (vocabulary, $0) } }
        guard problems.isEmpty, case .success(let (vocabulary, shapes)) = loaded else {
            if case .failure(let problem) = loaded { printer.print([problem]) }
            printer.print(problems, summary: true)
            throw ExitCode.failure
        }
        let files = verbosity.timed("generate") { ReferenceDocs.pages(vocabulary: vocabulary, shapes: shapes, examples: exampleGraph) }.map {
            OutputFile(path: $0.path, bytes: Array($0.text.utf8), subjects: [])
        }
        if check {
            let differences = OutputTree.compare(files, with: output)
            guard differences.isEmpty else {
                Output.standardError.write(
                    "\(output) is stale: \(differences.count) page\(differences.count == 1 ? " differs" : "s differ"); run `ttlc docs -o \(output)`\n"
                        + differences.map { "  \($0)\n" }.joined())
                throw ExitCode.failure
            }
            verbosity.status("\(output) is up to date (\(files.count) pages)\n")
            return
        }
        do {
            try verbosity.timed("write") { try OutputTree.write(files, to: output) }
        } catch {
            printer.print([Diagnostic(.docsWrite, "cannot write \(output): \(error)", at: nil)])
            throw ExitCode.failure
        }
        verbosity.status("wrote \(files.count) pages to \(output)\n")
    }
}

extension MessageID {
    static let docsWrite: MessageID = "docs.write"
}
