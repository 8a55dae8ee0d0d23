import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Ontology
import Planner

/// Writes a build's files as a folder, all or nothing: everything goes into a fresh folder
/// beside the target, which then takes the target's place. A build that fails before the swap
/// leaves the previous output exactly as it was.
public enum OutputTree {
    public enum Difference: Equatable, Sendable, CustomStringConvertible {
        case missing(String)
        case changed(String)
        case extra(String)

        public var description: String {
            switch self {
            case .missing(let path): "missing  \(path)"
            case .changed(let path): "changed  \(path)"
            case .extra(let path): "extra    \(path)"
            }
        }
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ files: [OutputFile], to root: String) throws {
        // The checks keep names to Kubernetes' syntax; this keeps any path an emitter makes from
        // leaving the tree, whatever reaches it.
        let strays = ParallelMap.ranges(of: files.count) { range in range.first { !isInsideTree(files[$0].path) } }
        if let stray = strays.lazy.compactMap({ $0 }).first {
            throw WriteError(description: "refusing to write \(files[stray].path): not a path inside the output folder")
        }
        let target = FolderPaths.standardized(root)
        let (parent, name) = FolderPaths.split(target)
        if let failure = FolderPaths.makeFolders(parent) { throw WriteError(description: failure) }
        let beside = parent == "/" ? "" : parent
        let staging = beside + "/.\(name).ttlc-new-\(getpid())"
        let previous = beside + "/.\(name).ttlc-old-\(getpid())"
        // Left by an earlier build of this process id that did not finish.
        if FolderPaths.anything(staging) { removeTree(staging) }
        do {
            // The root itself, for a tree whose files are all at the top (the reference docs).
            if let failure = FolderPaths.makeFolder(staging) { throw WriteError(description: failure) }
            if let failure = writeFiles(files, into: staging) { throw WriteError(description: failure) }
            // Swap: the old tree steps aside, the new one takes its name, the old one goes.
            let (existed, isFolder) = FolderPaths.entry(target)
            if existed {
                guard isFolder else { throw WriteError(description: "\(root) exists and is not a folder") }
                if FolderPaths.anything(previous) { removeTree(previous) }
                if let failure = FolderPaths.move(target, to: previous) { throw WriteError(description: failure) }
            }
            if let failure = FolderPaths.move(staging, to: target) {
                if existed { _ = FolderPaths.move(previous, to: target) }
                throw WriteError(description: failure)
            }
            if existed { removeTree(previous) }
        } catch {
            removeTree(staging)
            throw error
        }
    }

    /// Removes a folder tree. The top levels are listed, and their files unlinked, on one core
    /// until there are enough folders to share out (an output tree has a few top folders, then
    /// hundreds of namespaces); each of those folders is then removed whole on some core, and the
    /// top folders last, deepest first. Listing the whole tree on one core before unlinking
    /// anything, and removing its folders on one core after, left the other core idle for a
    /// third of the removal at 10,000 services. Everything is reached relative to its open
    /// folder (a whole path walked per file cost more than writing the new tree). What cannot be
    /// removed is left to FileManager, which tries once more and reports nothing: the new tree
    /// is already in place. True when the tree went by these removals alone.
    @discardableResult
    static func removeTree(_ root: String) -> Bool {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        if rootFD >= 0 {
            var top: [String] = []
            var level = [""]
            // At most three levels (an output's namespaces are the second): below them, folders are
            // reached from their open parents, whatever the depth, not by ever longer paths.
            for _ in 0..<3 where !level.isEmpty && level.count <= 64 {
                var next: [String] = []
                for folder in level {
                    let fd = folder.isEmpty ? dup(rootFD) : openat(rootFD, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                    guard fd >= 0 else { continue }
                    let (files, subfolders) = listing(fd)
                    for name in files { unlinkat(fd, name, 0) }
                    close(fd)
                    top.append(folder)
                    next += subfolders.map { folder.isEmpty ? $0 : folder + "/" + $0 }
                }
                level = next
            }
            // ParallelMap shares out lists of more than 64.
            _ = ParallelMap.map(level) { folder in
                let fd = openat(rootFD, folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                guard fd >= 0 else { return }
                removeContents(fd)
                close(fd)
                unlinkat(rootFD, folder, AT_REMOVEDIR)
            }
            for folder in top.reversed() where !folder.isEmpty { unlinkat(rootFD, folder, AT_REMOVEDIR) }
            close(rootFD)
        }
        if rmdir(root) == 0 { return true }
        try? FileManager.default.removeItem(atPath: root)
        return false
    }

    /// Empties the folder open as `fd`: its files unlinked, its folders emptied and removed.
    /// Depth first through a stack of the open folders and the subfolders each has left, not by
    /// recursion: this runs on worker threads, whose stacks a deep enough tree (any depth can
    /// sit in a folder someone else writes to) would exhaust.
    private static func removeContents(_ fd: Int32) {
        let (files, folders) = listing(fd)
        for name in files { unlinkat(fd, name, 0) }
        var opened: [(fd: Int32, name: String, left: [String])] = [(fd, "", folders)]
        while let last = opened.indices.last {
            if let name = opened[last].left.popLast() {
                let child = openat(opened[last].fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                guard child >= 0 else { continue }
                let (files, folders) = listing(child)
                for file in files { unlinkat(child, file, 0) }
                opened.append((child, name, folders))
            } else {
                let done = opened.removeLast()
                guard let parent = opened.last else { break }
                close(done.fd)
                unlinkat(parent.fd, done.name, AT_REMOVEDIR)
            }
        }
    }

    /// The names in the folder open as `fd`: what is not a folder (files, links), and the
    /// folders, from readdir's entry types (Foundation's enumerators cost a URL and a stat per
    /// entry). Listed whole before anything in the folder is removed: readdir's view of a
    /// folder that changes under it is unspecified.
    private static func listing(_ fd: Int32) -> (files: [String], folders: [String]) {
        var files: [String] = []
        var folders: [String] = []
        for (name, listed) in TreeListing.entries(fd) {
            var type = listed
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                type = fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) { folders.append(name) } else { files.append(name) }
        }
        return (files, folders)
    }

    /// A relative path of named parts: no empty part, no `.` or `..`, no leading `/`.
    static func isInsideTree(_ path: String) -> Bool {
        // One pass over the bytes, no part made: it runs for every file of a build.
        return path.withUTF8Bytes { bytes in
            var partLength = 0
            var dots = 0
            for byte in bytes {
                if byte == UInt8(ascii: "/") {
                    if partLength == 0 || partLength == dots && dots <= 2 { return false }
                    partLength = 0
                    dots = 0
                } else {
                    partLength += 1
                    if byte == UInt8(ascii: ".") { dots += 1 }
                }
            }
            return partLength > 0 && !(partLength == dots && dots <= 2)
        }
    }

    /// Writes `files` into the empty folder `root`; the first failure's message, or nil. Thousands
    /// of small files: plain POSIX calls, not FileManager (its per-file overhead dominated large
    /// builds); the folders that hold other folders made first, once each by one `mkdirat`
    /// (parents first: their paths sort first); then, folder by folder on every core, the rest of
    /// the folders and their files, each created relative to its open folder, so that the kernel
    /// does not walk the whole path again for every file.
    private static func writeFiles(_ files: [OutputFile], into root: String) -> String? {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return "cannot open \(root): \(String(cString: strerror(errno)))" }
        defer { close(rootFD) }
        // Files of one folder mostly come in a row (they arrive sorted by path; a subfolder's
        // files can sort between two of its parent's). Rows by position, touching only the
        // path: a copy of each file retained its bytes, subjects and objects too, cold in
        // memory by now (a cache miss each, on one core).
        // Pieces of the list on every core; a folder's row cut by a piece's end is joined below.
        var rows = ParallelMap.ranges(of: files.count) { range -> [(folder: Substring, files: [Int])] in
            var rows: [(folder: Substring, files: [Int])] = []
            for index in range {
                let folder = parent(files[index].path[...])
                if let last = rows.indices.last, rows[last].folder == folder {
                    rows[last].files.append(index)
                } else {
                    rows.append((folder, [index]))
                }
            }
            return rows
        }.flatMap { $0 }
        // One group per folder, its rows in order: sorted by folder, then first file (the rows
        // come nearly sorted, which the sort finds in runs; a dictionary of folders hashed
        // every row and then had to be sorted whole).
        rows.sort { $0.folder != $1.folder ? $0.folder < $1.folder : $0.files[0] < $1.files[0] }
        var byFolder: [(folder: Substring, files: [Int])] = []
        byFolder.reserveCapacity(rows.count)
        for row in rows {
            if let last = byFolder.indices.last, byFolder[last].folder == row.folder {
                byFolder[last].files += row.files
            } else {
                byFolder.append(row)
            }
        }
        // Every folder above a folder of files: made here, before any file.
        var above: Set<Substring> = []
        for (folder, _) in byFolder {
            var current = parent(folder)
            while !current.isEmpty, above.insert(current).inserted { current = parent(current) }
        }
        for folder in above.sorted() where mkdirat(rootFD, String(folder), 0o755) != 0 && errno != EEXIST {
            return "cannot create \(root)/\(folder): \(String(cString: strerror(errno)))"
        }
        let groups = byFolder.map { (folder: String($0.folder), files: $0.files, made: $0.folder.isEmpty || above.contains($0.folder)) }
        let failures = ParallelMap.map(groups) { group -> String? in
            if !group.made, mkdirat(rootFD, group.folder, 0o755) != 0, errno != EEXIST {
                return "cannot create \(root)/\(group.folder): \(String(cString: strerror(errno)))"
            }
            let folderFD = group.folder.isEmpty ? rootFD : openat(rootFD, group.folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folderFD >= 0 else { return "cannot open \(root)/\(group.folder): \(String(cString: strerror(errno)))" }
            defer { if folderFD != rootFD { close(folderFD) } }
            // The name inside the folder is the path's tail: passed to the system from the path's
            // own NUL-terminated bytes, with no String made per file (nor the path shown in a
            // message, until there is a failure to show).
            let skip = group.folder.isEmpty ? 0 : group.folder.utf8.count + 1
            for index in group.files {
                let failed = files[index].path.withCString { path in
                    writeFile(at: folderFD, path + skip, files[index].bytes)
                }
                if let failed { return "\(failed.verb) \(root)/\(files[index].path): \(String(cString: strerror(failed.errno)))" }
            }
            return nil
        }
        return failures.lazy.compactMap { $0 }.first
    }

    /// The folder part of a path ("" for a path at the root).
    private static func parent(_ path: Substring) -> Substring {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[..<$0] } ?? ""
    }

    /// Creates `name` in the folder open as `folder` holding `bytes`; what failed (the step and
    /// errno), or nil.
    private static func writeFile(at folder: Int32, _ name: UnsafePointer<CChar>, _ bytes: [UInt8]) -> (verb: String, errno: Int32)? {
        let fd = openat(folder, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return ("cannot create", errno) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return ("cannot write", errno)
            }
            offset += written
        }
        return nil
    }
}
