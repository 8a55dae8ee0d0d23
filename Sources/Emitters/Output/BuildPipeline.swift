import Planner

/// From the model to the whole output tree, in memory: every emitter's files, then the
/// inventory of them all. Pure; `OutputTree` does the writing.
public enum BuildPipeline {
    /// The files of a build, sorted by path, the inventory last among them by path order.
    /// `extra` holds the files emitters make directly (BIRD configs, scripts).
    public static func files(_ model: SystemModel, resources: [Resource], files extra: [OutputFile] = []) -> [OutputFile] {
        var files = render(resources) + extra
        files += KustomizeFiles.files(for: files)
        files.append(SecretsList.file(for: model))
        files.sort { $0.path < $1.path }
        files.append(Inventory.file(for: files))
        return files.sorted { $0.path < $1.path }
    }

    /// Kubernetes objects as YAML, one file per path (several objects in one file are joined
    /// with `---`, in identity order).
    public static func render(_ resources: [Resource]) -> [OutputFile] {
        // One sort by path, then identity, and runs of equal paths: cheaper than hashing every
        // path into groups (this part runs on one core, before the rendering on all of them).
        let order = resources.indices.sorted { a, b in
            resources[a].path != resources[b].path ? resources[a].path < resources[b].path : resources[a].id < resources[b].id
        }
        var groups: [(path: String, resources: [Resource])] = []
        for index in order {
            if groups.last?.path == resources[index].path {
                groups[groups.count - 1].resources.append(resources[index])
            } else {
                groups.append((resources[index].path, [resources[index]]))
            }
        }
        return ParallelMap.map(groups) { path, group in
            var out = ByteSink(capacity: 2048)
            for (index, resource) in group.enumerated() {
                if index > 0 { out.append("---\n") }
                YAMLWriter.write(resource.document, into: &out)
            }
            var subjects: [String] = []
            for resource in group { for subject in resource.subjects where !subjects.contains(subject) { subjects.append(subject) } }
            return OutputFile(path: path, bytes: out.bytes, subjects: subjects, objects: group.map(\.id))
        }
    }
}
