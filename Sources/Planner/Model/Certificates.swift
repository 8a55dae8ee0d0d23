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
