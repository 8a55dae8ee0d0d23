import Ontology
import Planner

/// Labels, annotations and `metadata` blocks shared by every Kubernetes object ttlc emits.
enum Metadata {
    /// Names the spec object an emitted object comes from (its IRI); on every object.
    static let sourceAnnotation = "ttlc.io/source"
    static let nameLabel = "app.kubernetes.io/name"
    /// The service a pod belongs to, for network policies, Cilium policies, disruption budgets
    /// and scrape targets. Not `app.kubernetes.io/name`: that is the Deployment's selector label,
    /// which Flagger rewrites to `<service>-primary` on the pods it promotes; this one it copies
    /// unchanged, so policies keep matching primary and canary pods alike.
    static let serviceLabel = "ttlc.io/service"
    static let partOfLabel = "app.kubernetes.io/part-of"
    static let managedByLabel = "app.kubernetes.io/managed-by"
    /// Set by the API server on every namespace; network policies select namespaces by it.
    static let namespaceNameLabel = "kubernetes.io/metadata.name"

    /// The labels of an object: the service's name label (for objects of a service), the
    /// system it is part of, and ttlc as its manager.
    static func labels(service: Service?, context: K8sContext, extra: [(String, Document?)] = []) -> Document {
        .object(
            [
                (nameLabel, service.map { .string(Located($0.name, $0.origin)) }),
                (serviceLabel, service.map { .string(Located($0.name, $0.origin)) }),
                (partOfLabel, context.system.map { .string(Located($0.name, $0.origin)) }),
                (managedByLabel, .string("ttlc")),
            ] + extra)
    }

    /// The Deployment's selector: the name label alone (Flagger's selector label).
    static func selector(_ service: Service) -> Document {
        .object([("matchLabels", .object([(nameLabel, .string(Located(service.name, service.origin)))]))])
    }

    /// The pods of a service, whoever runs them (the Deployment, or Flagger's primary): by the
    /// service label.
    static func podSelector(_ service: Service) -> Document {
        .object([("matchLabels", .object([(serviceLabel, .string(Located(service.name, service.origin)))]))])
    }

    /// `metadata`: name, namespace (nil for cluster-scoped kinds), labels, and the annotations,
    /// `ttlc.io/source` first.
    static func block(
        name: Located<String>, namespace: Located<String>?, labels: Document, source: Origin,
        annotations: [(String, Document?)] = []
    ) -> Document {
        .object([
            ("name", .string(name)),
            ("namespace", namespace.map { .string($0) }),
            ("labels", labels),
            ("annotations", .object([(sourceAnnotation, .scalar(.string(source.subject), origin: source))] + annotations)),
        ])
    }

    /// A whole object: apiVersion, kind, metadata, then its body (spec, data, rules…).
    static func object(apiVersion: String, kind: String, metadata: Document, body: [(String, Document?)]) -> Document {
        .object([("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("metadata", metadata)] + body)
    }

    /// The subjects of a resource: the main one first, then the others sorted, each once.
    static func subjects(main: String, others: [String]) -> [String] {
        [main] + Set(others).subtracting([main]).sorted()
    }
}

/// Everything the per-object functions need beyond the object's own spec part: lookups by
/// name, built once per model, and the network flows between services.
struct K8sContext: Sendable {
    let model: SystemModel
    let system: System?
    let servicesByName: [String: Service]
    let flows: NetworkFlows
    /// The same flows in Cilium's terms.
    let ciliumFlows: CiliumFlows

    init(_ model: SystemModel) {
        self.model = model
        self.system = model.system
        var services: [String: Service] = [:]
        for service in model.services where services[service.name] == nil { services[service.name] = service }
        self.servicesByName = services
        // Two passes over every flow, each on one core: side by side.
        let byName = services
        (flows, ciliumFlows) = Concurrently.run({ NetworkFlows(model, services: byName) }, { CiliumFlows(model, services: byName) })
    }

    /// The system's IRI, a subject of every object that carries its name as `part-of`.
    var systemSubjects: [String] { system.map { [$0.origin.subject] } ?? [] }
}

extension Located {
    /// A value computed from this one, with the same origin.
    func derived<T>(_ transform: (Value) -> T) -> Located<T> { Located<T>(transform(value), origin) }
}

/// Conversions of spec values to Kubernetes fields.
enum K8sValue {
    /// Kubernetes' spelling of a port protocol; nil for ICMP, which no port object can carry.
    static func portProtocol(_ value: Located<PortProtocol>) -> Document? {
        switch value.value {
        case .tcp, .udp: .string(value.derived(\.rawValue))
        case .icmp: nil
        }
    }

    /// Whole seconds of a spec duration ("10s", "1m30s", "2h"), rounded down; nil for text that
    /// is not one (the shapes and `spec.duration` have rejected those before any emitter runs).
    static func seconds(_ text: String) -> Int? {
        SpecDuration.milliseconds(text).map { $0 / 1000 }
    }

    /// A spec duration as Go reads one ("90d" → "2160h"; Go has no day unit), for the fields
    /// that Flux, Flagger and cert-manager parse with `time.ParseDuration`. Text that is not a
    /// duration is kept (the checks have reported it).
    static func goDuration(_ text: String) -> String {
        SpecDuration.milliseconds(text).map(SpecDuration.goText(milliseconds:)) ?? text
    }
}
