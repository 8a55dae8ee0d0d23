import Foundation
import XCTest

final class TriplesCommandTests: XCTestCase {
    func testPrintsTheExampleSpecAsNTriples() throws {
        let result = try runTTLC(["triples", "specs/aegis.ttl"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 214)
        XCTAssertTrue(lines.contains("<https://example.org/aegis#transit-a> <https://w3id.org/ttlc#remoteAsn> \"64496\"^^<http://www.w3.org/2001/XMLSchema#integer> ."))
    }

    func testYAMLAndTurtleTwinsPrintTheSameGroundTriples() throws {
        let turtle = try runTTLC(["triples", "specs/aegis.ttl"])
        let yaml = try runTTLC(["triples", "Tests/Fixtures/twin/aegis.yaml"])
        XCTAssertEqual(yaml.status, 0, yaml.stderr)
        let ground = { (text: String) in Set(text.split(separator: "\n").filter { !$0.contains("_:") }) }
        XCTAssertEqual(ground(turtle.stdout), ground(yaml.stdout))
    }

    func testSyntaxErrorIsLocatedAndExitsOne() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("broken.ttl")
        try "@prefix : <https://example.org/#> .\n:a :b :c .\n:d :e \"open\n".write(to: path, atomically: true, encoding: .utf8)
        let result = try runTTLC(["triples", "broken.ttl"], directory: directory)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "", "nothing half-written")
        XCTAssertEqual(
            result.stderr,
            """
            broken.ttl:3:12: error: line end in short string [syntax.turtle]
             3 | :d :e "open
               |            ^

            """)
    }

    func testMissingFileIsNamed() throws {
        let result = try runTTLC(["triples", "no/such/spec.ttl"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "error: cannot read 'no/such/spec.ttl': No such file or directory [input.unreadable]\n")
    }

    func testUsageErrorExits64() throws {
        let result = try runTTLC(["triples"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("Missing expected argument '<file>'"), result.stderr)
    }

    func testLocationsFlagAnnotatesEachTriple() throws {
        let result = try runTTLC(["triples", "--locations", "specs/aegis.ttl"])
        XCTAssertEqual(result.status, 0)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "# specs/aegis.ttl:7:1 specs/aegis.ttl:7:8 specs/aegis.ttl:7:10")
    }

    /// A 50 MB Turtle file reads, and peak memory stays within 20× its size (the figure is printed).
    func testFiftyMegabyteTurtleFileWithinMemoryBound() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("big.ttl")
        let size = try writeLargeTurtle(to: path, bytes: 50 * 1024 * 1024)
        let result = try runTTLC(["triples", "--count", "--stats", path.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let stats = Dictionary(
            uniqueKeysWithValues: result.stderr.split(separator: "\n").compactMap { line -> (String, Int)? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
                return (String(parts[0]), value)
            })
        let peak = try XCTUnwrap(stats["peak RSS bytes"])
        XCTAssertEqual(stats["input bytes"], size)
        XCTAssertEqual(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), stats["triples"])
        let ratio = Double(peak) / Double(size)
        print("50 MB Turtle: \(stats["triples"]!) triples, peak RSS \(peak / 1_048_576) MiB = \(String(format: "%.1f", ratio))× input")
        XCTAssertLessThanOrEqual(ratio, 20)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Spec-shaped statements (services with blank-node ports, peers with secret references).
    private func writeLargeTurtle(to url: URL, bytes target: Int) throws -> Int {
        var text = "@prefix tc: <https://w3id.org/ttlc#> .\n@prefix : <https://example.org/big#> .\n\n"
        var index = 0
        var chunks: [String] = []
        var written = 0
        while written + text.utf8.count < target {
            text += """
                :svc-\(index) a tc:Service ; tc:namespace :ns-\(index % 17) ;
                    tc:image "ghcr.io/big/app-\(index):1.\(index % 20).0" ;
                    tc:port [ tc:name "http" ; tc:number \(1024 + index % 60000) ] ;
                    tc:dependsOn :svc-\(max(0, index - 3)) ; tc:host "svc-\(index).edge.example" .
                :peer-\(index) a tc:Peer ; tc:neighbor "198.51.100.\(index % 250)" ; tc:remoteAsn \(64496 + index % 16) ;
                    tc:password [ tc:secretName "bgp-\(index)" ; tc:key "password" ] .\n\n
                """
            index += 1
            if text.utf8.count > 1 << 20 {
                written += text.utf8.count
                chunks.append(text)
                text = ""
            }
        }
        chunks.append(text)
        written += text.utf8.count
        try chunks.joined().write(to: url, atomically: false, encoding: .utf8)
        return written
    }
}
