import Planner

/// `.ttlc/secrets.json`: every Secret the cluster must hold for the spec to work — name,
/// namespace, keys and who uses each — and never a value (specs hold none).
public enum SecretsList {
    public static let path = ".ttlc/secrets.json"

    struct Use: Hashable {
        var key: String
        var user: String
        var property: String
    }

    /// The namespaces where secrets outside the workloads live.
    static let fluxNamespace = "flux-system"
    static let certManagerNamespace = "cert-manager"
    static let bgpNamespace = "kube-system"

    public static func file(for model: SystemModel) -> OutputFile {
        var secrets: [String: [String: Set<Use>]] = [:]  // namespace → name → uses
        func add(_ ref: SecretRef, namespace: String) {
            secrets[namespace, default: [:]][ref.secretName.value, default: []].insert(
                Use(key: ref.key.value, user: ref.key.origin.subject, property: ref.secretName.origin.property ?? ""))
        }
        if let system = model.system, let secret = system.repositorySecret { add(secret, namespace: fluxNamespace) }
        for service in model.services {
            for env in service.env { if let secret = env.secret { add(secret, namespace: service.namespace.value) } }
        }
        for peer in model.peers { if let password = peer.password { add(password, namespace: bgpNamespace) } }
        for issuer in model.issuers {
            for solver in issuer.dns01 { add(solver.credential, namespace: certManagerNamespace) }
        }
        var entries: [JSONText] = []
        var subjects: Set<String> = []
        for namespace in secrets.keys.sorted() {
            for (name, uses) in secrets[namespace]!.sorted(by: { $0.key < $1.key }) {
                let keys = Set(uses.map(\.key)).sorted()
                let users = Set(uses.map(\.user)).sorted()
                subjects.formUnion(users)
                entries.append(
                    .object([
                        ("name", .string(name)), ("namespace", .string(namespace)),
                        ("keys", .array(keys.map { .string($0) })),
                        ("usedBy", .array(users.map { .string($0) })),
                    ]))
            }
        }
        let bytes = JSONText.object([("format_version", .string("1.0")), ("secrets", .array(entries))]).renderedBytes()
        return OutputFile(path: path, bytes: bytes, subjects: subjects.sorted())
    }
}
