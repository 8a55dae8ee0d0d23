import Emitters
import Foundation
import Ontology
import Planner
import XCTest

/// The desired-state reference checks (`build.notEmitted`, `build.fluxDependsOn`). No valid spec
/// makes the emitters leave a reference dangling today (the spec checks catch the causes first),
/// so these tests take the example's desired state, remove one object, and require the check to
/// name every reference to it, at the spec value behind each.
final class ReferenceCheckTests: XCTestCase {
    var model = SystemModel()
    var resources: [Resource] = []

    override func setUpWithError() throws {
        model = try K8sEmitterTests.model()
        resources = Emitters.resources(model)
    }

    func without(_ kind: String, _ name: String) -> [Resource] {
        let kept = resources.filter { !($0.id.kind == kind && $0.id.name == name) }
        XCTAssertEqual(kept.count, resources.count - 1, "\(kind)/\(name) is emitted once")
        return kept
    }

    func testExampleDesiredStateHasNoDanglingReference() {
        XCTAssertEqual(Emitters.check(resources), [])
    }

    func testEveryReferenceToARemovedDeploymentIsReported() throws {
        let found = Emitters.check(without("Deployment", "river-proxy"))
        XCTAssertEqual(Set(found.map(\.id)), [.buildNotEmitted])
        let river = try XCTUnwrap(model.service(named: "river-proxy"))
        let canary = try XCTUnwrap(found.first { $0.message.hasPrefix("Canary ") })
        XCTAssertEqual(canary.message, "Canary edge/river-proxy: spec.targetRef.name names Deployment river-proxy, which is not emitted")
        XCTAssertEqual(canary.location, river.origin.location)
        let messages = found.map(\.message)
        XCTAssertTrue(messages.contains("HorizontalPodAutoscaler edge/river-proxy: spec.scaleTargetRef.name names Deployment river-proxy, which is not emitted"), "\(messages)")
        // Without the Deployment there are no river-proxy pods: the budget, both kinds of
        // policy, and the peers of other services' policies all select nothing.
        XCTAssertTrue(messages.contains { $0.hasPrefix("PodDisruptionBudget edge/river-proxy:") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("CiliumNetworkPolicy edge/river-proxy:") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("NetworkPolicy edge/river-proxy-ingress:") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("NetworkPolicy detection/threat-api-ingress:") && $0.contains("in edge") }, "\(messages)")
    }

    func testAnIngressWhoseCertificateIsMissing() throws {
        let found = Emitters.check(without("Certificate", "threat-api"))
        XCTAssertEqual(found.map(\.message), ["Ingress detection/threat-api: spec.tls[0].secretName names the secret threat-api-tls, which no Certificate fills"])
        XCTAssertEqual(found.first?.location, model.service(named: "threat-api")?.origin.location)
    }

    func testACertificateWhoseIssuerIsMissing() throws {
        let found = Emitters.check(without("ClusterIssuer", "letsencrypt-dns"))
        XCTAssertEqual(found.map(\.message), ["Certificate mesh/internal-wildcard: spec.issuerRef.name names ClusterIssuer letsencrypt-dns, which is not emitted"])
        // At the certificate's tc:issuer value.
        let certificate = try XCTUnwrap(model.certificates.first { $0.name == "internal-wildcard" })
        XCTAssertEqual(found.first?.location, certificate.issuer.origin.location)
    }

    func testAServiceMonitorWithoutItsService() throws {
        let found = Emitters.check(without("Service", "dragonfly"))
        XCTAssertEqual(
            found.map(\.message), ["ServiceMonitor edge/dragonfly: spec.selector.matchLabels names Services {ttlc.io/scrape=true, ttlc.io/service=dragonfly}, which is not emitted"])
    }

    func testAFluxDependsOnNamingNoKustomization() throws {
        let found = Emitters.check(without("Kustomization", "infrastructure"))
        XCTAssertEqual(found.map(\.id), [.buildFluxDependsOn, .buildFluxDependsOn])
        XCTAssertEqual(
            Set(found.map(\.message)),
            [
                "Kustomization flux-system/bgp: spec.dependsOn[0].name names Kustomization infrastructure, which does not exist",
                "Kustomization flux-system/apps: spec.dependsOn[0].name names Kustomization infrastructure, which does not exist",
            ])
        // At the cluster: the layers are the cluster's.
        XCTAssertEqual(found.first?.location, model.clusters.first?.origin.location)
    }
}
