import Planner

/// A `kustomization.yaml` (kustomize.config.k8s.io/v1beta1) in every folder of the output tree
/// but `clusters/` (which holds only the cluster folders, each built on its own),
/// listing exactly the folder's Kubernetes files and its subfolders, so that `kubectl kustomize
/// DIR` (and Flux's kustomize-controller) builds any folder, and a folder builds to exactly the
/// objects of the files under it, but for `clusters/<cluster>/`: each is built on its own (the
/// Flux entry point of its cluster), not by the folders above it.
///
/// Files that are not Kubernetes objects (BIRD configs, scripts) are not resources: they reach
/// the cluster inside the node's ConfigMap (`bgp/<node>/configmap.yaml`), which is listed.
/// `.ttlc/` (inventory, secrets list) is ttlc's own and not part of any build. The files come
/// from the tree's layout, not from a spec object: they carry no subjects (so `explain` does not
/// list them beside every output).
enum KustomizeFiles {
    static let name = "kustomization.yaml"

    /// The kustomization files for a tree of files given by path, and whether each holds
    /// Kubernetes objects (known before any file is rendered).
    static func files(for entries: [(path: String, holdsObjects: Bool)]) -> [OutputFile] {
        // Folders and names as slices of the files' paths, and the files of one folder, which
        // mostly come in a row (sorted by path), gathered without a lookup each: this loop runs
        // on one core over every file of a build.
        var resources: [Substring: [Substring]] = [:]  // folder ("" is the root) → entries
        var linked: Set<Substring> = [""]  // folders already listed by their parent, up to the root
        var row: (folder: Substring, entries: [Substring])?
        func flush() {
            guard let (folder, entries) = row else { return }
            resources[folder, default: []] += entries
            // Every ancestor lists the next folder down; a folder met before has its chain. A
            // cluster's folder is its Flux entry point and no parent lists it: two clusters hold
            // Flux objects of one name each (for two API servers), which one build cannot.
            var current = folder
            while linked.insert(current).inserted, !isClusterFolder(current) {
                let (parent, name) = split(current)
                resources[parent, default: []].append(name)
                current = parent
            }
        }
        for file in entries where file.path.utf8.first != UInt8(ascii: ".") {
            let (folder, leaf) = split(file.path[...])
            if folder != row?.folder {
                flush()
                row = (folder, [])
            }
            if file.holdsObjects { row?.entries.append(leaf) }
        }
        flush()
        let folders = resources.keys.sorted().map { (folder: String($0), entries: resources[$0]!) }
        return ParallelMap.map(folders) { folder, entries in
            // A folder met in two rows lists a subfolder once.
            let entries = Set(entries.map(String.init)).sorted()
            var text = "# The Kubernetes objects of this folder and its subfolders, for kustomize and Flux.\n"
            text += "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            // Quoted when YAML would read the name as something else: a folder named after a
            // namespace `1e3` or a service `null` is a string to kustomize, not a number or null.
            text += entries.isEmpty ? "resources: []\n" : "resources:\n" + entries.map { "  - \(YAMLWriter.scalarText(.string($0)))\n" }.joined()
            return OutputFile(path: folder.isEmpty ? name : folder + "/" + name, bytes: Array(text.utf8), subjects: [])
        }
    }

    /// `clusters/<cluster>` for a path inside one (the folder `flux bootstrap --path` names for
    /// that cluster), nil for any other. A slice of the path: no new string for each of many.
    static func clusterFolder<Path: StringProtocol>(of path: Path) -> Path.SubSequence? {
        let bytes = path.utf8
        guard bytes.starts(with: "clusters/".utf8) else { return nil }
        let start = bytes.index(bytes.startIndex, offsetBy: 9)
        guard let slash = bytes[start...].firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return path[..<slash]
    }

    /// `clusters/<cluster>` itself.
    static func isClusterFolder(_ folder: Substring) -> Bool {
        let bytes = folder.utf8
        guard bytes.starts(with: "clusters/".utf8) else { return false }
        return !bytes.dropFirst(9).contains(UInt8(ascii: "/"))
    }

    /// A path's folder ("" at the root) and last component.
    private static func split(_ path: Substring) -> (folder: Substring, name: Substring) {
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (path[..<slash], path[bytes.index(after: slash)...])
    }
}
