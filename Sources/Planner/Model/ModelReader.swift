import Ontology

/// Reads the typed model out of a spec graph that passed `ttlc check`.
///
/// It never traps: a value the checks guarantee but that is missing anyway reads as an empty
/// default. Repeated values are sets in RDF, so they are sorted here, making every output
/// independent of the order in which files and triples were written.
///
/// A class: every `View` of a node holds the reader, and views are copied freely; as a struct
/// the reader was the graph index's dozen arrays, each retained and released with every copy
/// (a third of a million retains reading 1,000 services).
public final class ModelReader: Sendable {
    let index: GraphIndex
    /// Each vocabulary property by local name: its IRI, made once and shared by every origin
    /// that names it, and its term in this graph (nil when no triple uses it). Reading a value
    /// made the IRI twice (one to look the predicate up, one for the origin): two strings for
    /// each of a third of a million reads at 10,000 services.
    let properties: [String: Property]

    struct Property: Sendable {
        let iri: String
        let predicate: TermID?

        /// The property `tc:<local>` and its term in `graph`.
        init(_ local: String, in graph: Graph) {
            iri = NS.tc + local
            predicate = graph.terms.lookup(.iri(iri))
        }
    }

    public convenience init(graph: Graph) {
        self.init(index: GraphIndex(graph))
    }

    /// A reader over an index the caller built (and may share with validation).
    public init(index: GraphIndex) {
        self.index = index
        var properties: [String: Property] = [:]
        for local in Vocabulary.builtIn.ranges.keys { properties[local] = Property(local, in: index.graph) }
        self.properties = properties
    }

    /// The property of a local name: from the table, or made here for a name the vocabulary
    /// does not have.
    func property(_ local: String) -> Property {
        properties[local] ?? Property(local, in: index.graph)
    }

    public func read() -> SystemModel {
        var model = SystemModel()
        model.system = instances("System").first.map(system)
        model.clusters = instances("Cluster").map(cluster)
        model.namespaces = instances("Namespace").map(namespace)
        model.services = instances("Service").map(service)
        model.networkPolicies = instances("NetworkPolicy").map(networkPolicy)
        model.nodes = instances("Node").map(node)
        model.peers = instances("Peer").map(peer)
        model.anycastPrefixes = instances("AnycastPrefix").map(anycast)
        model.rpkiValidators = instances("RpkiValidator").map(rpki)
        model.issuers = instances("Issuer").map(issuer)
        model.certificates = instances("Certificate").map(certificate)
        model.rules = instances("Rule").map(rule)
        model.governance = instances("Governance").first.map(governance)
        return model
    }

    // MARK: Objects

    /// Objects of a tc: class, sorted by name.
    func instances(_ local: String) -> [View] {
        let graph = index.graph
        guard let classID = graph.terms.lookup(.iri(NS.tc + local)) else { return [] }
        var seen: Set<TermID> = []
        var views: [View] = []
        for tripleIndex in index.byObject[classID] where graph.triples[tripleIndex].predicate == index.rdfType {
            let subject = graph.triples[tripleIndex].subject
            guard graph.terms.kind(subject) == .iri, seen.insert(subject).inserted else { continue }
            let iri = graph.terms.text(subject)
            views.append(View(reader: self, node: subject, owner: iri))
        }
        return views.sorted { $0.name < $1.name }
    }

    func system(_ v: View) -> System {
        System(
            name: v.name, origin: v.origin, repository: v.string("repository"), branch: v.string("branch"),
            path: v.string("path"), interval: v.string("interval"), repositorySecret: v.part("repositorySecret").map(secretRef),
            birdImage: v.string("birdImage"))
    }

    func cluster(_ v: View) -> Cluster {
        Cluster(name: v.name, origin: v.origin, region: v.string("region"), nodes: v.references("node"))
    }

    func namespace(_ v: View) -> Namespace {
        let quota = v.part("quota")
        return Namespace(
            name: v.name, origin: v.origin,
            quota: Quota(
                cpu: quota?.string("cpu") ?? v.missing(""), memory: quota?.string("memory") ?? v.missing(""),
                storage: quota?.optionalString("storage"), pods: quota?.optionalInt("pods")),
            defaultLimits: v.part("defaultLimits").map { Limits(cpu: $0.string("cpu"), memory: $0.string("memory")) })
    }

    func service(_ v: View) -> Service {
        let replicas: ReplicaOwner
        if let fixed = v.optionalInt("replicas") {
            replicas = .fixed(fixed)
        } else if let scaling = v.part("scaling") {
            replicas = .scaling(
                Scaling(min: scaling.int("min"), max: scaling.int("max"), targetCpu: scaling.optionalInt("targetCpu"), targetMemory: scaling.optionalInt("targetMemory")))
        } else if let blueprint = v.part("blueprint") {
            replicas = .blueprint(self.blueprint(blueprint))
        } else {
            replicas = .unspecified
        }
        return Service(
            Service.Fields(
                name: v.name, iri: v.owner, origin: v.origin, namespace: v.reference("namespace"), image: v.string("image"),
                ports: v.parts("port").map(port).sorted { $0.name.value < $1.name.value },
                cpu: v.string("cpu"), cpuLimit: v.string("cpuLimit"), memory: v.string("memory"), memoryLimit: v.string("memoryLimit"),
                env: v.parts("env").map(envVar).sorted { $0.name.value < $1.name.value },
                config: v.parts("config").map { ConfigEntry(name: $0.string("name"), value: $0.string("value")) }.sorted { $0.name.value < $1.name.value },
                configPath: v.optionalString("configPath"), readiness: v.part("readiness").map(probe), liveness: v.part("liveness").map(probe),
                expose: v.enumeration("expose", Exposure.clusterIP), hosts: v.strings("host"),
                ingressClass: v.optionalString("ingressClass"), issuer: v.optionalReference("issuer"),
                disruptionBudget: v.part("disruptionBudget").map { DisruptionBudget(minAvailable: $0.optionalInt("minAvailable"), maxUnavailable: $0.optionalInt("maxUnavailable")) },
                replicas: replicas, canary: v.part("canary").map(canary), metrics: v.part("metrics").map(metrics), alerts: v.part("alerts").map(alerts),
                dependsOn: v.references("dependsOn"), serviceAccountToken: v.optionalBool("serviceAccountToken")))
    }

    func port(_ v: View) -> Port {
        Port(name: v.string("name"), number: v.int("number"), portProtocol: v.enumeration("protocol", PortProtocol.tcp))
    }

    func envVar(_ v: View) -> EnvVar {
        EnvVar(name: v.string("name"), value: v.optionalString("value"), secret: v.part("secret").map(secretRef))
    }

    func secretRef(_ v: View) -> SecretRef {
        SecretRef(secretName: v.string("secretName"), key: v.string("key"))
    }

    func probe(_ v: View) -> Probe {
        Probe(
            portName: v.string("portName"), path: v.optionalString("path"), period: v.optionalString("period"),
            initialDelay: v.optionalString("initialDelay"), failureThreshold: v.optionalInt("failureThreshold"))
    }

    func blueprint(_ v: View) -> Blueprint {
        Blueprint(
            origin: v.origin, min: v.int("min"), max: v.int("max"), targetUtilization: v.int("targetUtilization"),
            scaleUpThreshold: v.int("scaleUpThreshold"), scaleDownThreshold: v.int("scaleDownThreshold"),
            cpuWeight: v.double("cpuWeight"), memoryWeight: v.double("memoryWeight"), latencyWeight: v.double("latencyWeight"),
            latencyP95: v.optionalString("latencyP95"), stabilizationWindow: v.optionalString("stabilizationWindow"),
            cooldown: v.string("cooldown"), circuitBreakerFailures: v.optionalInt("circuitBreakerFailures"))
    }

    func canary(_ v: View) -> Canary {
        Canary(
            origin: v.origin, stepWeight: v.int("stepWeight"), maxWeight: v.int("maxWeight"), interval: v.string("interval"),
            threshold: v.int("threshold"), successRate: v.int("successRate"), latencyP99: v.optionalString("latencyP99"))
    }

    func metrics(_ v: View) -> Metrics {
        Metrics(portName: v.string("portName"), path: v.string("path"), interval: v.optionalString("interval"))
    }

    func alerts(_ v: View) -> Alerts {
        Alerts(
            origin: v.origin, latencyP99: v.optionalString("latencyP99"), latencyFor: v.optionalString("latencyFor"),
            errorRate: v.optionalDouble("errorRate"), errorRateFor: v.optionalString("errorRateFor"),
            availability: v.optionalDouble("availability"), availabilityFor: v.optionalString("availabilityFor"))
    }

    func networkPolicy(_ v: View) -> NetworkPolicy {
        NetworkPolicy(name: v.name, origin: v.origin, namespace: v.reference("namespace"), allows: v.parts("allow").map(allowedFlow))
    }

    func allowedFlow(_ v: View) -> AllowedFlow {
        AllowedFlow(
            origin: v.origin, from: v.optionalReference("from"), fromCidrs: v.strings("fromCidr"),
            fromEntity: v.optionalEnumeration("fromEntity", Entity.self), to: v.optionalReference("to"), toCidrs: v.strings("toCidr"),
            toEntity: v.optionalEnumeration("toEntity", Entity.self), toPorts: v.strings("toPort"), toPortNumbers: v.ints("toPortNumber"),
            http: v.parts("http").map { HTTPRule(method: $0.string("method"), path: $0.string("path")) }
                .sorted { ($0.method.value, $0.path.value) < ($1.method.value, $1.path.value) })
    }

    func node(_ v: View) -> Node {
        Node(
            name: v.name, origin: v.origin, routerId: v.string("routerId"), asn: v.int("asn"), announces: v.references("announces"),
            peers: v.references("peer"), rpki: v.references("rpki"))
    }

    func peer(_ v: View) -> Peer {
        Peer(
            name: v.name, origin: v.origin, peerType: v.enumeration("peerType", PeerType.transit), neighbor: v.string("neighbor"),
            remoteAsn: v.int("remoteAsn"), maxPrefixes: v.int("maxPrefixes"), bfd: v.optionalBool("bfd"),
            multihop: v.optionalInt("multihop"), password: v.part("password").map(secretRef))
    }

    func anycast(_ v: View) -> AnycastPrefix {
        let check = v.part("healthCheck")
        return AnycastPrefix(
            name: v.name, origin: v.origin, prefix: v.string("prefix"),
            healthCheck: HealthCheck(
                url: check?.string("url") ?? v.missing(""), withdrawAfter: check?.int("withdrawAfter") ?? v.missing(1),
                interval: check?.optionalString("interval")))
    }

    func rpki(_ v: View) -> RpkiValidator {
        RpkiValidator(name: v.name, origin: v.origin, host: v.string("rtrHost"), port: v.int("rtrPort"))
    }

    func issuer(_ v: View) -> Issuer {
        Issuer(
            name: v.name, origin: v.origin, acmeServer: v.string("acmeServer"), email: v.string("email"),
            http01: v.part("http01")?.optionalString("ingressClass"),
            dns01: v.parts("dns01").map {
                DNS01(provider: $0.enumerationName("dnsProvider"), credential: $0.part("credential").map(secretRef) ?? SecretRef(secretName: v.missing(""), key: v.missing("")), zones: $0.strings("dnsZone"))
            }.sorted { $0.provider.value < $1.provider.value },
            staging: v.optionalReference("staging"))
    }

    func certificate(_ v: View) -> Certificate {
        Certificate(
            name: v.name, origin: v.origin, namespace: v.reference("namespace"), dnsNames: v.strings("dnsName"),
            secretName: v.string("secretName"), duration: v.optionalString("duration"), renewBefore: v.optionalString("renewBefore"),
            issuer: v.reference("issuer"))
    }

    func rule(_ v: View) -> Rule {
        let m = v.part("match")
        let match = Match(
            origin: m?.origin ?? v.origin, sourcePrefixes: m?.strings("sourcePrefix") ?? [], destinationPrefixes: m?.strings("destinationPrefix") ?? [],
            sourcePorts: m?.ints("sourcePort") ?? [], destinationPorts: m?.ints("destinationPort") ?? [],
            matchProtocol: m?.optionalEnumerationName("protocol"), signalKinds: m?.enumerationNames("signalKind") ?? [],
            payloads: m?.strings("payload") ?? [],
            rate: m?.part("rate").map { Rate(limit: $0.int("limit"), window: $0.string("window"), perKey: $0.enumerationName("perKey")) })
        return Rule(name: v.name, origin: v.origin, priority: v.int("priority"), action: v.enumerationName("action"), match: match)
    }

    func governance(_ v: View) -> Governance {
        Governance(
            name: v.name, origin: v.origin, defaultVerdict: v.enumerationName("defaultVerdict"),
            policies: v.parts("policy").map {
                GovernancePolicy(
                    origin: $0.origin, operations: $0.enumerationNames("operation"), resourceKinds: $0.strings("resourceKind"),
                    namespaces: $0.references("namespace"), fields: $0.strings("field"), verdict: $0.enumerationName("verdict"))
            })
    }
}
