import EmitterTestSupport
import Foundation
import Ontology
import Planner
import TestSupport
import XCTest

@testable import Emitters

final class BuildOutputTests: XCTestCase {
    func testMinimalSpecMatchesGolden() throws {
        try assertGoldenFolder(try build(["Tests/Fixtures/shapes/valid-minimal.ttl"]), "minimal")
    }

    /// The delivery emitters (Flux, cert-manager, Cilium, Flagger, Prometheus operator) on what
    /// the example specs leave out; scripts/test also validates golden/delivery against the CRDs.
    func testDeliveryFixtureMatchesGolden() throws {
        try assertGoldenFolder(try build(["Tests/Fixtures/delivery"]), "delivery")
    }

    /// `ops/` is the committed build of `specs/`: it is the example specs' golden output.
    func testExampleSpecsMatchCommittedOps() throws {
        let files = try build(["specs"])
        let differences = OutputTree.compare(files, with: repositoryRoot.appendingPathComponent("ops").path)
        XCTAssertEqual(differences, [], "ops/ is stale: run `ttlc build specs/` and commit ops/")
    }

    func testYAMLTwinBuildsTheSameBytesAsItsTurtle() throws {
        let turtle = try build(["specs/aegis.ttl"])
        let yaml = try build(["Tests/Fixtures/twin/aegis.yaml"])
        XCTAssertEqual(turtle.map(\.path), yaml.map(\.path))
        XCTAssertEqual(turtle, yaml)
        try assertGoldenFolder(turtle, "aegis")
    }

    func testTwoBuildsAreIdentical() throws {
        XCTAssertEqual(try build(["specs"]), try build(["specs"]))
    }

    /// File order and statement order do not change the output: the same statements, shuffled
    /// across two files, build the same bytes.
    func testStatementAndFileOrderDoNotMatter() throws {
        let source = try String(contentsOf: repositoryRoot.appendingPathComponent("specs/aegis.ttl"), encoding: .utf8)
        // Split into statements at blank lines; keep the prefixes in both halves.
        let blocks = source.components(separatedBy: "\n\n")
        let prefixes = blocks.filter { $0.contains("@prefix") }.joined(separator: "\n")
        let statements = blocks.filter { !$0.contains("@prefix") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reversed = Array(statements.reversed())
        try (prefixes + "\n\n" + reversed.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: "\n\n") + "\n")
            .write(to: directory.appendingPathComponent("b.ttl"), atomically: true, encoding: .utf8)
        try (prefixes + "\n\n" + reversed.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).joined(separator: "\n\n") + "\n")
            .write(to: directory.appendingPathComponent("a.ttl"), atomically: true, encoding: .utf8)
        let shuffled = try build([directory.path])
        XCTAssertEqual(shuffled, try build(["specs/aegis.ttl"]))
    }

    func testInventoryListsEveryFileWithItsDigest() throws {
        let files = try build(["specs"])
        let inventory = try XCTUnwrap(files.first { $0.path == ".ttlc/inventory.json" })
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(inventory.bytes)) as? [String: Any])
        let entries = try XCTUnwrap(json["files"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["path"] as? String }, files.filter { $0.path != ".ttlc/inventory.json" }.map(\.path))
        for entry in entries {
            let path = entry["path"] as! String
            let bytes = files.first { $0.path == path }!.bytes
            XCTAssertEqual(entry["sha256"] as? String, Digest.sha256Hex(bytes))
        }
        // FIPS 180-2 appendix B: one block, and two (the padding spills into a second).
        XCTAssertEqual(Digest.sha256Hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            Digest.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testSecretsListNamesSecretsNeverValues() throws {
        let files = try build(["specs"])
        let secrets = try XCTUnwrap(files.first { $0.path == ".ttlc/secrets.json" })
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(secrets.bytes)) as? [String: Any])
        let entries = try XCTUnwrap(json["secrets"] as? [[String: Any]])
        let names = Set(entries.compactMap { $0["name"] as? String })
        XCTAssertTrue(names.isSuperset(of: ["bgp-transit-a", "dragonfly-auth", "cloudflare-api-token", "flux-git-auth"]), "\(names)")
        for entry in entries { XCTAssertEqual(Set(entry.keys), ["name", "namespace", "keys", "usedBy"]) }
    }
}
