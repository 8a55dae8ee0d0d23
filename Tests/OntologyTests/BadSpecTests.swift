import Ontology
import XCTest

/// Bad specs (DESIGN.md "Checks"): each fixture in Tests/Fixtures/bad breaks one rule of a valid
/// spec, and must give exactly one error, with this id, text and location.
final class BadSpecTests: XCTestCase {
    func testUnknownClass() { assertSingleError("unknown-class", "spec.unknownClass", "unknown class tc:Servce (did you mean tc:Service?)", at: "7:10") }

    func testUnknownProperty() { assertSingleError("unknown-property", "spec.unknownProperty", "unknown property tc:colour", at: "10:30") }

    func testWrongDatatype() { assertSingleError("wrong-datatype", "shape.datatype", "tc:replicas must be an integer, found the string \"2\"", at: "10:42") }

    func testMissingRequired() { assertSingleError("missing-required", "shape.minCount", "tc:Service :cache is missing tc:image (a container image reference such as ghcr.io/aegis/river:1.4.2)", at: "7:1") }

    func testTooManyValues() { assertSingleError("too-many-values", "shape.maxCount", "tc:Service :cache has 2 values of tc:image; at most 1 allowed", at: "7:75") }

    func testDanglingReference() { assertSingleError("dangling-reference", "spec.dangling", "tc:dependsOn refers to :ghost, which is not defined", at: "11:18") }

    func testDuplicateName() { assertSingleError("duplicate-name", "spec.duplicateName", ":cache is defined twice", at: "11:1") }

    func testSecretAsString() { assertSingleError("secret-as-string", "spec.secretLiteral", "tc:password takes a secret reference, not \"hunter2\": credentials never appear in a spec", at: "15:39") }

    func testInvalidCidr() { assertSingleError("invalid-cidr", "spec.cidr", "tc:prefix \"203.0.113.7/24\" has host bits set; did you mean 203.0.113.0/24?", at: "11:36") }

    func testInvalidIp() { assertSingleError("invalid-ip", "spec.ip", "tc:routerId \"192.0.2.256\" is not an IPv4 address", at: "13:29") }

    func testAsnZero() { assertSingleError("asn-zero", "spec.asn", "AS 0 is reserved (RFC 7607)", at: "13:50") }

    func testAsnTrans() { assertSingleError("asn-trans", "spec.asn", "AS 23456 is AS_TRANS (RFC 6793), never a real AS", at: "14:84") }

    func testAsnPrivateTransit() { assertSingleError("asn-private-transit", "spec.asn", "private AS 64512 on a Transit peer: transit and IXP peers have public ASNs", at: "14:84") }

    func testDurationTooLong() {
        assertSingleError(
            "duration-too-long", "spec.duration",
            "tc:interval \"300000000000000000000d\" is too long: at most 106751d23h47m16s854ms, the longest duration Go holds (Flux, Flagger and cert-manager read durations with Go)",
            at: "13:93")
    }

    func testProbePeriodTooLong() {
        assertSingleError(
            "probe-period-too-long", "spec.duration", "tc:period \"596524h15m\" is too long: at most 24855d3h14m7s, Kubernetes holds probe times as 32-bit seconds",
            at: "12:51")
    }

    func testOneNameTwoIRIs() {
        assertSingleError(
            "same-name-two-iris", "spec.duplicateName",
            "<https://example.org/other#cache> is a second tc:Service named cache (the first is <https://example.org/t#cache>): objects are emitted and referred to by name",
            at: "12:1")
    }

    func testNameOutsideTheTree() {
        assertSingleError(
            "name-outside-tree", "spec.name",
            "../../../escape cannot name a tc:Service: it must be a Kubernetes Service name: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 55 characters (63, less the -primary Flagger adds for a canary)",
            at: "8:1")
    }

    func testNameNotKubernetes() {
        assertSingleError(
            "name-not-kubernetes", "spec.name",
            "Edge_NS cannot name a tc:Namespace: it must be a Kubernetes name: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
            at: "7:1")
    }

    func testPortNamedByDigits() {
        assertSingleError(
            "port-name-digits", "shape.pattern",
            "tc:name \"6379\": expected a port name such as http or grpc-web: lowercase letters, digits and single dashes, at least one letter, at most 15 (as Kubernetes takes them)",
            at: "8:23")
    }

    func testAPartOnItsOwn() {
        assertSingleError(
            "part-on-its-own", "spec.partClass",
            ":stray is a tc:Port, which a spec does not define on its own: it is part of another object, written inside it as [ … ], or one of the vocabulary's values",
            at: "17:1")
    }

    func testInvalidPort() { assertSingleError("invalid-port", "shape.maxInclusive", "tc:number 70000 is above the maximum 65535", at: "8:43") }

    func testReplicasPastInt32() { assertSingleError("replicas-past-int32", "shape.maxInclusive", "tc:replicas 9223372036854775807 is above the maximum 2147483647", at: "11:42") }

    func testInvalidDuration() { assertSingleError("invalid-duration", "shape.pattern", "tc:interval \"5 seconds\": expected a duration such as 500ms, 30s, 5m, 1h30m or 90d", at: "12:93") }

    func testInvalidQuantity() { assertSingleError("invalid-quantity", "shape.pattern", "tc:cpu \"half a core\": expected a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi", at: "9:12") }

    func testTwoReplicaOwners() { assertSingleError("two-replica-owners", "spec.replicaOwners", ":cache has two owners of its replica count: tc:replicas and tc:scaling", at: "11:5") }

    private func assertSingleError(_ name: String, _ id: MessageID, _ message: String, at place: String, file: StaticString = #filePath, line: UInt = #line) {
        var graph = Graph()
        let path = fixture("Tests/Fixtures/bad/\(name).ttl")
        XCTAssertNil(SpecLoader().load(path: path, into: &graph), file: file, line: line)
        let validation: SpecValidation
        do { validation = try SpecValidation.builtIn().get() } catch { return XCTFail("\(error)", file: file, line: line) }
        let errors = validation.validate(graph).filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 1, errors.map(\.description).joined(separator: "\n"), file: file, line: line)
        assertDiagnostic(errors.first, id, message, at: "\(path):\(place)", file: file, line: line)
    }

    /// The base every fixture was made from is itself valid, so each error is the fixture's own.
    func testTheBaseIsValid() throws {
        var graph = Graph()
        XCTAssertNil(SpecLoader().load(path: fixture("Tests/Fixtures/shapes/valid-minimal.ttl"), into: &graph))
        let errors = try SpecValidation.builtIn().get().validate(graph).filter { $0.severity == .error }
        XCTAssertEqual(errors, [])
    }

    func testExampleSpecsHaveNoErrors() throws {
        var graph = Graph()
        for path in try SpecFiles.collect([fixture("specs")]).get() {
            XCTAssertNil(SpecLoader().load(path: path, into: &graph))
        }
        let diagnostics = try SpecValidation.builtIn().get().validate(graph)
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }, [])
        XCTAssertTrue(diagnostics.allSatisfy { $0.id == .specDocumentationASN || $0.id == .specDocumentationPrefix })
    }

    /// One name misused both as a class and as a property, each more than once: every use gets
    /// the suggestion of its own kind (suggestions are worked out once per name and kind).
    func testANameMisusedAsClassAndPropertyGetsEachKindsSuggestion() throws {
        let (graph, problem) = readTurtle("""
            @prefix tc: <https://w3id.org/ttlc#> .
            @prefix : <https://example.org/x#> .
            :a a tc:Servce ; tc:Servce 1 .
            :b tc:Servce 2 ; a tc:Servce .
            """)
        XCTAssertNil(problem)
        let messages = try SpecValidation.builtIn().get().validate(graph).map(\.message).filter { $0.contains("tc:Servce") }
        XCTAssertEqual(
            messages,
            [
                "unknown class tc:Servce (did you mean tc:Service?)", "unknown property tc:Servce",
                "unknown property tc:Servce", "unknown class tc:Servce (did you mean tc:Service?)",
            ])
    }
}
