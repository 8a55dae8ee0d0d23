import Ontology
import Planner
import TestSupport
import XCTest

/// The spec errors the BGP side must catch (issue 6, "Done when"): each fixture under
/// Tests/Fixtures/bgp/bad breaks one rule of a valid spec and gives exactly one error, with this
/// id, text and location. The cross-object rules are `RoutingChecks`; the others are the shapes
/// and `SpecChecks`, tested here on BGP objects.
final class BIRDCheckTests: XCTestCase {
    // MARK: RoutingChecks

    func testAnycastPrefixAnnouncedByNoNode() throws {
        try assertSingle("unannounced-prefix", .bgpUnannouncedPrefix, "anycast prefix v6 (2001:db8:100::/48) is announced by no node", at: "8:36")
    }

    func testNodeAnnouncingWithNoPeer() throws {
        try assertSingle("node-without-peer", .bgpNoPeer, "node n2 announces v4 but has no peer to announce it to", at: "9:71")
    }

    /// BIRD exports per family: a node with only IPv4 peers announces an IPv6 prefix nowhere.
    func testNodeAnnouncingAFamilyNoPeerSpeaks() throws {
        try assertSingle(
            "family-without-peer", .bgpNoPeer, "node n1 announces IPv6 prefix 2001:db8:100::/48 but has no IPv6 peer to announce it to", at: "10:77")
    }

    /// A prefix longer than /24 (IPv6: /48) does not propagate: a warning, at the prefix.
    func testAnycastPrefixLongerThanNetworksCarry() throws {
        var graph = Graph()
        let text = """
            @prefix tc: <https://w3id.org/ttlc#> .
            @prefix : <https://example.org/t#> .
            :v4 a tc:AnycastPrefix ; tc:prefix "203.0.113.0/25" ; tc:healthCheck [ tc:url "http://203.0.113.1/h" ; tc:withdrawAfter 3 ] .
            :v6 a tc:AnycastPrefix ; tc:prefix "2001:db8:100::/48" ; tc:healthCheck [ tc:url "http://[2001:db8:100::1]/h" ; tc:withdrawAfter 3 ] .
            """
        XCTAssertNil(TurtleReader.read(SourceFile(path: "t.ttl", bytes: Array(text.utf8)), into: &graph))
        let found = RoutingChecks.run(ModelReader(graph: graph).read()).filter { $0.id == .bgpPrefixLength }
        XCTAssertEqual(found.map(\.id), [.bgpPrefixLength])
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertEqual(found.first?.location?.description, "t.ttl:3:36")
    }

    func testTwoNodesWithOneRouterId() throws {
        try assertSingle("duplicate-router-id", .bgpDuplicateRouterId, "nodes n1 and n2 have one router id, 192.0.2.1", at: "9:29", note: "8:29")
    }

    func testTwoPeersOfOneNodeWithOneSessionAddress() throws {
        try assertSingle(
            "duplicate-session", .bgpDuplicateSession, "peers t1 and t2 of node n1 have one session address, 198.51.100.1", at: "11:50", note: "9:54")
    }

    func testBFDOnAMultihopIPv6Session() throws {
        try assertSingle(
            "multihop-bfd-ipv6", .bgpMultihopBFD, "peer b6: BFD on a multihop IPv6 session needs a fixed local IPv6 address, which the spec cannot give", at: "10:50")
    }

    func testAPeerInTheNodesOwnAS() throws {
        try assertSingle(
            "internal-session", .bgpInternalSession,
            "peer x1 is in node n1's own AS 64500: an iBGP session, which ttlc does not configure (its BIRD sessions are eBGP)", at: "10:80", note: "9:50")
    }

    // MARK: Shapes and SpecChecks on BGP objects

    /// Neighbours no session can be made with: the unspecified address and an IPv6 link-local
    /// one (BIRD refused both), a multicast group.
    func testNeighborsNoSessionCanReach() throws {
        try assertSingle(
            "neighbor-link-local", "spec.ip",
            "tc:neighbor \"fe80::1\" is an IPv6 link-local address, which needs an interface the spec cannot name: no BGP session can be made with it",
            at: "10:54")
        XCTAssertEqual(IPAddress("::")?.unusableAsNeighbor, "the unspecified address")
        XCTAssertEqual(IPAddress("0.0.0.0")?.unusableAsNeighbor, "the unspecified address")
        XCTAssertEqual(IPAddress("239.1.2.3")?.unusableAsNeighbor, "a multicast address")
        XCTAssertEqual(IPAddress("ff02::1")?.unusableAsNeighbor, "a multicast address")
        XCTAssertNil(IPAddress("198.51.100.1")?.unusableAsNeighbor)
        XCTAssertNil(IPAddress("2001:db8::1")?.unusableAsNeighbor)
        XCTAssertNil(IPAddress("fec0::1")?.unusableAsNeighbor)
    }

    func testReservedNodeASN() throws { try assertSingle("asn-65535", "spec.asn", "AS 65535 is reserved (RFC 7300)", at: "8:50") }

    func testReservedRemoteASN() throws { try assertSingle("asn-4294967295", "spec.asn", "AS 4294967295 is reserved (RFC 7300)", at: "9:84") }

    func testPrivateASNOnAnIXPPeer() throws {
        try assertSingle("asn-private-ixp", "spec.asn", "private AS 4200000001 on a IXP peer: transit and IXP peers have public ASNs", at: "9:80")
    }

    func testRouterIdThatIsNotIPv4() throws { try assertSingle("router-id-ipv6", "spec.ip", "tc:routerId \"2001:db8::1\" is not an IPv4 address", at: "8:29") }

    func testPeerWithoutMaxPrefixes() throws { try assertSingle("missing-max-prefixes", "shape.minCount", "tc:Peer :t1 is missing tc:maxPrefixes", at: "9:1") }

    func testPasswordWrittenAsAString() throws {
        try assertSingle(
            "password-string", "spec.secretLiteral", "tc:password takes a secret reference, not \"hunter2\": credentials never appear in a spec", at: "10:39")
    }

    func testHealthCheckWithoutURL() throws {
        try assertSingle(
            "health-check-without-url", "shape.minCount", "the tc:healthCheck block of tc:AnycastPrefix :v4 is missing tc:url (an http:// or https:// URL: a host name, an IPv4 address or an [IPv6] address, an optional port 1-65535, then a path)", at: "7:20")
    }

    func testExampleSpecsAndEmitterFixturesPassTheRoutingChecks() throws {
        for paths in [["specs"]] + emitterFixtures.map({ ["Tests/Fixtures/bgp/\($0).ttl"] }) {
            XCTAssertEqual(RoutingChecks.run(try loadModel(paths)), [], "\(paths)")
        }
    }

    /// Errors of the spec (shapes and spec checks) and, when there are none, of the cross checks.
    private func assertSingle(_ name: String, _ id: MessageID, _ message: String, at place: String, note: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = repositoryRoot.appendingPathComponent("Tests/Fixtures/bgp/bad/\(name).ttl").path
        var graph = Graph()
        XCTAssertNil(SpecLoader().load(path: path, into: &graph), file: file, line: line)
        var errors = try SpecValidation.builtIn().get().validate(graph).filter { $0.severity == .error }
        if errors.isEmpty { errors = CrossChecks.run(ModelReader(graph: graph).read()).filter { $0.severity == .error } }
        XCTAssertEqual(errors.count, 1, errors.map(\.description).joined(separator: "\n"), file: file, line: line)
        XCTAssertEqual(errors.first?.id, id, file: file, line: line)
        XCTAssertEqual(errors.first?.message, message, file: file, line: line)
        XCTAssertEqual(errors.first?.location?.description, "\(path):\(place)", file: file, line: line)
        if let note { XCTAssertEqual(errors.first?.notes.first?.location?.description, "\(path):\(note)", file: file, line: line) }
    }
}
