import Ontology
import XCTest

@testable import Planner

/// The dependsOn cycle check on models built in memory: chains far deeper than a thread's stack
/// would hold as recursion, and which cycles it reports, in what order; and the lookup of a
/// service by name the checks use, on such models.
final class DependencyCycleTests: XCTestCase {
    private func service(_ name: String, dependsOn: [String]) -> Service {
        let origin = Origin(subject: "https://example.org/s#\(name)")
        let text = { (value: String) in Located(value, origin) }
        return Service(
            Service.Fields(
                name: name, iri: origin.subject, origin: origin, namespace: text("ns"), image: text("image:1"), ports: [],
                cpu: text("100m"), cpuLimit: text("200m"), memory: text("64Mi"), memoryLimit: text("128Mi"), env: [], config: [],
                configPath: nil, readiness: nil, liveness: nil, expose: Located(.clusterIP, origin), hosts: [], ingressClass: nil,
                issuer: nil, disruptionBudget: nil, replicas: .unspecified, canary: nil, metrics: nil, alerts: nil,
                dependsOn: dependsOn.map(text), serviceAccountToken: nil))
        }
    
        private func model(_ edges: [(String, [String])]) -> SystemModel {
            var model = SystemModel()
            model.services = edges.map { service($0.0, dependsOn: $0.1) }
            return model
        }
    
        /// Lookups by name: by binary search in a model sorted by name as the reader makes it, and
        /// still found when a model was put together in another order.
        func testServicesAreFoundByNameSortedOrNot() {
            let names = (0..<1_000).map { "s\($0)" }
            let sorted = model(names.sorted().map { ($0, []) })
            let shuffled = model([("zeta", []), ("alpha", []), ("mid", [])])
            for name in names { XCTAssertEqual(sorted.service(named: name)?.name, name) }
            XCTAssertNil(sorted.service(named: "s1000"))
            XCTAssertNil(sorted.service(named: ""))
            for name in ["zeta", "alpha", "mid"] { XCTAssertEqual(shuffled.service(named: name)?.name, name) }
            XCTAssertNil(shuffled.service(named: "beta"))
            XCTAssertNil(SystemModel().service(named: "any"))
        }
    
        func testAChainOfTwoHundredThousandServicesHasNoCycleAndDoesNotExhaustTheStack() {
            let n = 200_000
            // s0 → s1 → … → s(n-1): depth first from s0 goes the whole way down at once.
            let chain = model((0..<n).map { ("s\($0)", $0 + 1 < n ? ["s\($0 + 1)"] : []) })
            XCTAssertEqual(CrossChecks.dependencyCycles(chain).map(\.message), [])
        }
    
        func testAChainClosedIntoOneLongCycleIsReportedOnceFromItsFirstService() {
            let n = 50_000
            let ring = model((0..<n).map { ("s\($0)", ["s\(($0 + 1) % n)"]) })
            let found = CrossChecks.dependencyCycles(ring)
            XCTAssertEqual(found.count, 1)
            XCTAssertTrue(found[0].message.hasPrefix("dependsOn cycle: s0 → s1 → s2 → "), found[0].message)
            XCTAssertTrue(found[0].message.hasSuffix(" → s\(n - 1) → s0"), String(found[0].message.suffix(40)))
    }

    func testEachCycleOnceInModelOrderWithServicesOutsideCyclesIgnored() {
        let found = CrossChecks.dependencyCycles(
            model([
                ("a", ["b", "x"]), ("b", ["c"]), ("c", ["a", "d"]), ("d", []),
                ("e", ["f"]), ("f", ["e", "a"]),
                ("g", ["g"]),
                ("h", ["c", "missing"]),
            ]))
        XCTAssertEqual(
            found.map(\.message),
            ["dependsOn cycle: a → b → c → a", "dependsOn cycle: e → f → e", "dependsOn cycle: g → g"])
        XCTAssertEqual(found.map(\.id), Array(repeating: .buildDependencyCycle, count: 3))
    }
}
