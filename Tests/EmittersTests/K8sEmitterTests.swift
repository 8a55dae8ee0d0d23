import Emitters
import Foundation
import Ontology
import Planner
import XCTest

/// The K3s emitter on the example specs: behaviour that must hold, and the real Kubernetes
/// 1.31 schemas (strict) on every object it emits.
final class K8sEmitterTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = "https://example.org/aegis#"

    /// The model of the example specs, files loaded in the given order.
    static func model(reversed: Bool = false) throws -> SystemModel {
        let files: [String]
        switch SpecFiles.collect([root.appendingPathComponent("specs").path]) {
        case .success(let found): files = reversed ? found.reversed() : found
        case .failure(let problem): throw XCTSkip("no specs: \(problem)")
        }
        var graph = Graph()
        for file in files {
            if let problem = SpecLoader().load(path: file, into: &graph) { XCTFail("\(file): \(problem)") }
        }
        return ModelReader(graph: graph).read()
    }

    var resources: [Resource] = []

    override func setUpWithError() throws {
        resources = K8sEmitter.resources(try Self.model())
    }

    func object(_ kind: String, _ namespace: String?, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Document {
        resources.document(kind, namespace, name, file: file, line: line)
    }

    func exists(_ kind: String, _ namespace: String?, _ name: String) -> Bool {
        resources.contains { $0.id.kind == kind && $0.id.namespace == namespace && $0.id.name == name }
    }

    // MARK: Replicas and autoscaling

    func testReplicaOwnership() {
        // scaling: the HPA owns the count, the Deployment leaves it out.
        XCTAssertNil(object("Deployment", "edge", "river-proxy").at("spec.replicas"))
        let hpa = object("HorizontalPodAutoscaler", "edge", "river-proxy")
        XCTAssertEqual(hpa.at("apiVersion")?.text, "autoscaling/v2")
        XCTAssertEqual(hpa.at("spec.minReplicas")?.number, 2)
        XCTAssertEqual(hpa.at("spec.maxReplicas")?.number, 10)
        XCTAssertEqual(hpa.at("spec.scaleTargetRef.name")?.text, "river-proxy")
        XCTAssertEqual(hpa.at("spec.metrics.0.resource.name")?.text, "cpu")
        XCTAssertEqual(hpa.at("spec.metrics.0.resource.target.averageUtilization")?.number, 70)
        XCTAssertEqual(hpa.at("spec.metrics.1.resource.name")?.text, "memory")
        XCTAssertEqual(hpa.at("spec.metrics.1.resource.target.averageUtilization")?.number, 80)
        // fixed: the count, no HPA.
        XCTAssertEqual(object("Deployment", "edge", "dragonfly").at("spec.replicas")?.number, 3)
        XCTAssertFalse(exists("HorizontalPodAutoscaler", "edge", "dragonfly"))
        // blueprint: its minimum until `ttlc decide` moves it, no HPA.
        XCTAssertEqual(object("Deployment", "detection", "threat-api").at("spec.replicas")?.number, 2)
        XCTAssertFalse(exists("HorizontalPodAutoscaler", "detection", "threat-api"))
        XCTAssertEqual(resources.filter { $0.id.kind == "HorizontalPodAutoscaler" }.count, 1)
    }

    func testDecidedReplicasReplaceTheBlueprintMinimumWithinItsBounds() throws {
        let model = try Self.model()
        let origin = Origin(subject: Self.example + "threat-api")
        func replicas(_ count: Int) -> Int? {
            let decisions: [String: Located<Int>] = ["threat-api": Located(count, origin), "river-proxy": Located(7, origin)]
            let objects = K8sEmitter.resources(model.withReplicaDecisions(decisions))
            let deployment = objects.first { $0.id.kind == "Deployment" && $0.id.name == "threat-api" }
            return deployment?.document.at("spec.replicas")?.number
        }
        XCTAssertEqual(replicas(3), 3)
        XCTAssertEqual(replicas(20), 8, "a decision above the blueprint's max is clamped to it")
        XCTAssertEqual(replicas(0), 2, "and one below its min to the min")
        // Only blueprint services take decisions: river-proxy's HPA still owns its count.
        let decisions: [String: Located<Int>] = ["river-proxy": Located(7, origin)]
        let other = K8sEmitter.resources(model.withReplicaDecisions(decisions))
        let proxy = other.first { $0.id.kind == "Deployment" && $0.id.name == "river-proxy" }
        XCTAssertNotNil(proxy)
        XCTAssertNil(proxy?.document.at("spec.replicas"))
    }

    // MARK: Secure by default

    func testEveryDeploymentIsSecureByDefault() throws {
        let deployments = resources.filter { $0.id.kind == "Deployment" }
        XCTAssertEqual(deployments.map(\.id.name), ["dragonfly", "gossip", "metrics-exporter", "river-proxy", "rule-engine", "threat-api"])
        for deployment in deployments {
            let name = deployment.id.name
            let pod = try XCTUnwrap(deployment.document.at("spec.template.spec"), name)
            XCTAssertEqual(pod.at("securityContext.runAsNonRoot")?.flag, true, name)
            XCTAssertEqual(pod.at("securityContext.seccompProfile.type")?.text, "RuntimeDefault", name)
            XCTAssertEqual(pod.at("automountServiceAccountToken")?.flag, name == "metrics-exporter", name)
            XCTAssertEqual(pod.at("serviceAccountName")?.text, name)
            let container = try XCTUnwrap(pod.at("containers.0"), name)
            XCTAssertEqual(pod.at("containers")?.items.count, 1)
            XCTAssertEqual(container.at("securityContext.runAsNonRoot")?.flag, true, name)
            XCTAssertEqual(container.at("securityContext.readOnlyRootFilesystem")?.flag, true, name)
            XCTAssertEqual(container.at("securityContext.allowPrivilegeEscalation")?.flag, false, name)
            XCTAssertEqual(container.at("securityContext.capabilities.drop")?.items.map(\.text), ["ALL"], name)
            XCTAssertEqual(container.at("securityContext.seccompProfile.type")?.text, "RuntimeDefault", name)
            for field in ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] {
                XCTAssertNotNil(container.at("resources." + field)?.text, "\(name) \(field)")
            }
            // /tmp is the writable place on a read-only root.
            let tmp = container.at("volumeMounts")?.items.first { $0.at("mountPath")?.text == "/tmp" }
            XCTAssertEqual(tmp?.at("name")?.text, "tmp", name)
            XCTAssertTrue(pod.at("volumes")?.items.contains { $0.at("name")?.text == "tmp" && $0.at("emptyDir") != nil } ?? false, name)
            // Selector on the name label, which the pod template carries.
            XCTAssertEqual(deployment.document.at("spec.selector.matchLabels")?.keys, ["app.kubernetes.io/name"])
            XCTAssertEqual(deployment.document.at("spec.template.metadata.labels.app.kubernetes.io/name")?.text, name)
            XCTAssertEqual(deployment.document.at("metadata.labels.app.kubernetes.io/part-of")?.text, "aegis")
            XCTAssertEqual(deployment.document.at("metadata.labels.app.kubernetes.io/managed-by")?.text, "ttlc")
        }
    }

    func testCanonicalDefaultsAreWrittenOut() {
        let deployment = object("Deployment", "edge", "dragonfly")
        XCTAssertEqual(deployment.at("spec.strategy.type")?.text, "RollingUpdate")
        XCTAssertEqual(deployment.at("spec.strategy.rollingUpdate.maxSurge")?.text, "25%")
        XCTAssertEqual(deployment.at("spec.strategy.rollingUpdate.maxUnavailable")?.text, "25%")
        XCTAssertEqual(deployment.at("spec.revisionHistoryLimit")?.number, 10)
        XCTAssertEqual(deployment.at("spec.progressDeadlineSeconds")?.number, 600)
        XCTAssertEqual(deployment.at("spec.template.spec.terminationGracePeriodSeconds")?.number, 30)
        XCTAssertEqual(deployment.at("spec.template.spec.dnsPolicy")?.text, "ClusterFirst")
        XCTAssertEqual(deployment.at("spec.template.spec.restartPolicy")?.text, "Always")
        XCTAssertEqual(deployment.at("spec.template.spec.containers.0.imagePullPolicy")?.text, "IfNotPresent")
        XCTAssertEqual(deployment.at("spec.template.spec.containers.0.terminationMessagePath")?.text, "/dev/termination-log")
        XCTAssertEqual(deployment.at("spec.template.spec.containers.0.ports.0.protocol")?.text, "TCP")
        let service = object("Service", "edge", "dragonfly")
        XCTAssertEqual(service.at("spec.sessionAffinity")?.text, "None")
        XCTAssertEqual(service.at("spec.ipFamilyPolicy")?.text, "SingleStack")
        XCTAssertEqual(service.at("spec.internalTrafficPolicy")?.text, "Cluster")
        XCTAssertEqual(service.at("spec.ports.0.protocol")?.text, "TCP")
        let gossip = object("Service", "mesh", "gossip")
        XCTAssertEqual(gossip.at("spec.ports")?.items.map { $0.at("protocol")?.text }, ["TCP", "UDP", "TCP"])
    }

    func testProbes() {
        let river = object("Deployment", "edge", "river-proxy").at("spec.template.spec.containers.0")
        XCTAssertEqual(river?.at("readinessProbe.httpGet.path")?.text, "/readyz")
        XCTAssertEqual(river?.at("readinessProbe.httpGet.port")?.text, "http")
        XCTAssertEqual(river?.at("readinessProbe.httpGet.scheme")?.text, "HTTP")
        XCTAssertEqual(river?.at("readinessProbe.periodSeconds")?.number, 5)
        XCTAssertEqual(river?.at("readinessProbe.failureThreshold")?.number, 3)
        XCTAssertEqual(river?.at("readinessProbe.timeoutSeconds")?.number, 1)
        XCTAssertEqual(river?.at("readinessProbe.successThreshold")?.number, 1)
        XCTAssertEqual(river?.at("livenessProbe.periodSeconds")?.number, 10)
        let threat = object("Deployment", "detection", "threat-api").at("spec.template.spec.containers.0")
        XCTAssertEqual(threat?.at("readinessProbe.initialDelaySeconds")?.number, 5)
        let dragonfly = object("Deployment", "edge", "dragonfly").at("spec.template.spec.containers.0")
        XCTAssertEqual(dragonfly?.at("readinessProbe.tcpSocket.port")?.text, "redis")
        XCTAssertNil(dragonfly?.at("readinessProbe.httpGet"))
        XCTAssertNil(dragonfly?.at("livenessProbe"))
        // No period in the spec: the API server's 10 s.
        let engine = object("Deployment", "detection", "rule-engine").at("spec.template.spec.containers.0")
        XCTAssertEqual(engine?.at("readinessProbe.periodSeconds")?.number, 10)
        XCTAssertNil(engine?.at("readinessProbe.initialDelaySeconds"))
    }

    func testEnvironmentAndConfig() {
        let river = object("Deployment", "edge", "river-proxy").at("spec.template.spec")
        let env = river?.at("containers.0.env")?.items ?? []
        XCTAssertEqual(env.map { $0.at("name")?.text }, ["RIVER_CACHE_PASSWORD", "RIVER_LOG_LEVEL"])
        XCTAssertEqual(env.first?.at("valueFrom.secretKeyRef.name")?.text, "dragonfly-auth")
        XCTAssertEqual(env.first?.at("valueFrom.secretKeyRef.key")?.text, "password")
        XCTAssertEqual(env.last?.at("value")?.text, "info")
        // Config at the default path, read-only, from the service's ConfigMap.
        let mount = river?.at("containers.0.volumeMounts")?.items.first { $0.at("name")?.text == "config" }
        XCTAssertEqual(mount?.at("mountPath")?.text, "/etc/config")
        XCTAssertEqual(mount?.at("readOnly")?.flag, true)
        XCTAssertEqual(river?.at("volumes.0.configMap.name")?.text, "river-proxy-config")
        XCTAssertEqual(object("ConfigMap", "edge", "river-proxy-config").at("data.river.toml")?.text?.hasPrefix("listen = "), true)
        // …or at tc:configPath.
        let engine = object("Deployment", "detection", "rule-engine").at("spec.template.spec.containers.0.volumeMounts.0")
        XCTAssertEqual(engine?.at("mountPath")?.text, "/etc/rule-engine")
        // No config, no ConfigMap and no config volume.
        XCTAssertFalse(exists("ConfigMap", "edge", "dragonfly-config"))
        XCTAssertEqual(object("Deployment", "edge", "dragonfly").at("spec.template.spec.volumes")?.items.count, 1)
    }

    // MARK: Service, Ingress, access, disruption

    func testExposure() {
        // river-proxy has a canary: Flagger generates its ClusterIP Services; the load balancer
        // is `-lb` and sends outside clients to the promoted (primary) pods.
        XCTAssertFalse(exists("Service", "edge", "river-proxy"))
        XCTAssertFalse(exists("Service", "detection", "threat-api"))
        let river = object("Service", "edge", "river-proxy-lb")
        XCTAssertEqual(river.at("spec.selector.app.kubernetes.io/name")?.text, "river-proxy-primary")
        XCTAssertEqual(river.at("spec.type")?.text, "LoadBalancer")
        XCTAssertEqual(river.at("spec.externalTrafficPolicy")?.text, "Local")
        XCTAssertEqual(river.at("spec.ports")?.items.map { $0.at("port")?.number }, [80, 9090])
        XCTAssertEqual(river.at("spec.ports.0.targetPort")?.text, "http")
        let dragonfly = object("Service", "edge", "dragonfly")
        XCTAssertEqual(dragonfly.at("spec.type")?.text, "ClusterIP")
        XCTAssertNil(dragonfly.at("spec.externalTrafficPolicy"))
        XCTAssertEqual(dragonfly.at("spec.selector.app.kubernetes.io/name")?.text, "dragonfly")
    }

    func testIngress() {
        let river = object("Ingress", "edge", "river-proxy")
        XCTAssertEqual(river.at("spec.ingressClassName")?.text, "traefik")
        XCTAssertEqual(river.at("spec.rules")?.items.map { $0.at("host")?.text }, ["edge.aegis.example", "www.aegis.example"])
        XCTAssertEqual(river.at("spec.rules.0.http.paths.0.path")?.text, "/")
        XCTAssertEqual(river.at("spec.rules.0.http.paths.0.pathType")?.text, "Prefix")
        XCTAssertEqual(river.at("spec.rules.0.http.paths.0.backend.service.name")?.text, "river-proxy")
        XCTAssertEqual(river.at("spec.rules.0.http.paths.0.backend.service.port.name")?.text, "http")
        XCTAssertEqual(river.at("spec.tls.0.secretName")?.text, "river-proxy-tls")
        XCTAssertEqual(river.at("spec.tls.0.hosts")?.items.count, 2)
        // The Certificate is emitted on its own: an ingress-shim annotation would make a second one.
        XCTAssertNil(river.at("metadata.annotations.cert-manager.io/cluster-issuer"))
        // No ingressClass in the spec: K3s's Traefik.
        XCTAssertEqual(object("Ingress", "detection", "threat-api").at("spec.ingressClassName")?.text, "traefik")
        XCTAssertEqual(resources.filter { $0.id.kind == "Ingress" }.map(\.id.name), ["river-proxy", "threat-api"])
    }

    func testRoleOnlyWhenTokenAsked() {
        XCTAssertEqual(resources.filter { $0.id.kind == "Role" }.map(\.id.name), ["metrics-exporter"])
        XCTAssertEqual(resources.filter { $0.id.kind == "RoleBinding" }.map(\.id.name), ["metrics-exporter"])
        XCTAssertEqual(resources.filter { $0.id.kind == "ServiceAccount" }.count, 6)
        let role = object("Role", "observability", "metrics-exporter")
        XCTAssertEqual(role.at("rules")?.items.count, 1)
        XCTAssertEqual(role.at("rules.0.verbs")?.items.map(\.text), ["get", "list", "watch"])
        XCTAssertEqual(role.at("rules.0.resources")?.items.map(\.text), ["endpoints", "pods", "services"])
        let binding = object("RoleBinding", "observability", "metrics-exporter")
        XCTAssertEqual(binding.at("roleRef.name")?.text, "metrics-exporter")
        XCTAssertEqual(binding.at("subjects.0.kind")?.text, "ServiceAccount")
        XCTAssertEqual(binding.at("subjects.0.namespace")?.text, "observability")
        XCTAssertEqual(object("ServiceAccount", "observability", "metrics-exporter").at("automountServiceAccountToken")?.flag, true)
        XCTAssertEqual(object("ServiceAccount", "edge", "dragonfly").at("automountServiceAccountToken")?.flag, false)
    }

    func testDisruptionBudgets() {
        XCTAssertEqual(object("PodDisruptionBudget", "edge", "river-proxy").at("spec.minAvailable")?.number, 1)
        XCTAssertEqual(object("PodDisruptionBudget", "edge", "dragonfly").at("spec.maxUnavailable")?.number, 1)
        XCTAssertNil(object("PodDisruptionBudget", "edge", "dragonfly").at("spec.minAvailable"))
        XCTAssertFalse(exists("PodDisruptionBudget", "detection", "rule-engine"))
    }

    // MARK: Namespaces

    func testNamespaceObjects() {
        for namespace in ["detection", "edge", "mesh", "observability"] {
            XCTAssertEqual(object("Namespace", nil, namespace).at("metadata.labels.kubernetes.io/metadata.name")?.text, namespace)
            let deny = object("NetworkPolicy", namespace, "default-deny")
            XCTAssertEqual(deny.at("spec.podSelector")?.keys, [])
            XCTAssertEqual(deny.at("spec.policyTypes")?.items.map(\.text), ["Ingress", "Egress"])
            XCTAssertNil(deny.at("spec.ingress"))
            XCTAssertNil(deny.at("spec.egress"))
            let dns = object("NetworkPolicy", namespace, "allow-dns")
            XCTAssertEqual(dns.at("spec.egress.0.to.0.podSelector.matchLabels.k8s-app")?.text, "kube-dns")
            XCTAssertEqual(dns.at("spec.egress.0.ports")?.items.map { $0.at("protocol")?.text }, ["UDP", "TCP"])
        }
        let quota = object("ResourceQuota", "edge", "quota")
        XCTAssertEqual(quota.at("spec.hard.requests.cpu")?.text, "24")
        XCTAssertEqual(quota.at("spec.hard.requests.memory")?.text, "64Gi")
        XCTAssertEqual(quota.at("spec.hard.requests.storage")?.text, "100Gi")
        XCTAssertEqual(quota.at("spec.hard.pods")?.text, "30")
        XCTAssertNil(object("ResourceQuota", "detection", "quota").at("spec.hard.requests.storage"))
        let limits = object("LimitRange", "mesh", "default-limits")
        XCTAssertEqual(limits.at("spec.limits.0.type")?.text, "Container")
        XCTAssertEqual(limits.at("spec.limits.0.default.cpu")?.text, "200m")
        XCTAssertEqual(limits.at("spec.limits.0.defaultRequest.memory")?.text, "256Mi")
        XCTAssertFalse(exists("LimitRange", "observability", "default-limits"))
        XCTAssertTrue(resources.filter { $0.id.kind == "Namespace" }.allSatisfy { $0.path.hasPrefix("infrastructure/namespaces/") })
    }

    // MARK: Network policy

    func rules(_ service: String, _ namespace: String, _ direction: String) -> [Document] {
        object("NetworkPolicy", namespace, "\(service)-\(direction)").at("spec.\(direction)")?.items ?? []
    }

    /// The rules whose first peer selects the pods of `service` (by the service label), or the
    /// ingress controller `peer` (by its name label).
    func rules(_ service: String, _ namespace: String, _ direction: String, peer: String) -> [Document] {
        let key = direction == "ingress" ? "from" : "to"
        return rules(service, namespace, direction).filter {
            ($0.at("\(key).0.podSelector.matchLabels.ttlc.io/service") ?? $0.at("\(key).0.podSelector.matchLabels.app.kubernetes.io/name"))?.text == peer
        }
    }

    func testDependsOnAllowsBothEnds() {
        // threat-api (detection) depends on dragonfly (edge): egress on the caller, ingress on
        // the callee, across namespaces by namespace name.
        let egress = rules("threat-api", "detection", "egress", peer: "dragonfly")
        XCTAssertEqual(egress.count, 1)
        XCTAssertEqual(egress.first?.at("to.0.namespaceSelector.matchLabels.kubernetes.io/metadata.name")?.text, "edge")
        XCTAssertEqual(egress.first?.at("ports.0.port")?.number, 6379)
        XCTAssertEqual(egress.first?.at("ports.0.protocol")?.text, "TCP")
        let ingress = rules("dragonfly", "edge", "ingress", peer: "threat-api")
        XCTAssertEqual(ingress.count, 1)
        XCTAssertEqual(ingress.first?.at("from.0.namespaceSelector.matchLabels.kubernetes.io/metadata.name")?.text, "detection")
        XCTAssertEqual(ingress.first?.at("ports.0.port")?.number, 6379)
        // Same namespace: no namespace selector. river-proxy → dragonfly.
        let local = rules("river-proxy", "edge", "egress", peer: "dragonfly").first
        XCTAssertNotNil(local)
        XCTAssertNil(local?.at("to.0.namespaceSelector"))
        // A dependsOn rule carries where it was written.
        XCTAssertEqual(ingress.first?.origin?.property, "https://w3id.org/ttlc#dependsOn")
        XCTAssertEqual(ingress.first?.origin?.subject, Self.example + "threat-api")
    }

    func testPolicyAllows() {
        // World → every address, v4 and v6, on the named port only.
        let world = rules("river-proxy", "edge", "ingress").first { $0.at("from.0.ipBlock") != nil }
        XCTAssertEqual(world?.at("from")?.items.map { $0.at("ipBlock.cidr")?.text }, ["0.0.0.0/0", "::/0"])
        XCTAssertEqual(world?.at("ports")?.items.map { $0.at("port")?.number }, [80])
        // Named ports resolve to the target's numbers and protocols.
        let gossip = rules("gossip", "mesh", "ingress", peer: "gossip").first
        XCTAssertEqual(gossip?.at("ports")?.items.map { $0.at("protocol")?.text }, ["TCP", "UDP"])
        XCTAssertEqual(gossip?.at("ports")?.items.map { $0.at("port")?.number }, [7946, 7946])
        // CIDR egress with a port number.
        let feed = rules("threat-api", "detection", "egress").first { $0.at("to.0.ipBlock.cidr")?.text == "192.0.2.128/25" }
        XCTAssertEqual(feed?.at("ports.0.port")?.number, 443)
        // CIDR ingress (both families in one rule).
        let partners = rules("threat-api", "detection", "ingress").first { $0.at("from.0.ipBlock") != nil }
        XCTAssertEqual(partners?.at("from")?.items.map { $0.at("ipBlock.cidr")?.text }, ["198.51.100.128/25", "2001:db8:beef::/48"])
        // The ingress controller reaches services with hosts.
        let traefik = rules("threat-api", "detection", "ingress", peer: "traefik").first
        XCTAssertEqual(traefik?.at("from.0.namespaceSelector.matchLabels.kubernetes.io/metadata.name")?.text, "kube-system")
        XCTAssertEqual(traefik?.at("ports.0.port")?.number, 8080)
        // A policy's subjects include the policy and the services on both ends.
        let subjects = resources.first { $0.id.kind == "NetworkPolicy" && $0.id.name == "threat-api-ingress" }?.subjects ?? []
        XCTAssertEqual(subjects.first, Self.example + "threat-api")
        XCTAssertTrue(subjects.contains(Self.example + "detection-policy"))
        XCTAssertTrue(subjects.contains(Self.example + "river-proxy"))
        // Never a rule that allows everyone: every rule names its peers.
        for resource in resources where resource.id.kind == "NetworkPolicy" {
            for rule in (resource.document.at("spec.ingress")?.items ?? []) + (resource.document.at("spec.egress")?.items ?? []) {
                let peers = (rule.at("from") ?? rule.at("to"))?.items ?? []
                XCTAssertFalse(peers.isEmpty, "\(resource.id): a rule without peers")
                if let ports = rule.at("ports") { XCTAssertFalse(ports.items.isEmpty, "\(resource.id): a rule with an empty port list") }
            }
        }
        // RemoteNode, Host and KubeApiServer have no Kubernetes form: no rule (Cilium's job).
        XCTAssertEqual(rules("gossip", "mesh", "ingress").count, 3)  // gossip itself, metrics-exporter, Prometheus
        // Prometheus reaches each metrics port (from its namespace, by its pods' name label).
        let scrape = rules("gossip", "mesh", "ingress", peer: "prometheus")
        XCTAssertEqual(scrape.first?.at("from.0.namespaceSelector.matchLabels.kubernetes.io/metadata.name")?.text, "monitoring")
        XCTAssertEqual(scrape.first?.at("ports")?.items.map { $0.at("port")?.number }, [9100])
        XCTAssertEqual(rules("metrics-exporter", "observability", "egress").count, 5)  // scrapes only
    }

    // MARK: Provenance and determinism

    func testEveryObjectNamesItsSource() {
        XCTAssertFalse(resources.isEmpty)
        for resource in resources {
            let source = resource.document.at("metadata.annotations.ttlc.io/source")
            XCTAssertEqual(source?.text, resource.subjects.first, "\(resource.id)")
            XCTAssertEqual(resource.subjects.first.map { $0.hasPrefix(Self.example) }, true, "\(resource.id)")
            XCTAssertEqual(Set(resource.subjects).count, resource.subjects.count, "\(resource.id): repeated subjects")
            XCTAssertEqual(resource.document.at("metadata.name")?.text, resource.id.name)
            XCTAssertEqual(resource.document.at("metadata.namespace")?.text, resource.id.namespace)
            XCTAssertEqual(resource.document.at("kind")?.text, resource.id.kind)
        }
        XCTAssertEqual(Set(resources.map(\.path)).count, resources.count, "one object per file")
        XCTAssertEqual(Set(resources.map(\.id)).count, resources.count, "unique identities")
        let ingress = resources.first { $0.id.kind == "Ingress" && $0.id.name == "river-proxy" }
        XCTAssertEqual(ingress?.subjects, [Self.example + "river-proxy", Self.example + "aegis", Self.example + "letsencrypt"])
        XCTAssertEqual(ingress?.path, "apps/edge/river-proxy/ingress.yaml")
    }

    func testFieldOrigins() throws {
        let deployment = resources.first { $0.id.kind == "Deployment" && $0.id.name == "river-proxy" }
        let origins = Dictionary(try XCTUnwrap(deployment).document.fieldOrigins().map { ($0.path, $0.origin) }, uniquingKeysWith: { a, _ in a })
        let image = try XCTUnwrap(origins["spec.template.spec.containers[0].image"])
        XCTAssertEqual(image.subject, Self.example + "river-proxy")
        XCTAssertEqual(image.property, "https://w3id.org/ttlc#image")
        XCTAssertEqual(image.location?.file.hasSuffix("specs/aegis.ttl"), true)
        XCTAssertEqual(origins["spec.template.spec.containers[0].readinessProbe.periodSeconds"]?.property, "https://w3id.org/ttlc#period")
        XCTAssertEqual(origins["spec.template.spec.containers[0].resources.limits.memory"]?.property, "https://w3id.org/ttlc#memoryLimit")
        // Defaults carry no origin.
        XCTAssertNil(origins["spec.revisionHistoryLimit"])
    }

    func testDeterministicWhateverTheFileOrder() throws {
        let again = K8sEmitter.resources(try Self.model(reversed: true))
        XCTAssertEqual(again.map(\.path), resources.map(\.path))
        XCTAssertEqual(again.map { YAMLWriter.render($0.document) }, resources.map { YAMLWriter.render($0.document) })
        XCTAssertEqual(again.map(\.subjects), resources.map(\.subjects))
    }

    func testDurationsBecomeWholeSeconds() throws {
        let base = try Self.model()
        func period(_ text: String) -> Int? {
            var model = base
            guard let index = model.services.firstIndex(where: { $0.name == "dragonfly" }) else { return nil }
            model.services[index].readiness?.period?.value = text
            let deployment = K8sEmitter.resources(model).first { $0.id.kind == "Deployment" && $0.id.name == "dragonfly" }
            return deployment?.document.at("spec.template.spec.containers.0.readinessProbe.periodSeconds")?.number
        }
        XCTAssertEqual(period("10s"), 10)
        XCTAssertEqual(period("1m30s"), 90)
        XCTAssertEqual(period("2h"), 7200)
        // Not a duration (the shapes refuse it): the API server's default.
        XCTAssertEqual(period("soon"), 10)
    }

    // MARK: The real validator

    /// Every emitted object, rendered by the YAML writer, against the Kubernetes 1.31 schemas in
    /// strict mode (kubernetes-validate, through validate-manifests).
    func testKubernetesSchemas() throws {
        // The project's own copy (scripts/tools, with the CRD schemas beside it): never skipped.
        let tool = Self.root.appendingPathComponent("scripts/tools/validate-manifests").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: tool), "scripts/tools/validate-manifests is missing; scripts/setup installs its Python packages")
        // K8S_EMIT_DIR keeps the emitted tree for a look; by default it goes to a temporary folder.
        let kept = ProcessInfo.processInfo.environment["K8S_EMIT_DIR"]
        let folder = kept.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-k8s-\(getpid())")
        defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
        for file in BuildPipeline.render(resources) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--k8s-version", "1.31", folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let last = output.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertEqual(last, "\(resources.count) passed, 0 failed", output)
        XCTAssertEqual(process.terminationStatus, 0, output)
    }
}

extension [Resource] {
    /// The one object of this identity (a test failure when there is none, or more).
    func document(_ kind: String, _ namespace: String?, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Document {
        let found = filter { $0.id.kind == kind && $0.id.namespace == namespace && $0.id.name == name }
        XCTAssertEqual(found.count, 1, "\(kind)/\(namespace ?? "")/\(name)", file: file, line: line)
        return found.first?.document ?? .map([])
    }
}

extension Document {
    /// The node at a dotted path; a number steps into a list. Keys may contain dots
    /// (`metadata.labels.app.kubernetes.io/name`): the longest key that matches wins.
    func at(_ path: String) -> Document? {
        let parts = path.split(separator: ".").map(String.init)
        return Self.walk(self, parts[...])
    }

    private static func walk(_ node: Document, _ parts: ArraySlice<String>) -> Document? {
        guard let first = parts.first else { return node }
        switch node {
        case .list(let items, _):
            guard let index = Int(first), items.indices.contains(index) else { return nil }
            return walk(items[index], parts.dropFirst())
        case .map(let entries, _):
            for count in stride(from: parts.count, through: 1, by: -1) {
                let key = parts.prefix(count).joined(separator: ".")
                if let value = entries.first(where: { $0.key == key })?.value { return walk(value, parts.dropFirst(count)) }
            }
            return nil
        case .scalar:
            return nil
        }
    }

    var text: String? { if case .scalar(.string(let value), _) = self { value } else { nil } }
    var number: Int? { if case .scalar(.int(let value), _) = self { value } else { nil } }
    var flag: Bool? { if case .scalar(.bool(let value), _) = self { value } else { nil } }
    var items: [Document] { if case .list(let values, _) = self { values } else { [] } }
    var keys: [String] { if case .map(let entries, _) = self { entries.map(\.key) } else { [] } }
}
