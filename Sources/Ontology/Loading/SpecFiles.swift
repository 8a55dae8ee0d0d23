#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the spec files a command was pointed at: files as given, folders searched
/// recursively for .ttl, .yaml and .yml (hidden entries skipped), in a stable sorted order.
public enum SpecFiles {
    public static func collect(_ paths: [String]) -> Result<[String], Diagnostic> {
        var files: [String] = []
        for path in paths {
            // stat follows a link, as the path's user means it.
            var info = stat()
            guard stat(path, &info) == 0 else {
                return .failure(Diagnostic(.inputUnreadable, "cannot read '\(path)': No such file or directory", at: nil))
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                files.append(path)
                continue
            }
            var found: [String] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            search(base, into: &found)
            if found.isEmpty {
                return .failure(Diagnostic(.inputEmpty, "no .ttl, .yaml or .yml files under '\(path)'", at: nil))
            }
            files += found.sorted()
        }
        var seen: Set<String> = []
        return .success(files.filter { seen.insert($0).inserted })
    }

    /// The spec files under `folder`, by readdir: Foundation's directory enumerator (and the
    /// NSString paths it hands out) was about half a millisecond of every command's start.
    /// Entries whose names start with a dot are skipped; a folder reached through a link is not
    /// searched (a link to a file is taken, by its name), as the enumerator did; a folder that
    /// cannot be read is passed over.
    private static func search(_ folder: String, into found: inout [String]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = folder + "/" + name
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                // Some filesystems do not say; lstat does, without following a link.
                var info = stat()
                isFolder = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                search(path, into: &found)
            } else if SpecSyntax(path: name) != nil {
                found.append(path)
            }
        }
    }
}
