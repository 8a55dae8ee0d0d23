import Planner

/// `.ttlc/inventory.json`: every emitted file with its SHA-256 and the spec subjects it came
/// from, and the identities of the Kubernetes objects it holds. Plan and apply read it to tell
/// ttlc's files from hand edits (drift) and deletions.
public enum Inventory {
    public static let path = ".ttlc/inventory.json"
    public static let formatVersion = "1.0"

    public static func file(for files: [OutputFile]) -> OutputFile {
        // A build's files come sorted; checking costs one comparison per file, sorting many.
        let inOrder = files.indices.dropFirst().allSatisfy { files[$0 - 1].path <= files[$0].path }
        let sorted = inOrder ? files : files.sorted { $0.path < $1.path }
        // Each entry, digest included, is written on its own core; the file joins them.
        let entries = ParallelMap.map(sorted) { file in entry(file, digest: Digest.sha256Hex(file.bytes)) }
        var out = JSONStream(capacity: entries.reduce(64) { $0 + $1.count + 8 })
        out.beginObject()
        out.member("format_version", formatVersion)
        out.key("files")
        out.beginArray()
        for entry in entries { out.rendered(entry) }
        out.endArray()
        out.endObject()
        return OutputFile(path: path, bytes: out.finishedFile(), subjects: [])
    }

    /// One file's entry, rendered where it sits in the inventory (inside `files`).
    private static func entry(_ file: OutputFile, digest: String) -> [UInt8] {
        var out = JSONStream(capacity: 256 + 96 * file.subjects.count + 160 * file.objects.count, depth: 2)
        out.beginObject()
        out.member("path", file.path)
        out.member("sha256", digest)
        out.member("subjects", strings: file.subjects)
        out.key("objects")
        out.beginArray()
        for id in file.objects {
            out.beginObject()
            out.member("apiVersion", id.apiVersion)
            out.member("kind", id.kind)
            if let namespace = id.namespace { out.member("namespace", namespace) }
            out.member("name", id.name)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.bytes
    }
}
