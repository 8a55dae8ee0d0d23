import Ontology

/// The checks that span the delivery objects (issue 5): canaries need a metrics endpoint to
/// judge a release by; every Ingress host needs a certificate; every certificate needs an
/// issuer able to prove its names (HTTP-01 through an ingress class for plain names, DNS-01
/// through a provider for wildcards and for names no ingress serves). Each a located error.
public enum DeliveryChecks {
    public static func run(_ model: SystemModel) -> [Diagnostic] {
        canaryMetrics(model) + hostsWithoutCertificates(model) + issuerSolvers(model) + certificateLifetimes(model)
    }

    /// Flagger judges a canary by its metrics: a service with a canary needs `tc:metrics` on a
    /// port it exposes.
    static func canaryMetrics(_ model: SystemModel) -> [Diagnostic] {
        model.services.compactMap { service in
            guard let canary = service.canary else { return nil }
            guard let metrics = service.metrics else {
                return Diagnostic(
                    .buildCanaryWithoutMetrics, "\(service.name) has a canary but no metrics port: Flagger could not judge a release",
                    at: canary.origin.location, notes: [Note("give the service tc:metrics [ tc:portName \"…\" ; tc:path \"/metrics\" ]")])
            }
            guard service.port(named: metrics.portName.value) == nil else { return nil }
            let exposed = service.ports.map(\.name.value).joined(separator: ", ")
            return Diagnostic(
                .buildCanaryWithoutMetrics,
                "\(service.name) has a canary but its metrics port \"\(metrics.portName.value)\" is not one of its ports (it has: \(exposed))",
                at: metrics.portName.origin.location, notes: [Note("the canary is set here", at: canary.origin.location)])
        }
    }

    /// A host on an Ingress is served with TLS from the service's certificate, which needs an
    /// issuer.
    static func hostsWithoutCertificates(_ model: SystemModel) -> [Diagnostic] {
        model.services.compactMap { service in
            guard service.issuer == nil, let host = service.hosts.first else { return nil }
            return Diagnostic(
                .buildHostWithoutCertificate, "\(service.name): host \(host.value) would have no certificate: the service names no issuer",
                at: host.origin.location, notes: [Note("add tc:issuer :<an Issuer> to the service")])
        }
    }

    /// Each name of each certificate must be provable by its issuer: a wildcard only through a
    /// DNS-01 solver for its zone; any other name through such a solver or through HTTP-01.
    static func issuerSolvers(_ model: SystemModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for request in model.certificateRequests {
            guard let reference = request.issuer, let issuer = model.issuer(named: reference.value) else { continue }
            let owner = request.ofService ? "service \(request.name.value)" : "certificate \(request.name.value)"
            for name in request.dnsNames {
                let zoneSolver = issuer.dns01.contains { solver in solver.zones.isEmpty || solver.zones.contains { covers($0.value, name.value) } }
                if zoneSolver { continue }
                let where_ = Note("issuer \(issuer.name)", at: issuer.origin.location)
                if name.value.hasPrefix("*.") {
                    out.append(
                        Diagnostic(
                            .buildIssuerSolver,
                            "\(owner): \(name.value) is a wildcard, which only DNS-01 can prove, and issuer \(issuer.name) has no DNS-01 solver (tc:dns01 with a tc:dnsProvider) for its zone",
                            at: name.origin.location, notes: [where_]))
                } else if issuer.http01 == nil {
                    out.append(
                        Diagnostic(
                            .buildIssuerSolver,
                            "\(owner): issuer \(issuer.name) cannot prove \(name.value): it has no HTTP-01 solver (tc:http01 with a tc:ingressClass) and no DNS-01 solver for its zone",
                            at: name.origin.location, notes: [where_]))
                }
            }
        }
        return out
    }

    /// cert-manager's admission webhook refuses a Certificate whose duration is under an hour,
    /// whose renewBefore is under five minutes, or whose renewBefore is not shorter than its
    /// duration (cert-manager's default of 90 days when the spec gives none). Found here, not
    /// when Flux applies the tree.
    public static let minimumCertificateMilliseconds = 3_600_000
    public static let minimumRenewBeforeMilliseconds = 300_000
    public static let defaultCertificateMilliseconds = 90 * 86_400_000

    static func certificateLifetimes(_ model: SystemModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for certificate in model.certificates {
            let duration = certificate.duration.flatMap { text in SpecDuration.milliseconds(text.value).map { (text, $0) } }
            if let (text, milliseconds) = duration, milliseconds < minimumCertificateMilliseconds {
                out.append(
                    Diagnostic(
                        .buildCertificateLifetime, "certificate \(certificate.name): duration \(text.value) is under an hour, the shortest cert-manager issues",
                        at: text.origin.location))
            }
            guard let renew = certificate.renewBefore, let renewMilliseconds = SpecDuration.milliseconds(renew.value) else { continue }
            if renewMilliseconds < minimumRenewBeforeMilliseconds {
                out.append(
                    Diagnostic(
                        .buildCertificateLifetime, "certificate \(certificate.name): renewBefore \(renew.value) is under 5m, the least cert-manager accepts",
                        at: renew.origin.location))
            } else if renewMilliseconds >= duration?.1 ?? defaultCertificateMilliseconds {
                let lifetime = duration.map { "its duration \($0.0.value)" } ?? "cert-manager's default duration of 90d (the certificate sets none)"
                out.append(
                    Diagnostic(
                        .buildCertificateLifetime,
                        "certificate \(certificate.name): renewBefore \(renew.value) is not shorter than \(lifetime): it would be renewed as soon as it is issued, and cert-manager refuses it",
                        at: renew.origin.location, notes: duration.map { [Note("the duration is set here", at: $0.0.origin.location)] } ?? []))
            }
        }
        return out
    }

    /// True when `name` lies in `zone` (the zone itself or below it).
    static func covers(_ zone: String, _ name: String) -> Bool {
        let bare = name.hasPrefix("*.") ? String(name.dropFirst(2)) : name
        return bare == zone || bare.hasSuffix("." + zone)
    }
}

extension MessageID {
    public static let buildCanaryWithoutMetrics: MessageID = "build.canaryWithoutMetrics"
    public static let buildHostWithoutCertificate: MessageID = "build.hostWithoutCertificate"
    public static let buildIssuerSolver: MessageID = "build.issuerSolver"
    public static let buildCertificateLifetime: MessageID = "build.certificateLifetime"
}
