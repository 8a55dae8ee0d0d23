@testable import Emitters
import Foundation
import Ontology
import Planner
import XCTest

/// The Flux, cert-manager, Cilium, Flagger and Prometheus operator emitters on the example
/// specs: behaviour that must hold. (Their schemas: `validate-manifests` over ops/ in
/// scripts/test; their folders: KustomizeTests; their bytes: the goldens.)
final class DeliveryEmitterTests: XCTestCase {
    var resources: [Resource] = []

    override func setUpWithError() throws {
        resources = Emitters.resources(try K8sEmitterTests.model())
    }

    func object(_ kind: String, _ namespace: String?, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Document {
        resources.document(kind, namespace, name, file: file, line: line)
    }

    func names(_ kind: String) -> [String] { resources.filter { $0.id.kind == kind }.map(\.id.name).sorted() }

    // MARK: Flux

    func testFluxSyncsTheSystemRepositoryInLayers() {
        let source = object("GitRepository", "flux-system", "aegis")
        XCTAssertEqual(source.at("spec.url")?.text, "https://git.example.org/aegis/fleet.git")
        XCTAssertEqual(source.at("spec.ref.branch")?.text, "main")
        XCTAssertEqual(source.at("spec.interval")?.text, "1m")
        XCTAssertEqual(source.at("spec.secretRef.name")?.text, "flux-git-auth")
        let infrastructure = object("Kustomization", "flux-system", "infrastructure")
        XCTAssertEqual(infrastructure.at("spec.path")?.text, "./infrastructure")
        XCTAssertNil(infrastructure.at("spec.dependsOn"))
        for layer in ["apps", "bgp"] {
            let kustomization = object("Kustomization", "flux-system", layer)
            XCTAssertEqual(kustomization.at("spec.path")?.text, "./\(layer)")
            XCTAssertEqual(kustomization.at("spec.dependsOn")?.items.map { $0.at("name")?.text }, ["infrastructure"])
            XCTAssertEqual(kustomization.at("spec.prune")?.flag, true)
            XCTAssertEqual(kustomization.at("spec.wait")?.flag, true)
            XCTAssertEqual(kustomization.at("spec.force")?.flag, false, "the CRD's default, written out")
            XCTAssertEqual(kustomization.at("spec.sourceRef.name")?.text, "aegis")
        }
        XCTAssertEqual(Set(resources.filter { $0.id.namespace == "flux-system" }.map(\.path)),
                       ["clusters/fra1/gitrepository.yaml", "clusters/fra1/infrastructure.yaml", "clusters/fra1/apps.yaml", "clusters/fra1/bgp.yaml"])
    }

    // MARK: cert-manager

    func testClusterIssuersCarryTheirSolvers() {
        XCTAssertEqual(names("ClusterIssuer"), ["letsencrypt", "letsencrypt-dns", "letsencrypt-dns-staging", "letsencrypt-staging"])
        let http = object("ClusterIssuer", nil, "letsencrypt")
        XCTAssertEqual(http.at("spec.acme.server")?.text, "https://acme-v02.api.letsencrypt.org/directory")
        XCTAssertEqual(http.at("spec.acme.privateKeySecretRef.name")?.text, "letsencrypt-account-key")
        XCTAssertEqual(http.at("spec.acme.solvers.0.http01.ingress.ingressClassName")?.text, "traefik")
        let dns = object("ClusterIssuer", nil, "letsencrypt-dns")
        XCTAssertEqual(dns.at("spec.acme.solvers.0.dns01.cloudflare.apiTokenSecretRef.name")?.text, "cloudflare-api-token")
        XCTAssertEqual(dns.at("spec.acme.solvers.0.dns01.cloudflare.apiTokenSecretRef.key")?.text, "api-token")
        XCTAssertEqual(dns.at("spec.acme.solvers.0.selector.dnsZones")?.items.map(\.text), ["aegis.example"])
        XCTAssertEqual(object("ClusterIssuer", nil, "letsencrypt-staging").at("spec.acme.server")?.text,
                       "https://acme-staging-v02.api.letsencrypt.org/directory")
    }

    func testACertificatePerHostSetAndTheIngressServesItsSecret() {
        XCTAssertEqual(names("Certificate"), ["internal-wildcard", "river-proxy", "status-page", "threat-api"])
        let river = object("Certificate", "edge", "river-proxy")
        XCTAssertEqual(river.at("spec.dnsNames")?.items.map(\.text), ["edge.aegis.example", "www.aegis.example"])
        XCTAssertEqual(river.at("spec.issuerRef.kind")?.text, "ClusterIssuer")
        XCTAssertEqual(river.at("spec.issuerRef.name")?.text, "letsencrypt")
        XCTAssertEqual(river.at("spec.secretName")?.text, object("Ingress", "edge", "river-proxy").at("spec.tls.0.secretName")?.text)
        // Go durations: cert-manager has no day unit.
        let wildcard = object("Certificate", "mesh", "internal-wildcard")
        XCTAssertEqual(wildcard.at("spec.duration")?.text, "2160h0m0s")
        XCTAssertEqual(wildcard.at("spec.renewBefore")?.text, "720h0m0s")
        XCTAssertEqual(resources.first { $0.id.kind == "Certificate" && $0.id.name == "internal-wildcard" }?.path,
                       "infrastructure/namespaces/mesh/certificate-internal-wildcard.yaml")
    }

    func testHTTP01SolversGetThroughDefaultDeny() {
        // Namespaces with a certificate an HTTP-01 issuer solves; mesh's is DNS-01 only.
        let policies = resources.filter { $0.id.kind == "NetworkPolicy" && $0.id.name == "allow-acme-http01" }.compactMap(\.id.namespace)
        XCTAssertEqual(policies.sorted(), ["detection", "edge", "observability"])
        let edge = object("NetworkPolicy", "edge", "allow-acme-http01")
        XCTAssertEqual(edge.at("spec.podSelector.matchLabels.acme.cert-manager.io/http01-solver")?.text, "true")
        XCTAssertEqual(edge.at("spec.ingress.0.from.0.podSelector.matchLabels.app.kubernetes.io/name")?.text, "traefik")
        XCTAssertEqual(edge.at("spec.ingress.0.ports.0.port")?.number, 8089)
    }

    // MARK: Cilium

    func testCiliumPoliciesCarryL7AndEntities() {
        let threat = object("CiliumNetworkPolicy", "detection", "threat-api")
        XCTAssertEqual(threat.at("spec.endpointSelector.matchLabels.ttlc.io/service")?.text, "threat-api")
        let l7 = threat.at("spec.ingress")?.items.first { $0.at("fromEndpoints.0.matchLabels.ttlc.io/service")?.text == "river-proxy" }
        XCTAssertEqual(l7?.at("fromEndpoints.0.matchLabels.k8s:io.kubernetes.pod.namespace")?.text, "edge")
        XCTAssertEqual(l7?.at("toPorts.0.ports.0.port")?.text, "8080")
        XCTAssertEqual(l7?.at("toPorts.0.rules.http")?.items.map { [$0.at("method")?.text, $0.at("path")?.text] },
                       [["GET", "/v1/verdicts/[0-9a-f]+"], ["POST", "/v1/score"]])
        let partners = threat.at("spec.ingress")?.items.first { $0.at("fromCIDR") != nil }
        XCTAssertEqual(partners?.at("fromCIDR")?.items.map(\.text), ["198.51.100.128/25", "2001:db8:beef::/48"])
        // Entities Kubernetes policies cannot name.
        let gossip = object("CiliumNetworkPolicy", "mesh", "gossip")
        XCTAssertTrue(gossip.at("spec.ingress")?.items.contains { $0.at("fromEntities")?.items.map(\.text) == ["remote-node"] } ?? false)
        let exporter = object("CiliumNetworkPolicy", "observability", "metrics-exporter")
        let api = exporter.at("spec.egress")?.items.first { $0.at("toEntities")?.items.map(\.text) == ["kube-apiserver"] }
        XCTAssertEqual(api?.at("toPorts.0.ports.0.port")?.text, "6443")
        let world = object("CiliumNetworkPolicy", "edge", "river-proxy").at("spec.ingress")?.items.first { $0.at("fromEntities") != nil }
        XCTAssertEqual(world?.at("fromEntities")?.items.map(\.text), ["world"])
        // Cluster-wide: DNS for every endpoint, without switching default deny on.
        let clusterwide = object("CiliumClusterwideNetworkPolicy", nil, "allow-dns")
        XCTAssertEqual(clusterwide.at("spec.enableDefaultDeny.egress")?.flag, false)
        XCTAssertEqual(clusterwide.at("spec.enableDefaultDeny.ingress")?.flag, false)
        XCTAssertEqual(clusterwide.at("spec.egress.0.toPorts.0.ports")?.items.map { $0.at("protocol")?.text }, ["UDP", "TCP"])
    }

    // MARK: Flagger

    func testCanariesFollowTheSpec() {
        XCTAssertEqual(names("Canary"), ["river-proxy", "threat-api"])
        let river = object("Canary", "edge", "river-proxy")
        XCTAssertEqual(river.at("spec.targetRef.name")?.text, "river-proxy")
        XCTAssertEqual(river.at("spec.autoscalerRef.name")?.text, "river-proxy")
        XCTAssertEqual(river.at("spec.service.port")?.number, 80)
        XCTAssertEqual(river.at("spec.analysis.stepWeight")?.number, 10)
        XCTAssertEqual(river.at("spec.analysis.maxWeight")?.number, 50)
        XCTAssertEqual(river.at("spec.analysis.threshold")?.number, 5)
        XCTAssertEqual(river.at("spec.analysis.interval")?.text, "1m")
        XCTAssertEqual(river.at("spec.analysis.metrics.0.thresholdRange.min")?.number, 99)
        XCTAssertEqual(river.at("spec.analysis.metrics.1.thresholdRange.max")?.number, 500)
        XCTAssertEqual(river.at("spec.analysis.metrics.1.templateRef.name")?.text, "latency-p99")
        // A blueprint owns threat-api's replicas: no HPA to hand to Flagger.
        XCTAssertNil(object("Canary", "detection", "threat-api").at("spec.autoscalerRef"))
        XCTAssertEqual(
            resources.filter { $0.id.kind == "MetricTemplate" }.map { "\($0.id.namespace ?? "")/\($0.id.name)" }.sorted(),
            ["detection/latency-p99", "detection/success-rate", "edge/latency-p99", "edge/success-rate"])
        XCTAssertEqual(object("MetricTemplate", "edge", "success-rate").at("spec.provider.type")?.text, "prometheus")
    }

    func testFlaggerIntervalsAndDurations() {
        XCTAssertEqual(FlaggerEmitter.analysisInterval("90s"), "90s")
        XCTAssertEqual(FlaggerEmitter.analysisInterval("1h"), "60m")
        // Flagger parses with Go, which has no day unit; a part of a second in Go's own units.
        XCTAssertEqual(FlaggerEmitter.analysisInterval("1d"), "1440m")
        XCTAssertEqual(FlaggerEmitter.analysisInterval("1s500ms"), "1s500ms")
        XCTAssertEqual(FlaggerEmitter.analysisInterval("0s"), "0s")
        XCTAssertEqual(FlaggerEmitter.milliseconds("500ms"), 500)
        XCTAssertEqual(FlaggerEmitter.milliseconds("2s"), 2000)
        XCTAssertNil(FlaggerEmitter.milliseconds("fast"))
        // Compound durations, as the spec's pattern allows them; one too long to count in
        // milliseconds is none (it once trapped multiplying its seconds by 1,000).
        XCTAssertEqual(FlaggerEmitter.milliseconds("1s500ms"), 1500)
        XCTAssertEqual(FlaggerEmitter.milliseconds("1m30s"), 90_000)
        XCTAssertNil(FlaggerEmitter.milliseconds("999999999999d"))
    }

    /// Kubernetes expands `$(NAME)` in an env value and turns `$$` into `$`: every `$` is
    /// doubled so that the container sees the spec's text (`$(RIVER_LOG_LEVEL)` reached it as
    /// `info`). Its expansion, done by hand: `$$` → `$`, anything else after `$` kept.
    func testEnvironmentValuesStayLiteral() {
        XCTAssertEqual(Workload.literalEnvironmentValue("$(RIVER_LOG_LEVEL)"), "$$(RIVER_LOG_LEVEL)")
        XCTAssertEqual(Workload.literalEnvironmentValue("a$$b$"), "a$$$$b$$")
        XCTAssertEqual(Workload.literalEnvironmentValue("plain"), "plain")
    }

    /// cert-manager, Flux and Flagger read durations with Go: a day unit, which the spec allows,
    /// must never reach them (validate-manifests rejects a Flux interval of "1d"; golden/delivery
    /// holds one).
    func testGoDurations() {
        let at = Origin(subject: "https://example.org/t#c")
        XCTAssertEqual(CertManagerEmitter.goDuration(Located("90d", at))?.text, "2160h0m0s")
        XCTAssertEqual(CertManagerEmitter.goDuration(Located("1h30m", at))?.text, "1h30m0s")
        // A part of a second was once dropped with the whole field.
        XCTAssertEqual(CertManagerEmitter.goDuration(Located("1h1500ms", at))?.text, "1h1s500ms")
        XCTAssertEqual(K8sValue.goDuration("1d"), "24h")
        XCTAssertEqual(K8sValue.goDuration("1m"), "1m")
        XCTAssertEqual(K8sValue.goDuration("30s1m"), "1m30s")
    }

    // MARK: Prometheus operator

    func testServiceMonitorsAndAlerts() {
        XCTAssertEqual(names("ServiceMonitor"), ["dragonfly", "gossip", "metrics-exporter", "river-proxy", "rule-engine", "threat-api"])
        let dragonfly = object("ServiceMonitor", "edge", "dragonfly")
        XCTAssertEqual(dragonfly.at("spec.endpoints.0.port")?.text, "redis")
        XCTAssertEqual(dragonfly.at("spec.selector.matchLabels.ttlc.io/scrape")?.text, "true")
        XCTAssertEqual(object("Service", "edge", "dragonfly").at("metadata.labels.ttlc.io/scrape")?.text, "true")
        // A canary's Services are Flagger's: found by target port.
        XCTAssertEqual(object("ServiceMonitor", "edge", "river-proxy").at("spec.endpoints.0.targetPort")?.text, "metrics")
        XCTAssertEqual(object("ServiceMonitor", "detection", "rule-engine").at("spec.endpoints.0.interval")?.text, "15s")
        let river = object("PrometheusRule", "edge", "river-proxy").at("spec.groups.0.rules")?.items ?? []
        XCTAssertEqual(river.map { $0.at("alert")?.text }, ["LatencyP99High", "ErrorRateHigh", "AvailabilityLow"])
        XCTAssertEqual(river.map { $0.at("for")?.text }, ["5m", "5m", "10m"])
        XCTAssertTrue(river[0].at("expr")?.text?.hasSuffix(" > 250") ?? false)
        XCTAssertTrue(river[1].at("expr")?.text?.hasSuffix(" > 1") ?? false)
        XCTAssertTrue(river[2].at("expr")?.text?.hasSuffix(" < 99.9") ?? false)
        XCTAssertEqual(object("PrometheusRule", "mesh", "gossip").at("spec.groups.0.rules")?.items.map { $0.at("alert")?.text }, ["AvailabilityLow"])
        XCTAssertEqual(names("PrometheusRule"), ["gossip", "river-proxy", "threat-api"])
        XCTAssertEqual(PrometheusEmitter.promDuration("30s1m"), "1m30s")
        XCTAssertEqual(PrometheusEmitter.promDuration("36h"), "1d12h")
        // A part of a second was once written as the spec's text, unordered.
        XCTAssertEqual(PrometheusEmitter.promDuration("500ms1s"), "1s500ms")
    }
}
