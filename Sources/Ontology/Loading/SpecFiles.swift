import Foundation

/// Finds the spec files a command was pointed at: files as given, folders searched
/// recursively for .ttl, .yaml and .yml (hidden entries skipped), in a stable sorted order.
public enum SpecFiles {
    public static func collect(_ paths: [String]) -> Result<[String], Diagnostic> {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .failure(Diagnostic(.inputUnreadable, "cannot read '\(path)': No such file or directory", at: nil))
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            var found: [String] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            if let walker = manager.enumerator(atPath: path) {
                for case let relative as String in walker {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") {
                        walker.skipDescendants()
                        continue
                    }
                    if SpecSyntax(path: relative) != nil { found.append(base + "/" + relative) }
                }
            }
            if found.isEmpty {
                return .failure(Diagnostic(.inputEmpty, "no .ttl, .yaml or .yml files under '\(path)'", at: nil))
            }
            files += found.sorted()
        }
        var seen: Set<String> = []
        return .success(files.filter { seen.insert($0).inserted })
    }
}
