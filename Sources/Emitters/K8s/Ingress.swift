import Planner

/// The service's Ingress (networking.k8s.io/v1), for services with host names: one rule per
/// host to the service's web port, and TLS for all hosts from the `<service>-tls` secret of the
/// service's Certificate (emitted by `CertManagerEmitter`; no ingress-shim annotation here, or
/// cert-manager would make a second Certificate for the same secret).
enum IngressObject {
    /// K3s ships Traefik as its ingress controller, under this class name.
    static let defaultClass = "traefik"

    static func resource(_ scope: ServiceScope) -> Resource? {
        let service = scope.service
        guard !service.hosts.isEmpty, let port = service.webPort else { return nil }
        let backend = Document.object([
            ("service", .object([("name", .string(scope.name)), ("port", .object([("name", .string(port.name))]))]))
        ])
        let rules: [Document] = service.hosts.map { host in
            .object([
                ("host", .string(host)),
                (
                    "http",
                    .object([
                        (
                            "paths",
                            .list([.object([("path", .string("/")), ("pathType", .string("Prefix")), ("backend", backend)])])
                        )
                    ])
                ),
            ])
        }
        let tls = Document.object([
            ("hosts", .list(service.hosts.map { .string($0) })), ("secretName", .string(scope.name(suffix: SystemModel.serviceSecretSuffix))),
        ])
        var subjects: [String] = []
        if let issuer = service.issuer, let known = scope.context.model.issuer(named: issuer.value) {
            subjects.append(known.origin.subject)
        }
        return scope.resource(
            apiVersion: "networking.k8s.io/v1", kind: "Ingress", file: "ingress.yaml",
            body: [
                (
                    "spec",
                    .object([
                        ("ingressClassName", .string(ingressClass(service))),
                        ("rules", .list(rules)),
                        ("tls", .list([tls])),
                    ])
                )
            ],
            subjects: subjects)
    }

    static func ingressClass(_ service: Service) -> Located<String> {
        service.ingressClass ?? Located(defaultClass, service.origin)
    }
}
