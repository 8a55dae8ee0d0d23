import Ontology
import Planner

/// Prometheus operator objects (monitoring.coreos.com/v1), beside each service's other
/// objects: a ServiceMonitor per metrics endpoint, and a PrometheusRule per service with
/// `alerts` — p99 latency, error rate and availability, each with the spec's threshold and
/// `for` duration.
///
/// Scraped Services carry `ttlc.io/scrape: "true"`: the service's own Service, or for a service
/// with a canary the primary and canary Services Flagger generates (labelled through the
/// Canary). The series then carry `service` = that Service's name, which the alert queries
/// match (`<service>`, `<service>-primary`, `<service>-canary`). The queries assume the
/// Prometheus client libraries' names: `http_requests_total` (label `code`) and the
/// `http_request_duration_seconds` histogram.
enum PrometheusEmitter {
    static let apiVersion = "monitoring.coreos.com/v1"
    /// Where Prometheus runs, and the name label of its pods (prometheus-operator's defaults:
    /// the kube-prometheus stack in `monitoring`): the network policies let these pods reach
    /// each metrics port, and Flagger's analysis asks them.
    static let namespace = "monitoring"
    static let podName = "prometheus"

    /// Each service with a metrics endpoint, with the port it names.
    static func scrapedPorts(_ model: SystemModel) -> [(Service, Port)] {
        model.services.compactMap { service in
            guard let metrics = service.metrics, let port = service.port(named: metrics.portName.value) else { return nil }
            return (service, port)
        }
    }
    /// The window rates are taken over in alert expressions.
    static let window = "5m"

    static func resources(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        ParallelMap.map(model.services) { service -> [Resource] in
            let scope = ServiceScope(service: service, context: context)
            return [serviceMonitor(scope), prometheusRule(scope)].compactMap { $0 }
        }.flatMap { $0 }
    }

    static func serviceMonitor(_ scope: ServiceScope) -> Resource? {
        let service = scope.service
        guard let metrics = service.metrics else { return nil }
        // Flagger names the ports of the Services it generates; the container port's name is
        // what stays the same, so a canary's endpoint is found by target port.
        let portKey = service.canary == nil ? "port" : "targetPort"
        let endpoint = Document.object(
            [
                (portKey, .string(metrics.portName)),
                ("path", .string(metrics.path)),
                ("interval", metrics.interval.map { .string($0.derived(promDuration)) }),
                ("scheme", .string("http")),
            ], origin: metrics.portName.origin)
        let spec = Document.object([
            (
                "selector",
                .object([
                    ("matchLabels", .object([(Metadata.serviceLabel, .string(scope.name)), (FlaggerEmitter.scrapeLabel, .string("true"))]))
                ])
            ),
            ("namespaceSelector", .object([("matchNames", .list([.string(service.namespace)]))])),
            ("endpoints", .list([endpoint])),
        ])
        return scope.resource(apiVersion: apiVersion, kind: "ServiceMonitor", file: "servicemonitor.yaml", body: [("spec", spec)])
    }

    static func prometheusRule(_ scope: ServiceScope) -> Resource? {
        let service = scope.service
        guard let alerts = service.alerts else { return nil }
        let selector = "namespace=\"\(service.namespace.value)\", service=~\"\(service.name)(-primary|-canary)?\""
        var rules: [Document] = []
        func rule(_ name: String, _ expr: String, _ threshold: Origin, for duration: Located<String>?, _ summary: String) {
            rules.append(
                .object(
                    [
                        ("alert", .string(name)),
                        ("expr", .scalar(.string(expr), origin: threshold)),
                        ("for", duration.map { .string($0.derived(promDuration)) }),
                        ("labels", .object([("severity", .string("warning")), ("service", .string(scope.name)), ("namespace", .string(service.namespace))])),
                        ("annotations", .object([("summary", .string(summary))])),
                    ], origin: threshold))
        }
        if let latency = alerts.latencyP99, let milliseconds = FlaggerEmitter.milliseconds(latency.value) {
            rule(
                "LatencyP99High",
                "1000 * histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{\(selector)}[\(window)])) by (le)) > \(milliseconds)",
                latency.origin, for: alerts.latencyFor, "\(service.name): p99 latency above \(latency.value)")
        }
        if let errorRate = alerts.errorRate {
            let percent = number(errorRate.value)
            rule(
                "ErrorRateHigh",
                "100 * sum(rate(http_requests_total{\(selector), code=~\"5..\"}[\(window)])) / sum(rate(http_requests_total{\(selector)}[\(window)])) > \(percent)",
                errorRate.origin, for: alerts.errorRateFor, "\(service.name): more than \(percent) % of requests fail (5xx)")
        }
        if let availability = alerts.availability {
            let percent = number(availability.value)
            rule(
                "AvailabilityLow", "100 * avg(up{\(selector)}) < \(percent)", availability.origin, for: alerts.availabilityFor,
                "\(service.name): fewer than \(percent) % of its pods answer scrapes")
        }
        guard !rules.isEmpty else { return nil }
        let spec = Document.object([("groups", .list([.object([("name", .string(scope.name)), ("rules", .list(rules))], origin: alerts.origin)]))])
        return scope.resource(apiVersion: apiVersion, kind: "PrometheusRule", file: "prometheusrule.yaml", body: [("spec", spec)])
    }

    /// A decimal as PromQL reads it, without a trailing ".0".
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A spec duration in Prometheus's form: units largest first ("1m30s", not "30s1m").
    static func promDuration(_ text: String) -> String {
        SpecDuration.milliseconds(text).map(SpecDuration.prometheusText(milliseconds:)) ?? text
    }
}
