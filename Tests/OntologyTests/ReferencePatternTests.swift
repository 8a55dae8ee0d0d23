import Ontology
import XCTest

/// Secret names and keys, and health-check URLs, as the tools that read them take them (found
/// by building mutated specs: each of the refused values passed the shapes and built objects
/// the API server refuses, or a health check curl could never run).
final class ReferencePatternTests: XCTestCase {
    private func patternErrors(_ turtle: String) throws -> [String] {
        let (graph, problem) = readTurtle("@prefix tc: <https://w3id.org/ttlc#> .\n@prefix : <https://example.org/t#> .\n" + turtle)
        XCTAssertNil(problem)
        return try SpecValidation.builtIn().get().validate(graph).filter { $0.id == .shapePattern }.map(\.message)
    }

    private func secretErrors(name: String, key: String) throws -> [String] {
        try patternErrors(
            """
            :t1 a tc:Peer ; tc:peerType tc:Transit ; tc:neighbor "198.51.100.1" ; tc:remoteAsn 64496 ; tc:maxPrefixes 10 ;
                tc:password [ tc:secretName "\(name)" ; tc:key "\(key)" ] .
            """)
    }

    /// A Secret name is a DNS-1123 subdomain; a key is a ConfigMap key, neither `.` nor `..…`.
    func testSecretNamesAndKeys() throws {
        for (name, key) in [("bgp-t1", "password"), ("a.b-c.d", "tls.crt"), ("x", ".hidden"), ("x", "a..b"), ("x", "_k-1.v")] {
            XCTAssertEqual(try secretErrors(name: name, key: key), [], "\(name) \(key)")
        }
        for name in ["dragonfly..auth", "dragonfly.-auth", "a-.b", ".a", "a."] { XCTAssertEqual(try secretErrors(name: name, key: "k").count, 1, name) }
        for key in ["..", ".", "..x"] { XCTAssertEqual(try secretErrors(name: "s", key: key).count, 1, key) }
    }

    /// A health check's URL curl can run: a host (name, IPv4 or bracketed IPv6), a port in
    /// 1-65535. One it could not made every check fail and the prefix withdrawn fleet-wide.
    func testHealthCheckURLs() throws {
        func errors(_ url: String) throws -> [String] {
            try patternErrors(":v4 a tc:AnycastPrefix ; tc:prefix \"203.0.113.0/24\" ; tc:healthCheck [ tc:url \"\(url)\" ; tc:withdrawAfter 3 ] .")
        }
        for good in ["http://203.0.113.1/healthz", "https://edge.example.org:8443/ready?x=1", "http://[2001:db8::1]:80/h", "http://localhost", "http://a:65535/"] {
            XCTAssertEqual(try errors(good), [], good)
        }
        for bad in ["http://203.0.113.1:99999/healthz", "http://[2001:db8:100::1/healthz", "http://:80/h", "http://a:0/", "http://a:65536/", "http://-a/", "ftp://a/"] {
            XCTAssertEqual(try errors(bad).count, 1, bad)
        }
    }
}
