/// ACME issuers and certificates (cert-manager).
public struct Issuer: Sendable {
    public var name: String
    public var origin: Origin
    public var acmeServer: Located<String>
    public var email: Located<String>
    public var http01: Located<String>?
    public var dns01: [DNS01]
    public var staging: Located<String>?
}

public struct DNS01: Sendable {
    public var provider: Located<String>
    public var credential: SecretRef
    public var zones: [Located<String>]
}

public struct Certificate: Sendable {
    public var name: String
    public var origin: Origin
    public var namespace: Located<String>
    public var dnsNames: [Located<String>]
    public var secretName: Located<String>
    public var duration: Located<String>?
    public var renewBefore: Located<String>?
    public var issuer: Located<String>
}

/// A certificate the cluster must hold, whether the spec wrote it (`tc:Certificate`) or a
/// service's host names imply it (`tc:host` with `tc:issuer`: one certificate for all of the
/// service's hosts, in the `<service>-tls` secret its Ingress serves).
public struct CertificateRequest: Sendable {
    public var name: Located<String>
    public var namespace: Located<String>
    public var dnsNames: [Located<String>]
    public var secretName: Located<String>
    public var duration: Located<String>?
    public var renewBefore: Located<String>?
    /// Nil for a service whose hosts name no issuer (`build.hostWithoutCertificate`).
    public var issuer: Located<String>?
    /// The IRI of the spec object it comes from (the service or the certificate).
    public var subject: String
    /// True for the certificate of a service's hosts.
    public var ofService: Bool
}

extension SystemModel {
    /// Every certificate to emit: the services' (in service order), then the spec's own.
    public var certificateRequests: [CertificateRequest] {
        var out: [CertificateRequest] = []
        for service in services where !service.hosts.isEmpty {
            out.append(
                CertificateRequest(
                    name: Located(service.name, service.origin), namespace: service.namespace, dnsNames: service.hosts,
                    secretName: Located(service.name + Self.serviceSecretSuffix, service.origin), duration: nil, renewBefore: nil,
                    issuer: service.issuer, subject: service.iri, ofService: true))
        }
        for certificate in certificates {
            out.append(
                CertificateRequest(
                    name: Located(certificate.name, certificate.origin), namespace: certificate.namespace, dnsNames: certificate.dnsNames,
                    secretName: certificate.secretName, duration: certificate.duration, renewBefore: certificate.renewBefore,
                    issuer: certificate.issuer, subject: certificate.origin.subject, ofService: false))
        }
        return out
    }

    /// The secret a service's Ingress serves its hosts' certificate from.
    public static let serviceSecretSuffix = "-tls"
}
