/// What a plan compares with the state: the files a build produces (or an earlier apply left,
/// for a rollback), the model they came from, and the spec's governance.
public struct DesiredState: Sendable {
    public var files: [OutputFile]
    public let model: CompiledModel
    /// `model` as `.ttlc/model.json`, written once (the tree and the plan's digest both hold it).
    public let modelFile: [UInt8]
    /// The Kubernetes objects, for the provenance of changed fields.
    public var resources: [Resource]
    public var specDigest: String
    public var governance: Governance?
    /// The replica overrides the files were built with; written beside them.
    public var overrides: ReplicaOverrides

    public init(
        files: [OutputFile], model: CompiledModel, resources: [Resource], specDigest: String, governance: Governance?,
        overrides: ReplicaOverrides = ReplicaOverrides()
    ) {
        self.files = files.filter { !StateSnapshot.bookkeeping.contains($0.path) || $0.path == StateSnapshot.inventoryPath }
        self.model = model
        self.modelFile = model.file()
        self.resources = resources
        self.specDigest = specDigest
        self.governance = governance
        self.overrides = overrides
    }

    /// The files of the tree an apply writes (before the audit log): the build's, the model, and
    /// the replica overrides when there are any.
    var treeFiles: [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for file in files { out[file.path] = file.bytes }
        out[CompiledModel.path] = modelFile
        if !overrides.isEmpty { out[ReplicaOverrides.path] = overrides.file() }
        return out
    }

    /// The documents of the objects written to `paths`, by identity (a plan reads the provenance
    /// of changed files only).
    func documents(in paths: Set<String>) -> [ResourceID: Document] {
        Dictionary(resources.lazy.filter { paths.contains($0.path) }.map { ($0.id, $0.document) }, uniquingKeysWith: { a, _ in a })
    }
}
