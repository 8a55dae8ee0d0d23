import Planner

/// `.ttlc/inventory.json`: every emitted file with its SHA-256 and the spec subjects it came
/// from. Plan and apply read it to tell ttlc's files from hand edits (drift) and deletions.
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
            ])
        }
        let bytes = JSONText.object([
            ("format_version", .string(formatVersion)),
            ("files", .array(entries)),
        ]).renderedBytes()
        return OutputFile(path: path, bytes: bytes, subjects: [])
    }
}
