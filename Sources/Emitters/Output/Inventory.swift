import Planner

/// `.ttlc/inventory.json`: every emitted file with its SHA-256 and the spec subjects it came
/// from, and the identities of the Kubernetes objects it holds. Plan and apply read it to tell
/// ttlc's files from hand edits (drift) and deletions.
public enum Inventory {
    public static let path = ".ttlc/inventory.json"
    public static let formatVersion = "1.0"

    public static func file(for files: [OutputFile]) -> OutputFile {
        let sorted = files.sorted { $0.path < $1.path }
        let digests = ParallelMap.map(sorted) { Digest.sha256Hex($0.bytes) }
        let entries = zip(sorted, digests).map { file, digest in
            JSONText.object([
                ("path", .string(file.path)),
                ("sha256", .string(digest)),
                ("subjects", .array(file.subjects.map { .string($0) })),
                ("objects", .array(file.objects.map(identity))),
            ])
        }
        let bytes = JSONText.object([
            ("format_version", .string(formatVersion)),
            ("files", .array(entries)),
        ]).renderedBytes()
        return OutputFile(path: path, bytes: bytes, subjects: [])
    }

    /// A Kubernetes object's identity: what `kubectl kustomize` of the file's folder yields and
    /// what plan and apply match live objects on. `namespace` only for namespaced kinds.
    static func identity(_ id: ResourceID) -> JSONText {
        .object(
            [("apiVersion", .string(id.apiVersion)), ("kind", .string(id.kind))]
                + (id.namespace.map { [("namespace", JSONText.string($0))] } ?? []) + [("name", .string(id.name))])
    }
}
