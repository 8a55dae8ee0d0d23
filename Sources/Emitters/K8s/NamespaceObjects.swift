import Planner

/// A namespace's own objects, under `infrastructure/namespaces/<namespace>/`: the Namespace,
/// its default-deny and DNS network policies, its ResourceQuota and its LimitRange.
enum NamespaceObjects {
    static func resources(_ namespace: Namespace, _ context: K8sContext) -> [Resource] {
        let scope = NamespaceScope(namespace: namespace, context: context)
        return [namespaceObject(scope)] + NetworkPolicies.namespaceResources(scope) + [quota(scope), limitRange(scope)].compactMap { $0 }
    }

    /// The Namespace, with the `kubernetes.io/metadata.name` label and the `kubernetes`
    /// finalizer the API server adds to every namespace (canonical form).
    static func namespaceObject(_ scope: NamespaceScope) -> Resource {
        let labels = Metadata.labels(
            service: nil, context: scope.context, extra: [(Metadata.namespaceNameLabel, .string(scope.name))])
        let metadata = Metadata.block(name: scope.name, namespace: nil, labels: labels, source: scope.namespace.origin)
        return Resource(
            id: ResourceID(apiVersion: "v1", kind: "Namespace", namespace: nil, name: scope.namespace.name),
            path: scope.directory + "/namespace.yaml",
            document: Metadata.object(
                apiVersion: "v1", kind: "Namespace", metadata: metadata,
                body: [("spec", .object([("finalizers", .list([.string("kubernetes")]))]))]),
            subjects: scope.subjects)
    }

    /// The quota on requests: `requests.cpu`, `requests.memory`, `requests.storage` and `pods`
    /// (the API server keeps every hard limit as a quantity string, in canonical form).
    static func quota(_ scope: NamespaceScope) -> Resource? {
        let quota = scope.namespace.quota
        let hard: [(String, Document?)] = [
            ("requests.cpu", quota.cpu.value.isEmpty ? nil : CanonicalQuantity.document(quota.cpu)),
            ("requests.memory", quota.memory.value.isEmpty ? nil : CanonicalQuantity.document(quota.memory)),
            ("requests.storage", quota.storage.map(CanonicalQuantity.document)),
            ("pods", quota.pods.map { .string($0.derived(String.init)) }),
        ]
        guard hard.contains(where: { $0.1 != nil }) else { return nil }
        return scope.resource(
            apiVersion: "v1", kind: "ResourceQuota", name: "quota", file: "resourcequota.yaml",
            body: [("spec", .object([("hard", .object(hard))]))])
    }

    /// Default limits for containers that set none, and the same values as default requests
    /// (what the API server fills in when `defaultRequest` is left out).
    static func limitRange(_ scope: NamespaceScope) -> Resource? {
        guard let limits = scope.namespace.defaultLimits else { return nil }
        let values = Document.object([("cpu", CanonicalQuantity.document(limits.cpu)), ("memory", CanonicalQuantity.document(limits.memory))])
        let item = Document.object([("type", .string("Container")), ("default", values), ("defaultRequest", values)])
        return scope.resource(
            apiVersion: "v1", kind: "LimitRange", name: "default-limits", file: "limitrange.yaml",
            body: [("spec", .object([("limits", .list([item]))]))])
    }
}

/// A namespace's objects share a folder, labels and subjects.
struct NamespaceScope {
    let namespace: Namespace
    let context: K8sContext

    var directory: String { "infrastructure/namespaces/\(namespace.name)" }
    var name: Located<String> { Located(namespace.name, namespace.origin) }
    var subjects: [String] { Metadata.subjects(main: namespace.origin.subject, others: context.systemSubjects) }

    /// A namespaced object of the namespace itself (quota, limits, policies).
    func resource(apiVersion: String, kind: String, name: String, file: String, body: [(String, Document?)]) -> Resource {
        let metadata = Metadata.block(
            name: Located(name, namespace.origin), namespace: self.name,
            labels: Metadata.labels(service: nil, context: context), source: namespace.origin)
        return Resource(
            id: ResourceID(apiVersion: apiVersion, kind: kind, namespace: namespace.name, name: name),
            path: directory + "/" + file,
            document: Metadata.object(apiVersion: apiVersion, kind: kind, metadata: metadata, body: body),
            subjects: subjects)
    }
}
