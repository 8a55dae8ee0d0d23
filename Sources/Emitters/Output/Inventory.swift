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
        return OutputFile(path: path, bytes: joined(entries), subjects: [])
    }

    /// The whole file around its entries, in `JSONStream`'s layout (the stream writes the
    /// head; between entries and after them go the separators and closing brackets that its
    /// `rendered`, `endArray` and `endObject` write). The entries, tens of megabytes at 10,000
    /// services, are copied once, straight into the file's array, on every core: joined in a
    /// stream they were copied on one core twice, into the stream and out of it, each copy
    /// into memory never touched before.
    static func joined(_ entries: [[UInt8]]) -> [UInt8] {
        var head = JSONStream()
        head.beginObject()
        head.member("format_version", formatVersion)
        head.key("files")
        head.beginArray()
        let header = head.bytes
        let first = Array("\n    ".utf8), next = Array(",\n    ".utf8)
        let footer = Array((entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
        var end = header.count
        let starts = entries.indices.map { index in
            defer { end += (index == 0 ? first.count : next.count) + entries[index].count }
            return end
        }
        let total = end + footer.count
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            copy(header, to: base)
            // Contiguous runs of entries per piece: each core touches its own pages.
            _ = ParallelMap.ranges(of: entries.count, minimum: 256) { range in
                for index in range {
                    let separator = index == 0 ? first : next
                    copy(separator, to: base + starts[index])
                    copy(entries[index], to: base + starts[index] + separator.count)
                }
            }
            copy(footer, to: base + end)
            initialized = total
        }
    }

    private static func copy(_ bytes: [UInt8], to target: UnsafeMutablePointer<UInt8>) {
        bytes.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { target.update(from: start, count: source.count) }
        }
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
