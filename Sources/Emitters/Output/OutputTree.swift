import Foundation
#if canImport(Glibc)
    import Glibc
#endif
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
        let manager = FileManager.default
        let target = URL(fileURLWithPath: root).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).ttlc-new-\(getpid())")
        let previous = parent.appendingPathComponent(".\(target.lastPathComponent).ttlc-old-\(getpid())")
        try? manager.removeItem(at: staging)
        do {
            // The root itself, for a tree whose files are all at the top (the reference docs).
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            // Folders first, each once, then the files on every core with plain POSIX calls
            // (thousands of small files: FileManager's per-file overhead dominated large builds).
            var made: Set<Substring> = []
            for file in files {
                guard let slash = file.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
                let folder = file.path[..<slash]
                if made.insert(folder).inserted {
                    try manager.createDirectory(atPath: staging.path + "/" + folder, withIntermediateDirectories: true)
                }
            }
            let base = staging.path
            let failures = ParallelMap.map(files) { file -> String? in
                do { try writeFile(base + "/" + file.path, file.bytes) } catch { return "\(error)" }
                return nil
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw WriteError(description: failure) }
            // Swap: the old tree steps aside, the new one takes its name, the old one goes.
            var isDirectory: ObjCBool = false
            let existed = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
            if existed {
                guard isDirectory.boolValue else { throw WriteError(description: "\(root) exists and is not a folder") }
                try? manager.removeItem(at: previous)
                try manager.moveItem(at: target, to: previous)
            }
            do {
                try manager.moveItem(at: staging, to: target)
            } catch {
                if existed { try? manager.moveItem(at: previous, to: target) }
                throw error
            }
            if existed { removeTree(previous.path) }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Removes a folder tree: files unlinked on every core (a large previous output is
    /// thousands of files), then folders deepest first. What cannot be removed is left to
    /// FileManager, which tries once more and reports nothing: the new tree is already in place.
    static func removeTree(_ root: String) {
        var files: [String] = []
        var folders: [String] = []
        collect(root, files: &files, folders: &folders)
        _ = ParallelMap.map(files) { unlink($0) }
        for folder in folders.reversed() { rmdir(folder) }
        if rmdir(root) != 0 { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Every file and folder under `folder`, parents before children, from readdir's entry
    /// types (Foundation's enumerators cost a URL and a stat per entry).
    private static func collect(_ folder: String, files: inout [String], folders: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = folder + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                type = lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) {
                folders.append(path)
                collect(path, files: &files, folders: &folders)
            } else {
                files.append(path)
            }
        }
    }

    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// How the folder at `root` differs from `files` (sorted by path). Hidden folders other
    /// than `.ttlc` are not ttlc's and are ignored.
    public static func compare(_ files: [OutputFile], with root: String) -> [Difference] {
        let manager = FileManager.default
        var onDisk: Set<String> = []
        if let walker = manager.enumerator(atPath: root) {
            for case let relative as String in walker {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix("."), name != ".ttlc" {
                    walker.skipDescendants()
                    continue
                }
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                    onDisk.insert(relative)
                }
            }
        }
        var differences: [Difference] = []
        for file in files {
            if !onDisk.contains(file.path) {
                differences.append(.missing(file.path))
            } else if manager.contents(atPath: root + "/" + file.path).map({ [UInt8]($0) }) != file.bytes {
                differences.append(.changed(file.path))
            }
            onDisk.remove(file.path)
        }
        differences += onDisk.sorted().map { .extra($0) }
        return differences.sorted { $0.description.dropFirst(9) < $1.description.dropFirst(9) }
    }
}
