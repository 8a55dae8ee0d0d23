import Planner

/// The service's identity in the cluster: a ServiceAccount always, and a Role with its
/// RoleBinding only for a service that asks for an API token.
enum Access {
    /// Whether pods get an API token: only when the spec says `serviceAccountToken true`.
    static func automountToken(_ service: Service) -> Document {
        service.serviceAccountToken.map { .bool($0) } ?? .bool(false)
    }

    static func wantsToken(_ service: Service) -> Bool { service.serviceAccountToken?.value == true }

    static func resources(_ scope: ServiceScope) -> [Resource] {
        let service = scope.service
        var out = [
            scope.resource(
                apiVersion: "v1", kind: "ServiceAccount", file: "serviceaccount.yaml",
                body: [("automountServiceAccountToken", automountToken(service))])
        ]
        guard wantsToken(service), let token = service.serviceAccountToken else { return out }
        // Least privilege. The spec grants a token and nothing more specific, so the Role grants
        // only what a service needs to find its peers: read-only (get, list, watch) on pods,
        // services and endpoints, in its own namespace. No writes, no secrets, nothing
        // cluster-wide; a service that needs more must have it granted outside ttlc.
        let rule = Document.object(
            [
                ("apiGroups", .list([.string("")])),
                ("resources", .list(["endpoints", "pods", "services"].map { .string(Located($0, token.origin)) })),
                ("verbs", .list(["get", "list", "watch"].map { .string(Located($0, token.origin)) })),
            ], origin: token.origin)
        out.append(
            scope.resource(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", file: "role.yaml", body: [("rules", .list([rule]))]))
        out.append(
            scope.resource(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", file: "rolebinding.yaml",
                body: [
                    (
                        "roleRef",
                        .object([
                            ("apiGroup", .string("rbac.authorization.k8s.io")), ("kind", .string("Role")), ("name", .string(scope.name)),
                        ])
                    ),
                    (
                        "subjects",
                        .list([
                            .object([
                                ("kind", .string("ServiceAccount")), ("name", .string(scope.name)), ("namespace", .string(service.namespace)),
                            ])
                        ])
                    ),
                ]))
        return out
    }
}
