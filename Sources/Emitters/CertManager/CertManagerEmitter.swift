import Ontology
import Planner

/// cert-manager objects: a ClusterIssuer per spec Issuer (production and staging twins are
/// Issuers of their own in the spec), and a Certificate per host set — a service's host names
/// (beside its Ingress, which serves the Certificate's secret and carries no ingress-shim
/// annotation, so there is exactly one Certificate per secret) or a spec `tc:Certificate`
/// (beside its namespace's objects).
enum CertManagerEmitter {
    static let apiVersion = "cert-manager.io/v1"
    static let directory = "infrastructure/cert-manager"

    static func resources(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        model.issuers.map { clusterIssuer($0, context) }
            + model.certificateRequests.compactMap { certificate($0, context) }
            + ACMESolverPolicy.resources(model, context)
    }

    // MARK: ClusterIssuer

    /// ACME: server, account email, the account key's secret, and the solvers. DNS-01 solvers
    /// are limited to their zones (more specific, so cert-manager prefers them there); HTTP-01
    /// takes every other name through the ingress class.
    static func clusterIssuer(_ issuer: Issuer, _ context: K8sContext) -> Resource {
        var solvers: [Document] = issuer.dns01.map(dns01Solver)
        if let ingressClass = issuer.http01 {
            solvers.append(.object([("http01", .object([("ingress", .object([("ingressClassName", .string(ingressClass))]))]))]))
        }
        let name = Located(issuer.name, issuer.origin)
        let acme = Document.object([
            ("server", .string(issuer.acmeServer)),
            ("email", .string(issuer.email)),
            ("privateKeySecretRef", .object([("name", .string(accountKeySecret(issuer)))])),
            ("solvers", solvers.isEmpty ? nil : .list(solvers)),
        ])
        let metadata = Metadata.block(name: name, namespace: nil, labels: Metadata.labels(service: nil, context: context), source: issuer.origin)
        var subjects = issuer.dns01.map(\.credential.secretName.origin.subject)
        if let staging = issuer.staging, let twin = context.model.issuer(named: staging.value) { subjects.append(twin.origin.subject) }
        return Resource(
            id: ResourceID(apiVersion: apiVersion, kind: "ClusterIssuer", namespace: nil, name: issuer.name),
            path: "\(directory)/clusterissuer-\(issuer.name).yaml",
            document: Metadata.object(apiVersion: apiVersion, kind: "ClusterIssuer", metadata: metadata, body: [("spec", .object([("acme", acme)]))]),
            subjects: Metadata.subjects(main: issuer.origin.subject, others: subjects + context.systemSubjects))
    }

    /// The ACME account's private key: cert-manager creates it on first registration.
    static func accountKeySecret(_ issuer: Issuer) -> Located<String> {
        Located(issuer.name + "-account-key", issuer.origin)
    }

    static func dns01Solver(_ solver: DNS01) -> Document {
        let reference = Document.object([("name", .string(solver.credential.secretName)), ("key", .string(solver.credential.key))])
        let provider: (String, Document)
        switch solver.provider.value {
        case "DigitalOcean": provider = ("digitalocean", .object([("tokenSecretRef", reference)]))
        default: provider = ("cloudflare", .object([("apiTokenSecretRef", reference)]))
        }
        return .object([
            ("dns01", .object([provider])),
            ("selector", solver.zones.isEmpty ? nil : .object([("dnsZones", .list(solver.zones.map { .string($0) }))])),
        ])
    }

    // MARK: Certificate

    static func certificate(_ request: CertificateRequest, _ context: K8sContext) -> Resource? {
        guard let issuer = request.issuer else { return nil }
        let spec = Document.object([
            ("secretName", .string(request.secretName)),
            ("dnsNames", .list(request.dnsNames.map { .string($0) })),
            ("duration", request.duration.flatMap(goDuration)),
            ("renewBefore", request.renewBefore.flatMap(goDuration)),
            (
                "issuerRef",
                .object([("group", .string("cert-manager.io")), ("kind", .string("ClusterIssuer")), ("name", .string(issuer))])
            ),
        ])
        let service = request.ofService ? context.servicesByName[request.name.value] : nil
        let labels = Metadata.labels(service: service, context: context)
        let metadata = Metadata.block(name: request.name, namespace: request.namespace, labels: labels, source: request.name.origin)
        let path =
            request.ofService
            ? "apps/\(request.namespace.value)/\(request.name.value)/certificate.yaml"
            : "infrastructure/namespaces/\(request.namespace.value)/certificate-\(request.name.value).yaml"
        var subjects = [issuer.origin.subject]
        if let known = context.model.issuer(named: issuer.value) { subjects.append(known.origin.subject) }
        return Resource(
            id: ResourceID(apiVersion: apiVersion, kind: "Certificate", namespace: request.namespace.value, name: request.name.value),
            path: path,
            document: Metadata.object(apiVersion: apiVersion, kind: "Certificate", metadata: metadata, body: [("spec", spec)]),
            subjects: Metadata.subjects(main: request.subject, others: subjects + context.systemSubjects))
    }

    /// A spec duration ("90d", "1h30m") as Go's `Duration.String` writes one ("2160h0m0s"),
    /// which cert-manager reads with Go (no day unit); with a part of a second, in Go's unit
    /// syntax ("1s500ms"). Nil only for text that is not a duration, which the checks reject.
    static func goDuration(_ duration: Located<String>) -> Document? {
        guard let milliseconds = SpecDuration.milliseconds(duration.value) else { return nil }
        guard milliseconds % 1000 == 0 else { return .string(Located(SpecDuration.goText(milliseconds: milliseconds), duration.origin)) }
        let seconds = milliseconds / 1000
        return .string(Located("\(seconds / 3600)h\(seconds % 3600 / 60)m\(seconds % 60)s", duration.origin))
    }
}
