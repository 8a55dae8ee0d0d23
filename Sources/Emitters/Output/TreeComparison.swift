#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Planner

/// `ttlc build --check`: how a folder differs from a build, without writing anything. The
/// folder is listed with readdir and the files are read on every core with plain system calls:
/// through FileManager (an enumerator, then a stat and a `Data` per file, one core) the
/// comparison took longer than the build it checked (1.7 s against 1.1 s for the emit phase of
/// 10,000 services).
extension OutputTree {
    /// How the folder at `root` differs from `files` (sorted by path), in path order. Hidden
    /// files and folders other than `.ttlc` are not ttlc's and are left out. A link counts as
    /// what it points at (a linked folder is not entered); a path that is there but is not a
    /// plain file (a FIFO, a device) differs from any file, and is not opened.
    public static func compare(_ files: [OutputFile], with root: String) -> [Difference] {
        var onDisk = TreeListing.files(under: root)
        let present = files.map { onDisk.remove($0.path) != nil }
        let changed = ParallelMap.ranges(of: files.count) { range in
            range.filter { present[$0] && !holds(root + "/" + files[$0].path, files[$0].bytes) }
        }.flatMap { $0 }
        var differences = files.indices.filter { !present[$0] }.map { Difference.missing(files[$0].path) }
        differences += changed.map { .changed(files[$0].path) }
        differences += onDisk.map { .extra($0) }
        return differences.sorted { $0.path < $1.path }
    }

    /// Whether the plain file at `path` holds exactly `bytes`. Its size first; then its bytes,
    /// a block at a time, against theirs.
    private static func holds(_ path: String, _ bytes: [UInt8]) -> Bool {
        // Not blocking: a FIFO opened for reading waits for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { expected in
            var block = [UInt8](repeating: 0, count: Swift.min(Swift.max(expected.count, 1), 1 << 16))
            var offset = 0
            while offset < expected.count {
                let got = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, Swift.min($0.count, expected.count - offset)) }
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return false }
                let same = block.withUnsafeBytes { memcmp($0.baseAddress!, expected.baseAddress! + offset, got) == 0 }
                guard same else { return false }
                offset += got
            }
            // Grown since its size was read: more bytes than expected.
            var extra: UInt8 = 0
            return read(fd, &extra, 1) == 0
        }
    }
}

extension OutputTree.Difference {
    /// The path the difference is about.
    var path: String {
        switch self {
        case .missing(let path), .changed(let path), .extra(let path): path
        }
    }
}

/// The files of a folder tree by relative path, as `OutputTree.compare` counts them.
enum TreeListing {
    /// Every file under `root` (nothing when it cannot be opened): folders entered from their
    /// open parents, links not followed into folders, hidden names other than `.ttlc` skipped.
    static func files(under root: String) -> Set<String> {
        var found: Set<String> = []
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return found }
        defer { close(rootFD) }
        // Depth first through a list of folders still to list, not recursion (any depth can sit
        // in a folder someone else writes to); each opened only when its turn comes, so that a
        // folder of thousands of folders does not hold thousands open.
        var pending = [""]
        while let folder = pending.popLast() {
            let fd = folder.isEmpty ? dup(rootFD) : openat(rootFD, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            let prefix = folder.isEmpty ? "" : folder + "/"
            for (name, type) in entries(fd) where !name.hasPrefix(".") || name == ".ttlc" {
                switch kind(of: name, type: type, in: fd) {
                case .folder: pending.append(prefix + name)
                case .file: found.insert(prefix + name)
                case .neither: break
                }
            }
        }
        return found
    }

    private enum Kind { case folder, file, neither }

    /// A folder (entered), a file (anything else there, a link to one included), or neither (a
    /// link to a folder, a link to nothing).
    private static func kind(of name: String, type: UInt8, in fd: Int32) -> Kind {
        switch Int32(type) {
        case Int32(DT_DIR): return .folder
        case Int32(DT_LNK), Int32(DT_UNKNOWN):
            var info = stat()
            if type == UInt8(DT_UNKNOWN) {
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return .neither }
                if (info.st_mode & S_IFMT) == S_IFDIR { return .folder }
                if (info.st_mode & S_IFMT) != S_IFLNK { return .file }
            }
            guard fstatat(fd, name, &info, 0) == 0 else { return .neither }
            return (info.st_mode & S_IFMT) == S_IFDIR ? .neither : .file
        default: return .file
        }
    }

    /// The names in the folder open as `fd`, with readdir's entry types (DT_UNKNOWN where the
    /// file system does not say), listed whole: readdir's view of a folder that changes under it
    /// is unspecified.
    static func entries(_ fd: Int32) -> [(name: String, type: UInt8)] {
        let listing = dup(fd)
        guard listing >= 0, let directory = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            return []
        }
        defer { closedir(directory) }
        var out: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { out.append((name, entry.pointee.d_type)) }
        }
        return out
    }
}
