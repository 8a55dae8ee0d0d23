import Ontology

/// Kubernetes objects in a YAML file, by identity, and their field-level differences.
enum ObjectDiff {
    struct Object {
        var id: ResourceID
        var value: YAMLValue
    }

    /// The objects of a YAML file. A document without kind or name (a kustomization file) is
    /// identified by its kind and the file path. Nil when the bytes are not YAML.
    static func objects(_ bytes: [UInt8], path: String) -> [Object]? {
        guard case .success(let documents) = YAMLDocuments.read(bytes, path: path) else { return nil }
        return documents.map { document in
            let metadata = document["metadata"]
            let name = metadata?["name"]?.scalarText
            return Object(
                id: ResourceID(
                    apiVersion: document["apiVersion"]?.scalarText ?? "", kind: document["kind"]?.scalarText ?? "File",
                    namespace: name == nil ? nil : metadata?["namespace"]?.scalarText, name: name ?? path),
                value: document)
        }
    }

    typealias FieldDifference = (path: String, before: String?, after: String?)

    /// Leaves by field path (`spec.template.spec.containers[0].image`), in document order.
    static func fields(_ value: YAMLValue, path: String = "") -> [(path: String, value: String)] {
        var out: [(String, String)] = []
        flatten(value, path: path, into: &out)
        return out
    }

    private static func flatten(_ value: YAMLValue, path: String, into out: inout [(String, String)]) {
        switch value {
        case .scalar(let text): out.append((path, text))
        case .mapping(let entries):
            if entries.isEmpty { out.append((path, "{}")) }
            for entry in entries { flatten(entry.value, path: child(path, entry.key), into: &out) }
        case .sequence(let items):
            if items.isEmpty { out.append((path, "[]")) }
            for (index, item) in items.enumerated() { flatten(item, path: path + "[\(index)]", into: &out) }
        }
    }

    private static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    /// The fields that differ between two versions of an object, in the new version's order
    /// (removed fields after). Mappings are matched by key; lists of plain values are aligned
    /// item by item, so one name added to or taken from a list reads as that one change, not as
    /// every later item shifting; other lists are matched by position.
    static func changes(from old: YAMLValue, to new: YAMLValue) -> [FieldDifference] {
        var changed: [FieldDifference] = []
        var removed: [FieldDifference] = []
        compare(old, new, path: "", changed: &changed, removed: &removed)
        return changed + removed
    }

    private static func compare(_ old: YAMLValue, _ new: YAMLValue, path: String, changed: inout [FieldDifference], removed: inout [FieldDifference]) {
        switch (old, new) {
        case (.scalar(let before), .scalar(let after)):
            if before != after { changed.append((path, before, after)) }
        case (.mapping(let before), .mapping(let after)) where !before.isEmpty && !after.isEmpty:
            let oldByKey = Dictionary(before.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            let newKeys = Set(after.map(\.key))
            for entry in after {
                if let previous = oldByKey[entry.key] {
                    compare(previous, entry.value, path: child(path, entry.key), changed: &changed, removed: &removed)
                } else {
                    changed += fields(entry.value, path: child(path, entry.key)).map { ($0.path, nil, $0.value) }
                }
            }
            for entry in before where !newKeys.contains(entry.key) {
                removed += fields(entry.value, path: child(path, entry.key)).map { ($0.path, $0.value, nil) }
            }
        case (.sequence(let before), .sequence(let after)) where !before.isEmpty && !after.isEmpty:
            if let oldTexts = scalarTexts(before), let newTexts = scalarTexts(after) {
                alignPlainList(oldTexts, newTexts, path: path, changed: &changed, removed: &removed)
            } else {
                for index in 0..<max(before.count, after.count) {
                    let itemPath = path + "[\(index)]"
                    if index < before.count, index < after.count {
                        compare(before[index], after[index], path: itemPath, changed: &changed, removed: &removed)
                    } else if index < after.count {
                        changed += fields(after[index], path: itemPath).map { ($0.path, nil, $0.value) }
                    } else {
                        removed += fields(before[index], path: itemPath).map { ($0.path, $0.value, nil) }
                    }
                }
            }
        default:
            // A value that changed shape (or an empty mapping or list): compare its leaves by path.
            let before = fields(old, path: path)
            let after = fields(new, path: path)
            let oldByPath = Dictionary(before.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
            let newPaths = Set(after.map(\.path))
            for field in after where oldByPath[field.path] != field.value { changed.append((field.path, oldByPath[field.path], field.value)) }
            for field in before where !newPaths.contains(field.path) { removed.append((field.path, field.value, nil)) }
        }
    }

    private static func scalarTexts(_ items: [YAMLValue]) -> [String]? {
        var texts: [String] = []
        for item in items {
            guard case .scalar(let text) = item else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// Items removed and added at the same place pair up as changed items (`args[1]: 80 → 81`);
    /// the rest are additions at their new index and removals at their old one.
    private static func alignPlainList(_ before: [String], _ after: [String], path: String, changed: inout [FieldDifference], removed: inout [FieldDifference]) {
        var gone: [Int] = []
        var came: [Int] = []
        func flush() {
            for (offset, new) in came.enumerated() {
                if offset < gone.count {
                    changed.append((path + "[\(new)]", before[gone[offset]], after[new]))
                } else {
                    changed.append((path + "[\(new)]", nil, after[new]))
                }
            }
            for old in gone.dropFirst(came.count) { removed.append((path + "[\(old)]", before[old], nil)) }
            gone = []
            came = []
        }
        for step in SequenceAlignment.steps(before, after) {
            switch step {
            case .same: flush()
            case .removed(let old): gone.append(old)
            case .added(let new): came.append(new)
            }
        }
        flush()
    }

    /// Fields whose change is a change of replica count.
    static let scaleFields: Set<String> = ["spec.replicas", "spec.minReplicas", "spec.maxReplicas"]
}
