import Planner

/// The service's Service (v1): ClusterIP, or LoadBalancer keeping client addresses.
///
/// A service with a canary is different: Flagger generates its ClusterIP Services (`<service>`,
/// `-primary`, `-canary`), so none is written here; a LoadBalancer exposure becomes
/// `<service>-lb`, selecting the primary pods (Flagger's `<service>-primary` selector label), so
/// outside clients keep reaching the promoted release while a canary runs.
enum ServiceObject {
    static let loadBalancerSuffix = "-lb"

    /// Nil for a service without ports (a Service needs at least one), and for a canary's
    /// ClusterIP Service.
    static func resource(_ scope: ServiceScope) -> Resource? {
        let service = scope.service
        let canary = service.canary != nil
        if canary, service.expose.value != .loadBalancer { return nil }
        let name = canary ? scope.name(suffix: loadBalancerSuffix) : scope.name
        let selected = canary ? scope.name(suffix: "-primary") : scope.name
        let ports: [Document] = service.ports.compactMap { port in
            guard let portProtocol = K8sValue.portProtocol(port.portProtocol) else { return nil }
            return .object([
                ("name", .string(port.name)), ("port", .int(port.number)), ("protocol", portProtocol),
                ("targetPort", .string(port.name)),
            ])
        }
        guard !ports.isEmpty else { return nil }
        let type = service.expose.derived(\.rawValue)
        let loadBalancer = service.expose.value == .loadBalancer
        let spec: [(String, Document?)] = [
            ("type", .string(type)),
            ("selector", .object([(Metadata.nameLabel, .string(selected))])),
            ("ports", .list(ports)),
            // Local: traffic goes only to nodes running a replica, so pods see client addresses.
            ("externalTrafficPolicy", loadBalancer ? .string(service.expose.derived { _ in "Local" }) : nil),
            // API server defaults, written out (canonical form).
            ("allocateLoadBalancerNodePorts", loadBalancer ? .bool(true) : nil),
            ("internalTrafficPolicy", .string("Cluster")),
            // Set by the API server on create for a Service with a selector (its ipFamilies,
            // allocated with the cluster IP, are left to it).
            ("ipFamilyPolicy", .string("SingleStack")),
            ("sessionAffinity", .string("None")),
        ]
        // The Service Prometheus scrapes (a canary's are Flagger's; see PrometheusEmitter).
        let scraped: [(String, Document?)] = !canary && service.metrics != nil ? [(FlaggerEmitter.scrapeLabel, .string("true"))] : []
        return scope.resource(apiVersion: "v1", kind: "Service", name: name, file: "service.yaml", labels: scraped, body: [("spec", .object(spec))])
    }
}
