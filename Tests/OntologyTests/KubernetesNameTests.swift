import Ontology
import XCTest

/// `spec.name`: the objects whose names become Kubernetes names and output folders, at the
/// edges of what Kubernetes takes.
final class KubernetesNameTests: XCTestCase {
    private func nameErrors(_ name: String, _ type: String) -> [String] {
        let (graph, problem) = readTurtle("<https://example.org/t#\(name)> a <https://w3id.org/ttlc#\(type)> .\n")
        XCTAssertNil(problem)
        return SpecChecks(vocabulary: .builtIn).run(GraphIndex(graph)).diagnostics.filter { $0.id == .specName }.map(\.message)
    }

    func testServiceNames() {
        XCTAssertEqual(nameErrors("river-proxy", "Service"), [])
        XCTAssertEqual(nameErrors(String(repeating: "a", count: 55), "Service"), [])
        XCTAssertEqual(nameErrors(String(repeating: "a", count: 56), "Service").count, 1)
        // RFC 1035: a Service name starts with a letter.
        XCTAssertEqual(nameErrors("1proxy", "Service").count, 1)
        for bad in ["River", "river_proxy", "river.proxy", "-river", "river-", "%2E%2E", "a..b"] {
            XCTAssertEqual(nameErrors(bad, "Service").count, 1, bad)
        }
    }

    /// The System's branch in the spec follows git's rules as far as a pattern can (release..1
    /// passed `ttlc check` and failed only when the state was read).
    func testBranchNames() throws {
        let validation = try SpecValidation.builtIn().get()
        func errors(_ branch: String) -> [String] {
            systemPatternErrors(validation, branch: branch, path: "./clusters/c")
        }
        for good in ["main", "release/1.4", "v1.2.3", "feature/x-y_z", "x.locked", "lock", "a.lockb/c"] { XCTAssertEqual(errors(good), [], good) }
        // git refuses a part ending in .lock (its own lock files): refused by `ttlc check`, not
        // first when the state is read.
        for bad in ["release..1", "a//b", "a/", ".x", "a/.x", "a.", "a/-b", "x.lock", "a.lock/b", "a/b.lock"] {
            XCTAssertEqual(errors(bad).count, 1, bad)
        }
    }

    /// The System's path is a folder inside the repository: a `..` part (Flux cannot leave the
    /// repository; the state read refused it) fails `ttlc check`.
    func testSystemPaths() throws {
        let validation = try SpecValidation.builtIn().get()
        func errors(_ path: String) -> [String] { systemPatternErrors(validation, branch: "main", path: path) }
        for good in ["./clusters/c", "clusters/c", ".", "./", "a..b/c", "..x/c", "c/x..", "./.flux/c"] { XCTAssertEqual(errors(good), [], good) }
        for bad in ["..", "../clusters/c", "./../c", "a/../../c", "a/..", "a/../", "/abs"] { XCTAssertEqual(errors(bad).count, 1, bad) }
    }

    private func systemPatternErrors(_ validation: SpecValidation, branch: String, path: String) -> [String] {
        let (graph, problem) = readTurtle(
            """
            @prefix tc: <https://w3id.org/ttlc#> .
            <https://example.org/t#s> a tc:System ; tc:repository "https://git.example.org/f.git" ; tc:branch "\(branch)" ;
                tc:path "\(path)" ; tc:interval "1m" ; tc:birdImage "ghcr.io/a/bird:2" .
            """)
        XCTAssertNil(problem)
        return validation.validate(graph).filter { $0.id == .shapePattern }.map(\.message)
    }

    func testOtherNames() {
        XCTAssertEqual(nameErrors("1fra", "Cluster"), [])
        XCTAssertEqual(nameErrors(String(repeating: "n", count: 63), "Node"), [])
        XCTAssertEqual(nameErrors(String(repeating: "n", count: 64), "Node").count, 1)
        for type in ["Namespace", "Cluster", "Node", "Certificate", "Issuer", "NetworkPolicy", "System"] {
            XCTAssertEqual(nameErrors("Bad_Name", type).count, 1, type)
        }
        // Names that reach neither Kubernetes nor a path keep their freedom (BIRD symbols are
        // made from peer names).
        XCTAssertEqual(nameErrors("peer_x", "Peer"), [])
        XCTAssertEqual(nameErrors("Block_SQLi", "Rule"), [])
    }
}
