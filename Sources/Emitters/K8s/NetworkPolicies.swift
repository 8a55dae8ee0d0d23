import Planner

/// NetworkPolicies (networking.k8s.io/v1).
///
/// Per namespace: `default-deny` (no ingress, no egress for any pod) and `allow-dns` (egress to
/// the cluster DNS). Per service: `<service>-ingress` and `<service>-egress`, one rule per flow
/// the spec allows into or out of the service's pods: `dependsOn` (every port of the target),
/// the ingress controller for a service with hosts (its web port), Prometheus for a service with
/// a metrics endpoint (that port), and the policies' allows.
/// A flow between two services needs both halves, since each side denies by default: egress
/// on the caller, ingress on the callee.
///
/// Kubernetes policies can name pods, namespaces and CIDRs only. `World` becomes every address
/// (0.0.0.0/0 and ::/0) and `InCluster` every namespace; `Host`, `RemoteNode` and
/// `KubeApiServer` have no faithful translation and are left to the Cilium policies: a rule
/// that cannot name its peers is dropped, never widened (a rule without peers would allow
/// everyone). L7 HTTP rules are Cilium's too; here such a flow allows its ports.
enum NetworkPolicies {
    static func namespaceResources(_ scope: NamespaceScope) -> [Resource] {
        let denyAll = Document.object([
            ("podSelector", .object([])),
            ("policyTypes", .list([.string("Ingress"), .string("Egress")])),
        ])
        let dnsPeer = Document.object([
            ("namespaceSelector", matchLabels(Metadata.namespaceNameLabel, .string("kube-system"))),
            ("podSelector", matchLabels("k8s-app", .string("kube-dns"))),
        ])
        let dns = Document.object([
            ("podSelector", .object([])),
            ("policyTypes", .list([.string("Egress")])),
            (
                "egress",
                .list([
                    .object([
                        ("to", .list([dnsPeer])),
                        ("ports", .list(["UDP", "TCP"].map { .object([("port", .int(53)), ("protocol", .string($0))]) })),
                    ])
                ])
            ),
        ])
        return [
            scope.resource(
                apiVersion: apiVersion, kind: kind, name: "default-deny", file: "networkpolicy-default-deny.yaml",
                body: [("spec", denyAll)]),
            scope.resource(
                apiVersion: apiVersion, kind: kind, name: "allow-dns", file: "networkpolicy-allow-dns.yaml", body: [("spec", dns)]),
        ]
    }

    static func serviceResources(_ scope: ServiceScope) -> [Resource] {
        let name = scope.service.name
        return [
            policy(scope, direction: "Ingress", peersKey: "from", rules: scope.context.flows.ingress[name] ?? []),
            policy(scope, direction: "Egress", peersKey: "to", rules: scope.context.flows.egress[name] ?? []),
        ].compactMap { $0 }
    }

    static let apiVersion = "networking.k8s.io/v1"
    static let kind = "NetworkPolicy"

    static func policy(_ scope: ServiceScope, direction: String, peersKey: String, rules: [NetworkRule]) -> Resource? {
        guard !rules.isEmpty else { return nil }
        let lower = direction.lowercased()
        let documents: [Document] = rules.map { rule in
            .object([(peersKey, .list(rule.peers)), ("ports", rule.ports.map { .list($0) })], origin: rule.origin)
        }
        let spec = Document.object([
            ("podSelector", Metadata.podSelector(scope.service)),
            ("policyTypes", .list([.string(direction)])),
            (lower, .list(documents)),
        ])
        return scope.resource(
            apiVersion: apiVersion, kind: kind, name: scope.name(suffix: "-" + lower), file: "networkpolicy-\(lower).yaml",
            body: [("spec", spec)], subjects: rules.flatMap(\.subjects))
    }

    static func matchLabels(_ key: String, _ value: Document) -> Document {
        .object([("matchLabels", .object([(key, value)]))])
    }
}

/// One rule of a service's ingress or egress policy: the peers on the other side, the ports
/// (nil: every port), where the flow was written, and the spec objects it involves.
struct NetworkRule {
    var origin: Origin
    var peers: [Document]
    var ports: [Document]?
    var subjects: [String]
}

/// Every flow the spec allows, as rules on both ends, by service name. Built once per model,
/// in model order: dependsOn (by service, then target), ingress controllers (by service), then
/// policy allows (by policy, then allow).
struct NetworkFlows {
    private(set) var ingress: [String: [NetworkRule]] = [:]
    private(set) var egress: [String: [NetworkRule]] = [:]

    init(_ model: SystemModel, services: [String: Service]) {
        for (service, target, dependency) in Self.dependencies(model, services: services) {
            let ports = Self.ports(of: target, named: [])
            guard !ports.isEmpty else { continue }
            let subjects = [service.iri, target.iri]
            let caller = Self.peer(service, reference: Located(service.name, dependency.origin), from: target)
            Self.add(&ingress, target.name, NetworkRule(origin: dependency.origin, peers: [caller], ports: ports, subjects: subjects))
            let callee = Self.peer(target, reference: dependency, from: service)
            Self.add(&egress, service.name, NetworkRule(origin: dependency.origin, peers: [callee], ports: ports, subjects: subjects))
        }
        for service in model.services {
            // A service with host names must be reachable from the ingress controller, or its
            // Ingress is dead behind default deny. Assumed: the controller runs in kube-system
            // with `app.kubernetes.io/name: <ingress class>`, as K3s's Traefik does.
            guard let host = service.hosts.first, let port = service.webPort,
                let ports = Self.portDocuments([port]).nonEmptyOrNil
            else { continue }
            let controller = IngressObject.ingressClass(service)
            let peer = Document.object([
                ("namespaceSelector", NetworkPolicies.matchLabels(Metadata.namespaceNameLabel, .string(Located("kube-system", host.origin)))),
                ("podSelector", NetworkPolicies.matchLabels(Metadata.nameLabel, .string(controller))),
            ])
            Self.add(&ingress, service.name, NetworkRule(origin: host.origin, peers: [peer], ports: ports, subjects: [service.iri]))
        }
        for (service, port) in PrometheusEmitter.scrapedPorts(model) {
            // Prometheus scrapes the metrics port (its ServiceMonitor), through default deny.
            guard let ports = Self.portDocuments([port]).nonEmptyOrNil else { continue }
            let origin = port.name.origin
            let peer = Document.object([
                ("namespaceSelector", NetworkPolicies.matchLabels(Metadata.namespaceNameLabel, .string(Located(PrometheusEmitter.namespace, origin)))),
                ("podSelector", NetworkPolicies.matchLabels(Metadata.nameLabel, .string(Located(PrometheusEmitter.podName, origin)))),
            ])
            Self.add(&ingress, service.name, NetworkRule(origin: origin, peers: [peer], ports: ports, subjects: [service.iri]))
        }
        for policy in model.networkPolicies {
            for allow in policy.allows {
                addAllow(allow, policy: policy, services: services)
            }
        }
    }

    private mutating func addAllow(_ allow: AllowedFlow, policy: NetworkPolicy, services: [String: Service]) {
        let (source, target, subjects) = NetworkFlows.ends(allow, policy: policy, services: services)

        // Into a service: from the source service, CIDRs or entity, on the named ports.
        if let target, let reference = allow.to {
            let ports = Self.ports(of: target, named: allow.toPorts.map(\.value))
            var peers: [Document] = []
            if let source, let from = allow.from { peers.append(Self.peer(source, reference: from, from: target)) }
            peers += allow.fromCidrs.map(Self.ipBlock)
            if let entity = allow.fromEntity { peers += Self.entityPeers(entity) }
            if !peers.isEmpty, !ports.isEmpty {
                Self.add(&ingress, target.name, NetworkRule(origin: allow.origin, peers: peers, ports: ports, subjects: subjects))
            }
            // Out of the source service to it.
            if let source, !ports.isEmpty {
                let callee = Self.peer(target, reference: reference, from: source)
                Self.add(&egress, source.name, NetworkRule(origin: allow.origin, peers: [callee], ports: ports, subjects: subjects))
            }
        }
        // Out of a service to CIDRs or an entity, on the given port numbers (all when none).
        if let source {
            var peers = allow.toCidrs.map(Self.ipBlock)
            if let entity = allow.toEntity { peers += Self.entityPeers(entity) }
            if !peers.isEmpty {
                let ports: [Document] = allow.toPortNumbers.map {
                    .object([("port", .int($0)), ("protocol", .string(Located("TCP", $0.origin)))])
                }
                Self.add(&egress, source.name, NetworkRule(origin: allow.origin, peers: peers, ports: ports.nonEmptyOrNil, subjects: subjects))
            }
        }
    }

    /// The services at both ends of an allow (when they are services), and the spec objects
    /// the rules made from it come from: the policy, then those services.
    static func ends(_ allow: AllowedFlow, policy: NetworkPolicy, services: [String: Service]) -> (Service?, Service?, [String]) {
        let source = allow.from.flatMap { services[$0.value] }
        let target = allow.to.flatMap { services[$0.value] }
        return (source, target, [policy.origin.subject] + [source?.iri, target?.iri].compactMap { $0 })
    }

    /// Every `dependsOn` between two known services, in model order: caller, callee, and the
    /// reference as written (the Kubernetes and the Cilium policies both allow these).
    static func dependencies(_ model: SystemModel, services: [String: Service]) -> [(Service, Service, Located<String>)] {
        model.services.flatMap { service in
            service.dependsOn.compactMap { dependency in services[dependency.value].map { (service, $0, dependency) } }
        }
    }

    // Static: as an instance method, passing one of self's tables inout copied it on every call.
    private static func add(_ table: inout [String: [NetworkRule]], _ name: String, _ rule: NetworkRule) {
        table[name, default: []].append(rule)
    }

    /// The target's ports with the given names, or all of them when none are named.
    static func ports(of service: Service, named names: [String]) -> [Document] {
        portDocuments(names.isEmpty ? service.ports : service.ports.filter { names.contains($0.name.value) })
    }

    static func portDocuments(_ ports: [Port]) -> [Document] {
        ports.compactMap { port in
            K8sValue.portProtocol(port.portProtocol).map { .object([("port", .int(port.number)), ("protocol", $0)]) }
        }
    }

    /// The pods of a service, seen from another service's policy: by name label, and by
    /// namespace when the two live in different namespaces.
    static func peer(_ service: Service, reference: Located<String>, from other: Service) -> Document {
        let namespace: Document? =
            service.namespace.value == other.namespace.value
            ? nil : NetworkPolicies.matchLabels(Metadata.namespaceNameLabel, .string(service.namespace))
        return .object([("namespaceSelector", namespace), ("podSelector", NetworkPolicies.matchLabels(Metadata.serviceLabel, .string(reference)))])
    }

    static func ipBlock(_ cidr: Located<String>) -> Document {
        .object([("ipBlock", .object([("cidr", .string(cidr))]))])
    }

    /// What a Kubernetes policy can say for an entity; nothing for those it cannot express.
    static func entityPeers(_ entity: Located<Entity>) -> [Document] {
        switch entity.value {
        case .world: ["0.0.0.0/0", "::/0"].map { ipBlock(Located($0, entity.origin)) }
        case .cluster: [.object([("namespaceSelector", .object([]))], origin: entity.origin)]
        case .host, .remoteNode, .kubeApiServer: []
        }
    }
}

extension Array {
    /// Nil for an empty array.
    fileprivate var nonEmptyOrNil: Self? { isEmpty ? nil : self }
}
