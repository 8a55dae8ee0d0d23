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
        var byPath: [String: [Resource]] = [:]
        for resource in resources { byPath[resource.path, default: []].append(resource) }
        let groups = byPath.keys.sorted().map { (path: $0, resources: byPath[$0]!.sorted { $0.id < $1.id }) }
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
