import Planner

/// Cilium policies (cilium.io/v2): a CiliumNetworkPolicy per service that has flows, beside its
/// other objects, and the cluster-wide baseline as a CiliumClusterwideNetworkPolicy.
///
/// A service's policy selects its pods by the service label (so Flagger's primary and canary
/// pods alike) and allows exactly the flows of `CiliumFlows`. Each direction with no rules is
/// left out: Cilium then leaves that direction to the Kubernetes policies (default deny). L7
/// HTTP rules (method and path regex) narrow the ports they are written on.
enum CiliumEmitter {
    static let apiVersion = "cilium.io/v2"

    static func resources(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        let flows = context.ciliumFlows
        let policies = ParallelMap.map(model.services) { servicePolicy(ServiceScope(service: $0, context: context), flows) }
        return policies.compactMap { $0 } + clusterwide(model, context)
    }

    static func servicePolicy(_ scope: ServiceScope, _ flows: CiliumFlows) -> Resource? {
        let ingress = flows.ingress[scope.service.name] ?? []
        let egress = flows.egress[scope.service.name] ?? []
        guard !ingress.isEmpty || !egress.isEmpty else { return nil }
        let spec = Document.object([
            ("endpointSelector", Metadata.podSelector(scope.service)),
            ("ingress", ingress.isEmpty ? nil : .list(ingress.map { rule($0, peers: ("fromEndpoints", "fromCIDR", "fromEntities")) })),
            ("egress", egress.isEmpty ? nil : .list(egress.map { rule($0, peers: ("toEndpoints", "toCIDR", "toEntities")) })),
        ])
        return scope.resource(
            apiVersion: apiVersion, kind: "CiliumNetworkPolicy", file: "ciliumnetworkpolicy.yaml", body: [("spec", spec)],
            subjects: (ingress + egress).flatMap(\.subjects))
    }

    static func rule(_ rule: CiliumRule, peers keys: (endpoints: String, cidrs: String, entities: String)) -> Document {
        var toPorts: Document?
        if let ports = rule.ports {
            let http: Document? =
                rule.http.isEmpty
                ? nil : .object([("http", .list(rule.http.map { .object([("method", .string($0.method)), ("path", .string($0.path))]) }))])
            toPorts = .list([.object([("ports", .list(ports)), ("rules", http)])])
        }
        return .object(
            [
                (keys.endpoints, rule.endpoints.isEmpty ? nil : .list(rule.endpoints)),
                (keys.cidrs, rule.cidrs.isEmpty ? nil : .list(rule.cidrs.map { .string($0) })),
                (keys.entities, rule.entities.isEmpty ? nil : .list(rule.entities.map { .string($0) })),
                ("toPorts", toPorts),
            ], origin: rule.origin)
    }

    /// The cluster-wide baseline: every endpoint may ask the cluster DNS (kube-dns in
    /// kube-system, port 53 over UDP and TCP), so a service policy with egress rules never has
    /// to repeat it. `enableDefaultDeny: false` both ways: this policy selects every endpoint,
    /// and must add an allow without switching default deny on for pods no policy of ours covers
    /// (the ingress controller, the DNS server itself, cert-manager's solvers).
    static func clusterwide(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        guard let system = model.system else { return [] }
        let origin = system.origin
        let dns = Document.object([
            (
                "toEndpoints",
                .list([
                    .object([
                        ("matchLabels", .object([
                            (CiliumFlows.namespaceLabel, .string(Located("kube-system", origin))), ("k8s-app", .string("kube-dns")),
                        ]))
                    ])
                ])
            ),
            ("toPorts", .list([.object([("ports", .list(["UDP", "TCP"].map { .object([("port", .string("53")), ("protocol", .string($0))]) }))])])),
        ])
        let spec = Document.object([
            ("endpointSelector", .object([])),
            ("enableDefaultDeny", .object([("egress", .bool(false)), ("ingress", .bool(false))])),
            ("egress", .list([dns])),
        ])
        let name = Located("allow-dns", origin)
        let metadata = Metadata.block(name: name, namespace: nil, labels: Metadata.labels(service: nil, context: context), source: origin)
        let kind = "CiliumClusterwideNetworkPolicy"
        return [
            Resource(
                id: ResourceID(apiVersion: apiVersion, kind: kind, namespace: nil, name: name.value),
                path: "infrastructure/cilium/ciliumclusterwidenetworkpolicy-allow-dns.yaml",
                document: Metadata.object(apiVersion: apiVersion, kind: kind, metadata: metadata, body: [("spec", spec)]),
                subjects: Metadata.subjects(main: origin.subject, others: []))
        ]
    }
}
