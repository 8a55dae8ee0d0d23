import Foundation
import TestSupport
import XCTest

/// `ttlc docs`: the committed docs/reference is the golden; a fresh generation must equal it.
final class DocsCommandTests: XCTestCase {
    func testGeneratedReferenceEqualsTheCommittedOne() throws {
        let out = try scratchFolder().appendingPathComponent("reference")
        let result = try runTTLC(["docs", "-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let committed = repositoryRoot.appendingPathComponent("docs/reference")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        XCTAssertEqual(names, try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted())
        XCTAssertEqual(result.stdout, "wrote \(names.count) pages to \(out.path)\n")
        for name in names {
            let generated = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            try assertGoldenText(generated, "../docs/reference/\(name)")
        }
    }

    func testEveryClassAndPropertyOfTheVocabularyIsDocumented() throws {
        let vocabulary = try String(contentsOf: repositoryRoot.appendingPathComponent("Sources/Ontology/Resources/ttlc.ttl"), encoding: .utf8)
        let properties = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/reference/properties.md"), encoding: .utf8)
        let index = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/reference/README.md"), encoding: .utf8)
        for line in vocabulary.split(separator: "\n") where line.hasPrefix("tc:") {
            let name = String(line.prefix { $0 != " " })
            if line.contains(" a owl:Class") {
                XCTAssertTrue(index.contains("[\(name.dropFirst(3))]"), "\(name) missing from the index")
            } else if line.contains("Property") {
                XCTAssertTrue(properties.contains("| `\(name)` |"), "\(name) missing from properties.md")
            }
        }
    }

    func testPeerPageHasCountAllowedValuesAndAnExample() throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/reference/Peer.md"), encoding: .utf8)
        XCTAssertTrue(page.contains("- Allowed values: `tc:Transit`, `tc:IXP`, `tc:RouteServer`, `tc:Private`\n"))
        XCTAssertTrue(page.contains("## remoteAsn\n\nThe neighbour's AS number; private ASNs are refused for transit and IXP peers.\n\n- Value: `xsd:integer`\n- Count: exactly 1\n- At least 1\n"))
        XCTAssertTrue(page.contains("- Example (specs/aegis.ttl): `tc:remoteAsn 64496`\n"))
    }

    /// A part's example comes from that part: `tc:name` of an environment variable, not of a port.
    func testPartExamplesComeFromThePartItself() throws {
        let env = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/reference/EnvVar.md"), encoding: .utf8)
        XCTAssertTrue(env.contains("- Example (specs/aegis.ttl): `tc:name \"RIVER_LOG_LEVEL\"`\n"), env)
        let port = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/reference/Port.md"), encoding: .utf8)
        XCTAssertTrue(port.contains("- Example (specs/services.ttl): `tc:protocol tc:UDP`\n"), "a port's protocol, not a rule match's")
    }

    func testCheckReportsAStalePage() throws {
        let out = try scratchFolder().appendingPathComponent("reference")
        XCTAssertEqual(try runTTLC(["docs", "-o", out.path]).status, 0)
        XCTAssertEqual(try runTTLC(["docs", "--check", "-o", out.path]).status, 0)
        try "edited\n".write(to: out.appendingPathComponent("Peer.md"), atomically: true, encoding: .utf8)
        let stale = try runTTLC(["docs", "--check", "-o", out.path])
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.hasPrefix("\(out.path) is stale: 1 page differs; run `ttlc docs -o \(out.path)`\n"), stale.stderr)
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("Peer.md"), encoding: .utf8), "edited\n", "--check writes nothing")
    }
}
