#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Ontology

/// The few folder operations around an output tree's swap, as plain system calls. Through
/// Foundation (URL, FileManager) they were some 0.8 ms of every build's write phase, on one core
/// while the other waited: each first use of its types looks their conformances up across the
/// whole static binary. Failures read as the system says them: `path: reason`.
enum FolderPaths {
    /// `path` made absolute (against the working folder) with `.` and `..` parts and repeated
    /// slashes removed, as `URL(fileURLWithPath:).standardizedFileURL` gives it; symbolic links
    /// are not resolved.
    static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in FileReader.absolute(path).split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder holding `path` (standardized) and its last part.
    static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = path[..<slash]
        return (parent.isEmpty ? "/" : String(parent), String(path[path.index(after: slash)...]))
    }

    /// Makes the folder `path` (absolute) and any folders above it that are missing; the reason
    /// of the first that cannot be made, or nil.
    static func makeFolders(_ path: String) -> String? {
        var prefix = ""
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if let failure = makeFolder(prefix) { return failure }
        }
        return nil
    }

    /// Makes the folder `path` in a folder that stands (a folder already there will do); the
    /// reason when it cannot be.
    static func makeFolder(_ path: String) -> String? {
        if mkdir(path, 0o777) == 0 { return nil }
        let failure = errno
        guard failure == EEXIST else { return reason(path, failure) }
        return entry(path).isFolder ? nil : reason(path, EEXIST)
    }

    /// Whether anything is at `path`, and whether it is a folder (a link is followed, as
    /// FileManager's `fileExists(atPath:isDirectory:)` does).
    static func entry(_ path: String) -> (exists: Bool, isFolder: Bool) {
        var status = stat()
        guard stat(path, &status) == 0 else { return (false, false) }
        return (true, status.st_mode & S_IFMT == S_IFDIR)
    }

    /// Whether anything, a dangling link included, is at `path`.
    static func anything(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Renames `from` to `to`; the reason when it cannot be.
    static func move(_ from: String, to: String) -> String? {
        rename(from, to) == 0 ? nil : reason(from, errno)
    }

    static func reason(_ path: String, _ code: Int32) -> String {
        "\(path): \(String(cString: strerror(code)))"
    }
}
