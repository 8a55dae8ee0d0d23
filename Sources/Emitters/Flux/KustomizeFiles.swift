import Planner

/// A `kustomization.yaml` (kustomize.config.k8s.io/v1beta1) in every folder of the output tree,
/// listing exactly the folder's Kubernetes files and its subfolders, so that `kubectl kustomize
/// DIR` (and Flux's kustomize-controller) builds any folder, and a folder builds to exactly the
/// objects of the files under it.
///
/// Files that are not Kubernetes objects (BIRD configs, scripts) are not resources: they reach
/// the cluster inside the node's ConfigMap (`bgp/<node>/configmap.yaml`), which is listed.
/// `.ttlc/` (inventory, secrets list) is ttlc's own and not part of any build. The files come
/// from the tree's layout, not from a spec object: they carry no subjects (so `explain` does not
/// list them beside every output).
enum KustomizeFiles {
    static let name = "kustomization.yaml"

    /// The kustomization files for a tree holding `files`.
    static func files(for files: [OutputFile]) -> [OutputFile] {
        var resources: [String: Set<String>] = [:]  // folder ("" is the root) → entries
        for file in files where !file.path.hasPrefix(".") {
            var components = file.path.split(separator: "/").map(String.init)
            let leaf = components.removeLast()
            let folder = components.joined(separator: "/")
            if !file.objects.isEmpty {
                resources[folder, default: []].insert(leaf)
            } else {
                resources[folder, default: []].formUnion([])
            }
            // Every ancestor lists the next folder down.
            for depth in 0..<components.count {
                let parent = components[..<depth].joined(separator: "/")
                resources[parent, default: []].insert(components[depth])
            }
        }
        return resources.keys.sorted().map { folder in
            let entries = resources[folder]!.sorted()
            var text = "# The Kubernetes objects of this folder and its subfolders, for kustomize and Flux.\n"
            text += "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            text += entries.isEmpty ? "resources: []\n" : "resources:\n" + entries.map { "  - \($0)\n" }.joined()
            return OutputFile(path: folder.isEmpty ? name : folder + "/" + name, bytes: Array(text.utf8), subjects: [])
        }
    }
}
