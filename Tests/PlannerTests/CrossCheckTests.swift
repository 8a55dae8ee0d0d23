import Ontology
import Planner
import XCTest

/// The cross-object checks `ttlc build` owns: one fixture per check under Tests/Fixtures/build,
/// each a valid spec (shapes pass) with one cross-object mistake.
final class CrossCheckTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func diagnostics(_ name: String) throws -> (String, [Diagnostic]) {
        let path = root.appendingPathComponent("Tests/Fixtures/build/\(name).ttl").path
        var graph = Graph()
        XCTAssertNil(SpecLoader().load(path: path, into: &graph))
        let validation = try SpecValidation.builtIn().get().validate(graph)
        XCTAssertEqual(validation.filter { $0.severity == .error }, [], "the fixture must pass the shapes")
        return (path, CrossChecks.run(ModelReader(graph: graph).read()))
    }

    private func assertSingle(_ name: String, _ id: MessageID, _ message: String, at place: String, note: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let (path, found) = try diagnostics(name)
        XCTAssertEqual(found.count, 1, found.map(\.description).joined(separator: "\n"), file: file, line: line)
        XCTAssertEqual(found.first?.id, id, file: file, line: line)
        XCTAssertEqual(found.first?.message, message, file: file, line: line)
        XCTAssertEqual(found.first?.location?.description, "\(path):\(place)", file: file, line: line)
        if let note { XCTAssertEqual(found.first?.notes.first?.location?.description, "\(path):\(note)", file: file, line: line) }
    }

    func testDependencyCycle() throws {
        try assertSingle("dependency-cycle", .buildDependencyCycle, "dependsOn cycle: cache → proxy → cache", at: "20:59")
    }

    func testReplicaBounds() throws {
        try assertSingle("replica-bounds", .buildReplicaBounds, "cache: min 5 is above max 2", at: "10:50", note: "10:61")
    }

    func testAllowNamingAPortTheTargetDoesNotExpose() throws {
        try assertSingle("unknown-port", .buildUnknownPort, "cache exposes no port named \"http\" (it has: redis)", at: "18:66", note: "8:23")
    }

    func testTwoCertificatesClaimingOneHost() throws {
        try assertSingle("host-claimed", .buildHostClaimed, "www.t.example is claimed by certificate cert-a and certificate cert-b", at: "20:76", note: "19:58")
    }

    func testQuotaSmallerThanRequestsAtMaxReplicas() throws {
        try assertSingle("quota-too-small", .buildQuotaTooSmall, "namespace ns: quota cpu 800m is less than its services need at max replicas (1000m)", at: "6:40")
    }

    func testDisruptionBudgetLeavingNoPodEvictable() throws {
        try assertSingle(
            "disruption-budget", .buildDisruptionBudget,
            "cache: minAvailable 2 with 2 replicas at minimum leaves no pod evictable (node drains would block)", at: "11:43")
    }

    func testCanaryOnAServiceWithoutMetrics() throws {
        try assertSingle(
            "canary-without-metrics", .buildCanaryWithoutMetrics, "web has a canary but no metrics port: Flagger could not judge a release", at: "11:15")
    }

    func testIngressHostWithoutCertificate() throws {
        try assertSingle(
            "host-without-certificate", .buildHostWithoutCertificate, "web: host www.t.example would have no certificate: the service names no issuer",
            at: "11:13")
    }

    func testIssuerWithoutTheDNSProviderAWildcardNeeds() throws {
        try assertSingle(
            "issuer-solver", .buildIssuerSolver,
            "certificate wild: *.t.example is a wildcard, which only DNS-01 can prove, and issuer le has no DNS-01 solver (tc:dns01 with a tc:dnsProvider) for its zone",
            at: "10:56", note: "8:1")
    }

    /// Against the certificate's own duration, and against cert-manager's default when it sets none.
    func testCertificateRenewedBeforeItsDurationEnds() throws {
        let refused = "it would be renewed as soon as it is issued, and cert-manager refuses it"
        try assertSingle(
            "certificate-renew-before", .buildCertificateLifetime, "certificate www: renewBefore 720h is not shorter than its duration 30d: \(refused)",
            at: "11:40", note: "11:17")
        try assertSingle(
            "certificate-default-duration", .buildCertificateLifetime,
            "certificate www: renewBefore 100d is not shorter than cert-manager's default duration of 90d (the certificate sets none): \(refused)", at: "11:20")
    }

    func testCertificateShorterThanCertManagerIssues() throws {
        let (path, found) = try diagnostics("certificate-short")
        XCTAssertEqual(found.map(\.id), [.buildCertificateLifetime, .buildCertificateLifetime])
        XCTAssertEqual(
            found.map(\.message),
            ["certificate www: duration 30m is under an hour, the shortest cert-manager issues", "certificate www: renewBefore 1m is under 5m, the least cert-manager accepts"])
        XCTAssertEqual(found.map { $0.location?.description }, ["\(path):11:17", "\(path):11:40"])
    }

    /// What the API server or the container would refuse, change or lose later (found by
    /// building mutated specs): a request above its limit, CPU finer than a millicore, two
    /// ports with one number, two variables with one name.
    func testServiceRulesTheAPIServerApplies() throws {
        try assertSingle(
            "request-above-limit", .buildRequestAboveLimit, "cache: memory request 2Gi is above its limit 1Gi; Kubernetes refuses the pod", at: "9:49", note: "9:72")
        try assertSingle(
            "duplicate-port", .buildDuplicatePort, "cache: ports admin and redis are both 6379/TCP; a Service holds each number and protocol once", at: "9:43",
            note: "9:82")
        try assertSingle(
            "cpu-precision", .buildCPUPrecision,
            "cache: cpu 0.0001 is finer than Kubernetes keeps (1m, a thousandth of a core); the cluster would hold 1m", at: "10:12")
        try assertSingle(
            "duplicate-env", .buildDuplicateName, "cache: two environment variables are named MODE; only one value would reach the container", at: "11:58",
            note: "11:22")
    }

    /// Found by building mutated specs and reading the controllers: a probe on a UDP-only port
    /// (a TCP connect refused for ever), and a canary stepping past its maxWeight (Flagger caps
    /// only at 100: step 20 toward 50 reaches 60).
    func testTCPUsesAndCanaryWeights() throws {
        try assertSingle("udp-probe", .buildTCPPort, "cache: the probe's port dns is not a TCP port; a probe connects over TCP", at: "9:32")
        // Cilium takes L7 HTTP rules on TCP ports only, and refused the whole policy.
        try assertSingle(
            "l7-udp", .buildUnknownPort,
            "HTTP rules apply to TCP ports only, and dns's port dns is UDP: Cilium would refuse the whole policy; name only TCP ports in this allow",
            at: "17:82", note: "13:23")
        try assertSingle(
            "canary-weights", .buildCanaryWeights,
            "web: a canary stepping by 20 toward 50 would take 60 % of traffic before promotion; make maxWeight a multiple of stepWeight", at: "11:49",
            note: "11:31")
    }

    /// The port host names and a canary are served on is never the metrics port: with no port
    /// named http it was the first port by name, which could be metrics (Prometheus's /metrics on
    /// the public hosts).
    func testTheWebPortIsNotTheMetricsPort() throws {
        var graph = Graph()
        for file in try SpecFiles.collect([root.appendingPathComponent("specs").path]).get() { XCTAssertNil(SpecLoader().load(path: file, into: &graph)) }
        var model = ModelReader(graph: graph).read()
        let index = try XCTUnwrap(model.services.firstIndex { $0.name == "river-proxy" })
        XCTAssertEqual(model.services[index].webPort?.name.value, "http")
        for port in model.services[index].ports.indices where model.services[index].ports[port].name.value == "http" {
            model.services[index].ports[port].name.value = "web"
        }
        XCTAssertEqual(model.services[index].metrics?.portName.value, "metrics")
        XCTAssertEqual(model.services[index].webPort?.name.value, "web")
    }

    /// Rates need two scrapes in their window (Flagger's over the canary interval, the alerts'
    /// over 5m), and an environment variable cannot carry NUL.
    func testScrapeIntervalsAndEnvironmentNUL() throws {
        var graph = Graph()
        for file in try SpecFiles.collect([root.appendingPathComponent("specs").path]).get() { XCTAssertNil(SpecLoader().load(path: file, into: &graph)) }
        let model = ModelReader(graph: graph).read()
        XCTAssertEqual(ServiceChecks.run(model), [], "the example specs pass")
        let index = try XCTUnwrap(model.services.firstIndex { $0.canary != nil && $0.metrics != nil && $0.alerts != nil })
        var service = model.services[index]
        let origin = service.origin
        service.metrics?.interval = Located("30s", origin)
        service.canary?.interval = Located("30s", origin)
        func run(_ service: Service) -> [Diagnostic] {
            var alone = SystemModel()
            alone.services = [service]
            return ServiceChecks.run(alone)
        }
        XCTAssertEqual(run(service).map(\.id), [.buildScrapeInterval])
        service.canary?.interval = Located("1m", origin)
        XCTAssertEqual(run(service), [])
        service.metrics?.interval = Located("3m", origin)
        service.canary?.interval = Located("10m", origin)
        let alerts = run(service)
        XCTAssertEqual(alerts.map(\.id), [.buildScrapeInterval])
        XCTAssertTrue(alerts.first?.message.contains("they would never fire") == true, "\(alerts)")
        service.metrics?.interval = Located("1m", origin)
        let literal = try XCTUnwrap(service.env.firstIndex { $0.value != nil })
        service.env[literal].value?.value = "a\u{0}b"
        XCTAssertEqual(run(service).map(\.id), [.buildEnvironmentNUL])
    }

    func testIssuerWithoutTheIngressClassAPlainNameNeeds() throws {
        try assertSingle(
            "issuer-no-ingress-class", .buildIssuerSolver,
            "service web: issuer dns cannot prove www.t.example: it has no HTTP-01 solver (tc:http01 with a tc:ingressClass) and no DNS-01 solver for its zone",
            at: "15:13", note: "8:1")
    }

    func testBlueprintThresholdsOutOfOrder() throws {
        try assertSingle(
            "blueprint-thresholds", .buildBlueprint, "api: scale-down threshold 65 must be below the scale-up threshold 60", at: "11:115", note: "11:88")
    }

    func testBlueprintWeightsNotSummingToOne() throws {
        try assertSingle("blueprint-weights", .buildBlueprint, "api: weights must sum to 1; cpu 0.5 + memory 0.3 + latency 0.3 = 1.1", at: "12:22")
    }

    func testExampleSpecsPassEveryCrossCheck() throws {
        var graph = Graph()
        for path in try SpecFiles.collect([root.appendingPathComponent("specs").path]).get() {
            XCTAssertNil(SpecLoader().load(path: path, into: &graph))
        }
        XCTAssertEqual(CrossChecks.run(ModelReader(graph: graph).read()), [])
    }

    /// Reported twice, as it should be: the quota cannot hold it, and it is above its limit.
    func testARequestTooLargeForADoubleIsReportedNotTrapped() throws {
        let (path, found) = try diagnostics("quota-huge-request")
        XCTAssertEqual(found.map(\.id), [.buildQuotaTooSmall, .buildRequestAboveLimit])
        XCTAssertEqual(found.first?.message, "namespace ns: quota memory 8Gi is less than its services need at max replicas (∞Gi)")
        XCTAssertEqual(found.first?.location?.description, "\(path):7:59")
        XCTAssertTrue(found.last?.message.hasSuffix("… (400 bytes) is above its limit 1Gi; Kubernetes refuses the pod") ?? false, found.last?.message ?? "")
    }

    func testQuantities() {
        XCTAssertEqual(Quantity.parse("500m"), 0.5)
        XCTAssertEqual(Quantity.parse("2Gi"), 2 * 1024 * 1024 * 1024)
        XCTAssertEqual(Quantity.parse("1.5"), 1.5)
        XCTAssertNil(Quantity.parse("half"))
        XCTAssertEqual(Quantity.format(1.0, like: "800m"), "1000m")
        XCTAssertEqual(Quantity.format(3 * 1024 * 1024 * 1024, like: "2Gi"), "3Gi")
        // Sums of quantities with hundreds of digits (the pattern bounds their form only): past
        // an Int, and past a Double, they are printed, not converted (both once trapped).
        XCTAssertEqual(Quantity.format(1e30, like: "1"), "1e+30")
        XCTAssertEqual(Quantity.format(1e300, like: "800m"), "1e+303m")
        XCTAssertEqual(Quantity.format(.infinity, like: "2Gi"), "∞Gi")
        XCTAssertEqual(Quantity.format(Quantity.parse(String(repeating: "9", count: 400)) ?? 0, like: "1"), "∞")
    }
}
