import Planner

/// The NetworkPolicy that lets HTTP-01 challenges through default deny: cert-manager runs a
/// solver pod (labelled `acme.cert-manager.io/http01-solver: "true"`, listening on 8089) in the
/// certificate's namespace and routes the ACME server's request to it through the ingress
/// controller of the issuer's ingress class. One policy per namespace holding a certificate an
/// HTTP-01 issuer may solve, admitting exactly those controllers (in kube-system, by the
/// `app.kubernetes.io/name` label K3s's Traefik carries) to the solver pods only.
enum ACMESolverPolicy {
    static let solverLabel = "acme.cert-manager.io/http01-solver"
    static let solverPort = 8089

    static func resources(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        var classes: [String: [Located<String>]] = [:]  // namespace → ingress classes
        for request in model.certificateRequests {
            guard let name = request.issuer, let issuer = model.issuer(named: name.value), let ingressClass = issuer.http01 else { continue }
            if !(classes[request.namespace.value] ?? []).contains(where: { $0.value == ingressClass.value }) {
                classes[request.namespace.value, default: []].append(ingressClass)
            }
        }
        return model.namespaces.compactMap { namespace in
            guard let controllers = classes[namespace.name], !controllers.isEmpty else { return nil }
            let scope = NamespaceScope(namespace: namespace, context: context)
            let peers: [Document] = controllers.sorted { $0.value < $1.value }.map { ingressClass in
                .object([
                    ("namespaceSelector", NetworkPolicies.matchLabels(Metadata.namespaceNameLabel, .string(Located("kube-system", ingressClass.origin)))),
                    ("podSelector", NetworkPolicies.matchLabels(Metadata.nameLabel, .string(ingressClass))),
                ])
            }
            let spec = Document.object([
                ("podSelector", NetworkPolicies.matchLabels(solverLabel, .string("true"))),
                ("policyTypes", .list([.string("Ingress")])),
                (
                    "ingress",
                    .list([
                        .object([
                            ("from", .list(peers)),
                            ("ports", .list([.object([("port", .int(solverPort)), ("protocol", .string("TCP"))])])),
                        ])
                    ])
                ),
            ])
            return scope.resource(
                apiVersion: NetworkPolicies.apiVersion, kind: NetworkPolicies.kind, name: "allow-acme-http01",
                file: "networkpolicy-allow-acme-http01.yaml", body: [("spec", spec)])
        }
    }
}
