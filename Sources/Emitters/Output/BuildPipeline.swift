import Planner

/// From the model to the whole output tree, in memory: every emitter's files, then the
/// inventory of them all. Pure; `OutputTree` does the writing.
public enum BuildPipeline {
    /// The files of a build, sorted by path, the inventory last among them by path order.
    /// `extra` holds the files emitters make directly (BIRD configs, scripts).
    public static func files(_ model: SystemModel, resources: [Resource], files extra: [OutputFile] = []) -> [OutputFile] {
        // The rendered objects come sorted by path; the few other files are sorted apart and
        // merged in (sorting the whole list moved every file around, three times).
        // The kustomization files need only the paths: made beside the rendering.
        let (rendered, kustomizations) = render(resources) { renderedPaths in
            KustomizeFiles.files(for: renderedPaths.map { ($0, true) } + extra.map { ($0.path, !$0.objects.isEmpty) })
        }
        var others = extra + kustomizations
        others.append(SecretsList.file(for: model))
        others.sort { $0.path < $1.path }
        var files = merged(rendered, others) { $0.path < $1.path }
        let inventory = Inventory.file(for: files)
        files.insert(inventory, at: files.firstIndex { $0.path > inventory.path } ?? files.endIndex)
        return files
    }

    /// Two sorted lists as one; on a tie the first list's element first, as one stable sort of
    /// both would have it.
    static func merged<Element>(_ first: [Element], _ second: [Element], by before: (Element, Element) -> Bool) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count, j < second.count {
            if before(second[j], first[i]) {
                out.append(second[j])
                j += 1
            } else {
                out.append(first[i])
                i += 1
            }
        }
        out += first[i...]
        out += second[j...]
        return out
    }

    /// The positions of `resources` by path, then identity (a stable sort). Sorting and taking
    /// runs of equal paths costs less than hashing every path into groups; the two halves are
    /// sorted on two cores and merged.
    static func pathOrder(_ resources: [Resource]) -> [Int] {
        let before: @Sendable (Int, Int) -> Bool = { a, b in
            resources[a].path != resources[b].path ? resources[a].path < resources[b].path : resources[a].id < resources[b].id
        }
        let half = resources.count / 2
        guard half >= 1024 else { return resources.indices.sorted(by: before) }
        let (low, high) = Concurrently.run({ (0..<half).sorted(by: before) }, { (half..<resources.count).sorted(by: before) })
        return merged(low, high, by: before)
    }

    /// Kubernetes objects as YAML, one file per path (several objects in one file are joined
    /// with `---`, in identity order).
    public static func render(_ resources: [Resource]) -> [OutputFile] {
        render(resources) { _ in () }.files
    }

    /// `render`, and beside it a task on the paths of the files it renders (in path order).
    static func render<Beside: Sendable>(
        _ resources: [Resource], beside task: @Sendable ([String]) -> Beside
    ) -> (files: [OutputFile], beside: Beside) {
        let order = pathOrder(resources)
        // Runs of the order by path, as index ranges: grouping copies no Resource (each copy
        // retains its document, path and identity strings).
        var runs: [Range<Int>] = []
        var start = 0
        for position in order.indices.dropFirst() where resources[order[position]].path != resources[order[start]].path {
            runs.append(start..<position)
            start = position
        }
        if !order.isEmpty { runs.append(start..<order.count) }
        let paths = runs.map { resources[order[$0.lowerBound]].path }
        return ParallelMap.map(runs, beside: { task(paths) }) { run in
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
