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
        // Runs of the order by path, as index ranges: grouping copies no Resource (each copy
        // retains its document, path and identity strings).
        var runs: [Range<Int>] = []
        var start = 0
        for position in order.indices.dropFirst() where resources[order[position]].path != resources[order[start]].path {
            runs.append(start..<position)
            start = position
        }
        if !order.isEmpty { runs.append(start..<order.count) }
        return ParallelMap.map(runs) { run in
            var out = ByteSink(capacity: 2048)
            var subjects: [String] = []
            var objects: [ResourceID] = []
            objects.reserveCapacity(run.count)
            for position in run {
                let index = order[position]
                if position > run.lowerBound { out.append("---\n") }
                YAMLWriter.write(resources[index].document, into: &out)
                for subject in resources[index].subjects where !subjects.contains(subject) { subjects.append(subject) }
                objects.append(resources[index].id)
            }
            let path = resources[order[run.lowerBound]].path
            return OutputFile(path: path, bytes: out.bytes, subjects: subjects, objects: objects)
        }
    }
}
