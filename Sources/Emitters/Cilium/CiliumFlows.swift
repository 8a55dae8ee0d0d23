import Planner

/// One rule of a service's Cilium policy, in one direction: the peers (endpoints, CIDRs,
/// entities), the ports (nil: every port), the L7 HTTP rules that narrow it, its origin and the
/// spec objects it involves.
struct CiliumRule {
    var origin: Origin
    var endpoints: [Document] = []
    var cidrs: [Located<String>] = []
    var entities: [Located<String>] = []
    var ports: [Document]?
    var http: [HTTPRule] = []
    var subjects: [String]
}

/// Every flow the spec allows, as Cilium rules on both ends, by service name — the same flows
/// as the Kubernetes NetworkPolicies (`NetworkFlows`), written in Cilium's terms: endpoints by
/// labels (with the namespace as the `k8s:io.kubernetes.pod.namespace` label), CIDRs, the
/// entities Kubernetes policies cannot name (host, remote-node, kube-apiserver), and L7 HTTP
/// rules on the receiving side.
struct CiliumFlows {
    static let namespaceLabel = "k8s:io.kubernetes.pod.namespace"

    private(set) var ingress: [String: [CiliumRule]] = [:]
    private(set) var egress: [String: [CiliumRule]] = [:]

    init(_ model: SystemModel, services: [String: Service]) {
        for (service, target, dependency) in NetworkFlows.dependencies(model, services: services) {
            let ports = Self.ports(target, named: [])
            guard !ports.isEmpty else { continue }
            let subjects = [service.iri, target.iri]
            ingress[target.name, default: []].append(
                CiliumRule(origin: dependency.origin, endpoints: [Self.endpoint(service, dependency.origin)], ports: ports, subjects: subjects))
            egress[service.name, default: []].append(
                CiliumRule(origin: dependency.origin, endpoints: [Self.endpoint(target, dependency.origin)], ports: ports, subjects: subjects))
        }
        for service in model.services {
            // The ingress controller reaches services with hosts (see NetworkFlows).
            guard let host = service.hosts.first, let port = service.webPort else { continue }
            let ports = Self.portDocuments([port])
            guard !ports.isEmpty else { continue }
            let controller = Document.object([
                ("matchLabels", .object([
                    (Self.namespaceLabel, .string(Located("kube-system", host.origin))),
                    (Metadata.nameLabel, .string(IngressObject.ingressClass(service))),
                ]))
            ])
            ingress[service.name, default: []].append(CiliumRule(origin: host.origin, endpoints: [controller], ports: ports, subjects: [service.iri]))
        }
        for (service, port) in PrometheusEmitter.scrapedPorts(model) {
            let ports = Self.portDocuments([port])
            guard !ports.isEmpty else { continue }
            let origin = port.name.origin
            let prometheus = Document.object([
                ("matchLabels", .object([
                    (Self.namespaceLabel, .string(Located(PrometheusEmitter.namespace, origin))),
                    (Metadata.nameLabel, .string(Located(PrometheusEmitter.podName, origin))),
                ]))
            ])
            ingress[service.name, default: []].append(CiliumRule(origin: origin, endpoints: [prometheus], ports: ports, subjects: [service.iri]))
        }
        for policy in model.networkPolicies {
            for allow in policy.allows { add(allow, policy: policy, services: services) }
        }
    }

    private mutating func add(_ allow: AllowedFlow, policy: NetworkPolicy, services: [String: Service]) {
        let (source, target, subjects) = NetworkFlows.ends(allow, policy: policy, services: services)
        if let target {
            let ports = Self.ports(target, named: allow.toPorts.map(\.value))
            guard !ports.isEmpty else { return }
            var rule = CiliumRule(origin: allow.origin, ports: ports, http: allow.http, subjects: subjects)
            if let source, let from = allow.from { rule.endpoints.append(Self.endpoint(source, from.origin)) }
            rule.cidrs = allow.fromCidrs
            if let entity = allow.fromEntity { rule.entities.append(entity.derived(Self.entityName)) }
            if !rule.endpoints.isEmpty || !rule.cidrs.isEmpty || !rule.entities.isEmpty {
                ingress[target.name, default: []].append(rule)
            }
            if let source, let to = allow.to {
                egress[source.name, default: []].append(
                    CiliumRule(origin: allow.origin, endpoints: [Self.endpoint(target, to.origin)], ports: ports, subjects: subjects))
            }
        } else if let source {
            // L7 rules narrow egress too (Cilium's proxy sees the request leave).
            var rule = CiliumRule(origin: allow.origin, cidrs: allow.toCidrs, http: allow.http, subjects: subjects)
            if let entity = allow.toEntity { rule.entities.append(entity.derived(Self.entityName)) }
            let ports: [Document] = allow.toPortNumbers.map {
                .object([("port", .string($0.derived(String.init))), ("protocol", .string(Located("TCP", $0.origin)))])
            }
            rule.ports = ports.isEmpty ? nil : ports
            if !rule.cidrs.isEmpty || !rule.entities.isEmpty { egress[source.name, default: []].append(rule) }
        }
    }

    /// A service's pods, from anywhere: by the service label and the namespace label.
    static func endpoint(_ service: Service, _ origin: Origin) -> Document {
        .object([
            ("matchLabels", .object([
                (namespaceLabel, .string(service.namespace)),
                (Metadata.serviceLabel, .string(Located(service.name, origin))),
            ]))
        ])
    }

    /// The target's ports with the given names, or all of them when none are named.
    static func ports(_ service: Service, named names: [String]) -> [Document] {
        portDocuments(names.isEmpty ? service.ports : service.ports.filter { names.contains($0.name.value) })
    }

    /// Cilium writes port numbers as strings; ICMP is not a port protocol here either.
    static func portDocuments(_ ports: [Port]) -> [Document] {
        ports.compactMap { port in
            K8sValue.portProtocol(port.portProtocol).map { .object([("port", .string(port.number.derived(String.init))), ("protocol", $0)]) }
        }
    }

    /// Cilium's name of an entity.
    static func entityName(_ entity: Entity) -> String {
        switch entity {
        case .world: "world"
        case .cluster: "cluster"
        case .host: "host"
        case .remoteNode: "remote-node"
        case .kubeApiServer: "kube-apiserver"
        }
    }
}
