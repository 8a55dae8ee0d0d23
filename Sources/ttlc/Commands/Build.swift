import ArgumentParser
import Emitters
import Ontology
import Planner

/// `ttlc build`: check, plan, emit, and swap the output tree into place.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Compile a spec into its output tree (K3s manifests and the rest).",
        discussion: """
            Checks the spec, builds the desired state and writes it to OUT through a temporary
            folder that then takes OUT's place: a failed build leaves OUT untouched. With
            --check nothing is written; exit 1 lists the files that differ when OUT is stale.

            Examples:
              ttlc build specs/
              ttlc build specs/ -o /tmp/ops
              ttlc build --check specs/ -o ops
            """
    )

    @OptionGroup var spec: SpecOptions

    @OptionGroup var verbosity: VerbosityOptions

    @Option(name: [.short, .customLong("output")], help: "The output folder.")
    var output = "ops"

    @Flag(help: "Write nothing; exit 1 when the output folder differs from what the spec builds.")
    var check = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let outcome = verbosity.timed("check") { BuildCommand.checkedModel(spec) }.flatMap { checked in
            verbosity.timed("emit") { BuildCommand.emit(checked.model).map { (checked, $0.files, $0.resources) } }
        }
        guard case .success(let built) = outcome else {
            if case .failure(let list) = outcome { verbosity.report(list.diagnostics, summary: true) }
            throw ExitCode.failure
        }
        let files = built.1
        defer { KeptUntilExit.keep(built) }
        // Kubernetes objects (kustomization.yaml files are build instructions, not objects).
        let objects = files.reduce(0) { $0 + $1.objects.count }
        if check {
            let differences = verbosity.timed("compare") { OutputTree.compare(files, with: output) }
            report(files: files.count, objects: objects, written: false, differences: differences)
            if !differences.isEmpty { throw ExitCode.failure }
            return
        }
        do {
            try verbosity.timed("write") { try OutputTree.write(files, to: output) }
        } catch {
            DiagnosticPrinter.standardError.print([Diagnostic(.buildWrite, "cannot write \(output): \(error)", at: nil)])
            throw ExitCode.failure
        }
        report(files: files.count, objects: objects, written: true, differences: [])
    }

    private func report(files: Int, objects: Int, written: Bool, differences: [OutputTree.Difference]) {
        switch format {
        case .json:
            let entries = differences.map { "    \(JSONText.quote($0.description))" }.joined(separator: ",\n")
            Output.standardOutput.write(
                """
                {
                  "format_version": "1.0",
                  "output": \(JSONText.quote(output)),
                  "files": \(files),
                  "objects": \(objects),
                  "written": \(written),
                  "up_to_date": \(differences.isEmpty),
                  "differences": [\(entries.isEmpty ? "" : "\n" + entries + "\n  ")]
                }

                """)
        case .text:
            if !written, differences.isEmpty {
                verbosity.status("\(output) is up to date (\(files) files)\n")
            } else if !written {
                Output.standardError.write(
                    "\(output) is stale: \(differences.count) file\(differences.count == 1 ? " differs" : "s differ"); run `ttlc build -o \(output)`\n"
                        + differences.map { "  \($0)\n" }.joined())
            } else {
                verbosity.status("wrote \(files) files to \(output)\n")
            }
        }
    }
}

/// The steps of a build before anything touches the disk.
enum BuildCommand {
    /// The desired state of a checked model, its own references checked, then the files, in
    /// which nothing may be that no output could carry.
    static func emit(_ model: SystemModel) -> Result<(files: [OutputFile], resources: [Resource]), DiagnosticList> {
        // The BIRD and rule files need only the model: made on another core while the objects
        // are (each step of which leaves that core idle at some point), not after them on one.
        let modelFiles = Background { Emitters.modelFiles(model) }
        let objects = resources(model)
        let made = modelFiles.value
        return objects.flatMap { files(model, resources: $0, modelFiles: made) }
    }

    /// The files of checked objects, in which nothing may be that no output could carry.
    static func files(_ model: SystemModel, resources: [Resource], modelFiles: [OutputFile]) -> Result<(files: [OutputFile], resources: [Resource]), DiagnosticList> {
        let files = Emitters.files(model, resources: resources, modelFiles: modelFiles)
        let problems = SpecValidation.sorted(Emitters.checkOutput(files, of: resources))
        return problems.hasErrors ? .failure(DiagnosticList(problems)) : .success((files, resources))
    }

    /// The objects of a checked model's desired state, their references checked
    /// (`build.notEmitted`, `build.fluxDependsOn`) before any file is made.
    static func resources(_ model: SystemModel) -> Result<[Resource], DiagnosticList> {
        let resources = Emitters.resources(model)
        let references = SpecValidation.sorted(Emitters.check(resources))
        return references.hasErrors ? .failure(DiagnosticList(references)) : .success(resources)
    }

    /// Load, check and read the typed model: everything `build` does before emitting.
    static func model(_ spec: SpecOptions) -> Result<SystemModel, DiagnosticList> {
        checkedModel(spec).map(\.model)
    }

    /// The checked graph and its model, after every check.
    static func checkedModel(_ spec: SpecOptions) -> Result<(graph: Graph, model: SystemModel), DiagnosticList> {
        // The built-in shapes are read while the spec is parsed: a fixed cost that is most of a
        // small spec's check.
        let ((graph, problems), shapes) = Concurrently.run({ spec.load() }, { SpecValidation.builtIn() })
        if !problems.isEmpty { return .failure(DiagnosticList(problems)) }
        let validation: SpecValidation
        switch shapes {
        case .success(let built): validation = built
        case .failure(let problem): return .failure(DiagnosticList([problem]))
        }
        // The model is read beside validation and used only when the graph is valid (reading
        // tolerates any graph: missing values read as defaults).
        // One index of the graph for both, built before they start (each built its own: at
        // 10,000 services some 0.15 s of CPU twice). Not kept until exit like the model: it would
        // then still be held at the build's peak, while emitting (35 MB more at 10,000 services).
        let index = GraphIndex(graph)
        let (diagnostics, model) = validation.validate(index, beside: { ModelReader(index: index).read() })
        if diagnostics.hasErrors { return .failure(DiagnosticList(diagnostics.filter { $0.severity == .error })) }
        let crossChecks = SpecValidation.sorted(CrossChecks.run(model))
        if crossChecks.hasErrors { return .failure(DiagnosticList(crossChecks)) }
        return .success((graph, model))
    }
}

/// Diagnostics as an Error, for `Result`.
struct DiagnosticList: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

extension MessageID {
    static let buildWrite: MessageID = "build.write"
}
