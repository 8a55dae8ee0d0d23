import Ontology
import Planner

/// Flagger objects (flagger.app/v1beta1): a Canary per service with a `canary` block, beside
/// its other objects, and the two MetricTemplates its analysis reads, once per namespace with
/// canaries (`apps/<namespace>/`).
///
/// Flagger takes the Deployment over: it makes `<service>-primary` (the stable pods, selector
/// label `app.kubernetes.io/name: <service>-primary`), scales the Deployment itself to zero
/// between releases, and generates the ClusterIP Services `<service>`, `<service>-primary`
/// and `<service>-canary` — which is why the K3s emitter writes no ClusterIP Service for such a
/// service, and why every policy selects pods by `ttlc.io/service`, a label Flagger copies.
/// Traffic moves by weight through Traefik (K3s's ingress controller): `provider: traefik`.
enum FlaggerEmitter {
    static let apiVersion = "flagger.app/v1beta1"
    static let provider = "traefik"
    /// Where the analysis asks Prometheus (prometheus-operator's `prometheus-operated` Service
    /// in `monitoring`); the spec has no property for it.
    static let prometheusAddress = "http://prometheus-operated.\(PrometheusEmitter.namespace):9090"
    static let successRate = "success-rate"
    static let latencyP99 = "latency-p99"
    /// Labels on the primary and canary Services Flagger generates, so that the ServiceMonitor
    /// finds them (`PrometheusEmitter`).
    static let scrapeLabel = "ttlc.io/scrape"

    /// An object Flagger makes for an emitted Canary, in the Canary's namespace.
    struct Generated: Hashable {
        var group: String
        var kind: String
        var name: String
    }

    /// What Flagger makes for an emitted Canary: the Services `<canary>`, `<canary>-primary` and
    /// `<canary>-canary`, the primary of its target (`<target>-primary`) and, with an
    /// autoscaler, the primary HPA (`<autoscaler>-primary`). The reference and duplicate checks
    /// both count these as emitted.
    static func generatedObjects(_ canary: Resource) -> [Generated] {
        let spec = canary.document["spec"]
        var out = ["", "-primary", "-canary"].map { Generated(group: "", kind: "Service", name: canary.id.name + $0) }
        if case .scalar(.string(let kind), _)? = spec?["targetRef"]?["kind"], case .scalar(.string(let target), _)? = spec?["targetRef"]?["name"] {
            out.append(Generated(group: "apps", kind: kind, name: target + "-primary"))
        }
        if case .scalar(.string(let autoscaler), _)? = spec?["autoscalerRef"]?["name"] {
            out.append(Generated(group: "autoscaling", kind: "HorizontalPodAutoscaler", name: autoscaler + "-primary"))
        }
        return out
    }

    static func resources(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        var out: [Resource] = []
        var namespaces: [String: [Service]] = [:]
        for service in model.services {
            guard let canary = service.canary, let resource = canaryObject(ServiceScope(service: service, context: context), canary) else { continue }
            out.append(resource)
            namespaces[service.namespace.value, default: []].append(service)
        }
        for namespace in namespaces.keys.sorted() {
            out += metricTemplates(namespace: namespace, services: namespaces[namespace]!, context)
        }
        return out
    }

    static func canaryObject(_ scope: ServiceScope, _ canary: Canary) -> Resource? {
        let service = scope.service
        guard let port = service.webPort else { return nil }
        let interval = canary.interval.derived(analysisInterval)
        var metrics: [Document] = [
            .object(
                [
                    ("name", .string(successRate)),
                    ("templateRef", .object([("name", .string(successRate)), ("namespace", .string(service.namespace))])),
                    ("thresholdRange", .object([("min", .int(canary.successRate))])),
                    ("interval", .string(interval)),
                ], origin: canary.successRate.origin)
        ]
        if let latency = canary.latencyP99, let milliseconds = Self.milliseconds(latency.value) {
            metrics.append(
                .object(
                    [
                        ("name", .string(latencyP99)),
                        ("templateRef", .object([("name", .string(latencyP99)), ("namespace", .string(service.namespace))])),
                        ("thresholdRange", .object([("max", .int(Located(milliseconds, latency.origin)))])),
                        ("interval", .string(interval)),
                    ], origin: latency.origin))
        }
        let scrape = Document.object([("labels", .object([(Metadata.serviceLabel, .string(scope.name)), (scrapeLabel, .string("true"))]))])
        var autoscaler: Document?
        if case .scaling = service.replicas {
            autoscaler = .object([
                ("apiVersion", .string("autoscaling/v2")), ("kind", .string("HorizontalPodAutoscaler")), ("name", .string(scope.name)),
            ])
        }
        let spec = Document.object([
            ("provider", .string(provider)),
            ("targetRef", .object([("apiVersion", .string("apps/v1")), ("kind", .string("Deployment")), ("name", .string(scope.name))])),
            ("autoscalerRef", autoscaler),
            ("progressDeadlineSeconds", .int(600)),
            (
                "service",
                .object([
                    ("port", .int(port.number)),
                    ("portName", .string(port.name)),
                    ("targetPort", .string(port.name)),
                    // Every container port on the generated Services (metrics included).
                    ("portDiscovery", .bool(true)),
                    ("primary", service.metrics == nil ? nil : scrape),
                    ("canary", service.metrics == nil ? nil : scrape),
                ])
            ),
            (
                "analysis",
                .object(
                    [
                        ("interval", .string(interval)),
                        ("threshold", .int(canary.threshold)),
                        ("stepWeight", .int(canary.stepWeight)),
                        ("maxWeight", .int(canary.maxWeight)),
                        ("metrics", .list(metrics)),
                    ], origin: canary.origin)
            ),
        ])
        return scope.resource(apiVersion: apiVersion, kind: "Canary", file: "canary.yaml", body: [("spec", spec)])
    }

    /// Success rate (percent of requests not answered 5xx) and p99 latency (milliseconds) of
    /// the canary's pods, from the services' own metrics: `http_requests_total` with a `code`
    /// label and the `http_request_duration_seconds` histogram (the Prometheus client
    /// libraries' names). Flagger fills `{{ namespace }}`, `{{ target }}` and `{{ interval }}`;
    /// the pod pattern matches the canary's pods, not the primary's.
    static func metricTemplates(namespace: String, services: [Service], _ context: K8sContext) -> [Resource] {
        let pods = "namespace=\"{{ namespace }}\", pod=~\"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\""
        let queries = [
            (
                successRate,
                "100 * sum(rate(http_requests_total{\(pods), code!~\"5..\"}[{{ interval }}])) / sum(rate(http_requests_total{\(pods)}[{{ interval }}]))"
            ),
            (
                latencyP99,
                "1000 * histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{\(pods)}[{{ interval }}])) by (le))"
            ),
        ]
        // Made for the namespace: its spec object is the source (the services' namespace
        // reference when the namespace is not in the model).
        let origin = context.model.namespace(named: namespace)?.origin ?? services[0].namespace.origin
        return queries.map { name, query in
            let metadata = Metadata.block(
                name: Located(name, origin), namespace: Located(namespace, origin), labels: Metadata.labels(service: nil, context: context), source: origin)
            let spec = Document.object([
                ("provider", .object([("type", .string("prometheus")), ("address", .string(prometheusAddress))])),
                ("query", .string(query)),
            ])
            return Resource(
                id: ResourceID(apiVersion: apiVersion, kind: "MetricTemplate", namespace: namespace, name: name),
                path: "apps/\(namespace)/metrictemplate-\(name).yaml",
                document: Metadata.object(apiVersion: apiVersion, kind: "MetricTemplate", metadata: metadata, body: [("spec", spec)]),
                subjects: Metadata.subjects(main: origin.subject, others: services.map(\.iri) + context.systemSubjects))
        }
    }

    /// Flagger's analysis interval, in minutes or seconds as its documentation writes them
    /// ("2m", "90s"); a part of a second in Go's syntax, which Flagger parses it with.
    static func analysisInterval(_ text: String) -> String {
        guard let milliseconds = SpecDuration.milliseconds(text) else { return text }
        if milliseconds > 0, milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return SpecDuration.goText(milliseconds: milliseconds)
    }

    /// A duration in whole milliseconds ("500ms", "1s"); nil for anything else.
    static func milliseconds(_ text: String) -> Int? { SpecDuration.milliseconds(text) }
}
