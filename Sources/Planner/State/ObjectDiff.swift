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

    /// Leaves by field path (`spec.template.spec.containers[0].image`), in document order.
    static func fields(_ value: YAMLValue) -> [(path: String, value: String)] {
        var out: [(String, String)] = []
        flatten(value, path: "", into: &out)
        return out
    }

    private static func flatten(_ value: YAMLValue, path: String, into out: inout [(String, String)]) {
        switch value {
        case .scalar(let text): out.append((path, text))
        case .mapping(let entries):
            if entries.isEmpty { out.append((path, "{}")) }
            for entry in entries { flatten(entry.value, path: path.isEmpty ? entry.key : path + "." + entry.key, into: &out) }
        case .sequence(let items):
            if items.isEmpty { out.append((path, "[]")) }
            for (index, item) in items.enumerated() { flatten(item, path: path + "[\(index)]", into: &out) }
        }
    }

    /// The fields that differ between two versions of an object, in the new version's order
    /// (removed fields after).
    static func changes(from old: YAMLValue, to new: YAMLValue) -> [(path: String, before: String?, after: String?)] {
        let before = fields(old)
        let after = fields(new)
        let oldByPath = Dictionary(before.map { ($0.path, $0.value) }, uniquingKeysWith: { first, _ in first })
        let newPaths = Set(after.map(\.path))
        var out: [(String, String?, String?)] = []
        for field in after where oldByPath[field.path] != field.value {
            out.append((field.path, oldByPath[field.path], field.value))
        }
        for field in before where !newPaths.contains(field.path) {
            out.append((field.path, field.value, nil))
        }
        return out
    }

    /// Fields whose change is a change of replica count.
    static let scaleFields: Set<String> = ["spec.replicas", "spec.minReplicas", "spec.maxReplicas"]
}
