import Foundation
import Ontology
import Planner
import XCTest

@testable import Emitters

/// Real BIRD reads what the emitter writes: `bird -p -c` (parse only) on every node's config of
/// the example specs and of the fixtures, with stub secret files next to it.
final class BIRDParseTests: XCTestCase {
    private func assertBirdAccepts(_ model: SystemModel, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        guard let bird = executable("bird") else {
            XCTFail("bird (Debian bird2) is not installed: the BIRD emitter cannot be checked", file: file, line: line)
            return 0
        }
        let folder = try temporaryFolder("bird-p-\(label)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var checked = 0
        for node in model.nodes {
            let context = BIRDNodeContext(node: node, model: model)
            let nodeFolder = folder.appendingPathComponent(node.name)
            try FileManager.default.createDirectory(at: nodeFolder, withIntermediateDirectories: true)
            try writeNode(context, to: nodeFolder)
            let result = runCommand([bird, "-p", "-c", nodeFolder.appendingPathComponent("bird.conf").path])
            XCTAssertEqual(result.status, 0, "bird -p refused \(label)/\(node.name):\n\(result.output)", file: file, line: line)
            checked += 1
        }
        return checked
    }

    func testBirdAcceptsEveryExampleNodeConfig() throws {
        let model = try loadModel(["specs"])
        XCTAssertEqual(model.nodes.map(\.name), ["fra1-n1", "fra1-n2", "fra1-n3"])
        XCTAssertEqual(try assertBirdAccepts(model, "specs"), 3)
    }

    func testBirdAcceptsEveryFixtureNodeConfig() throws {
        var checked = 0
        for name in emitterFixtures { checked += try assertBirdAccepts(try fixtureModel(name), name) }
        XCTAssertEqual(checked, 4)
    }

    /// The fixtures hold every peer type in both address families.
    func testFixturesCoverEveryPeerTypeInBothFamilies() throws {
        let model = try fixtureModel("all-peer-types")
        var seen: Set<String> = []
        for node in model.nodes {
            for session in BIRDNodeContext(node: node, model: model).peers { seen.insert("\(session.peer.peerType.value.rawValue)/\(session.ipv4 ? 4 : 6)") }
        }
        XCTAssertEqual(seen, ["Transit/4", "Transit/6", "IXP/4", "IXP/6", "RouteServer/4", "RouteServer/6", "Private/4", "Private/6"])
    }

    /// bird -p really checks: a config that misses a secret file, or holds a symbol longer than
    /// 64 characters, is refused (so the tests above would catch either).
    func testBirdRefusesAMissingSecretAndALongSymbol() throws {
        let bird = try XCTUnwrap(executable("bird"), "bird (Debian bird2) is not installed")
        let model = try fixtureModel("all-peer-types")
        let folder = try temporaryFolder("bird-p-refuse")
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeNode(BIRDNodeContext(node: model.nodes[0], model: model), to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("secrets/transit4.conf"))
        let missing = runCommand([bird, "-p", "-c", folder.appendingPathComponent("bird.conf").path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.output.contains("secrets/transit4.conf"), missing.output)
        let long = folder.appendingPathComponent("long.conf")
        try Data("protocol device \(String(repeating: "z", count: 65)) { }\n".utf8).write(to: long)
        let refused = runCommand([bird, "-p", "-c", long.path])
        XCTAssertTrue(refused.output.contains("Symbol too long"), refused.output)
        try Data("protocol device \(String(repeating: "z", count: 64)) { }\n".utf8).write(to: long)
        XCTAssertEqual(runCommand([bird, "-p", "-c", long.path]).status, 0)
    }

    /// The delivery's sync-config, run as the DaemonSet's init container does: from the
    /// ConfigMap's files and the Secrets' raw values to a checked config with secrets/ files; a
    /// password BIRD cannot hold is refused and changes nothing.
    func testSyncConfigRendersTheSecretsAndChecksTheResult() throws {
        XCTAssertNotNil(executable("bird"), "bird (Debian bird2) is not installed")
        let model = try fixtureModel("all-peer-types")
        let context = BIRDNodeContext(node: model.nodes[0], model: model)
        let folder = try temporaryFolder("sync-config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (config, secrets, runDirectory) = (folder.appendingPathComponent("config"), folder.appendingPathComponent("secrets"), folder.appendingPathComponent("run"))
        for url in [config, secrets, runDirectory] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        let prefix = context.directory + "/"
        for file in BIRDEmitter.nodeFiles(context) { try Data(file.bytes).write(to: config.appendingPathComponent(String(file.path.dropFirst(prefix.count)))) }
        let secretFiles = context.peers.compactMap(\.secretFile)
        XCTAssertEqual(secretFiles, ["backbone4", "ixp4", "rs6", "transit4", "transit6"])
        for name in secretFiles { try Data("s3cret-\(name)\n".utf8).write(to: secrets.appendingPathComponent(name)) }
        let environment = ["CONFIG_DIR": config.path, "SECRETS_DIR": secrets.path, "RUN_DIR": runDirectory.path]
        let script = config.appendingPathComponent("sync-config").path
        let once = runCommand(["/bin/sh", script, "once"], environment: environment)
        XCTAssertEqual(once.status, 0, once.output)
        let rendered = try String(contentsOf: runDirectory.appendingPathComponent("etc/secrets/transit4.conf"), encoding: .utf8)
        XCTAssertEqual(rendered, "password \"s3cret-transit4\";\n")
        XCTAssertEqual(try String(contentsOf: runDirectory.appendingPathComponent("etc/bird.conf"), encoding: .utf8), text(BIRDEmitter.nodeFiles(context).first { $0.path.hasSuffix("/bird.conf") }!))

        try Data("bad\"quote".utf8).write(to: secrets.appendingPathComponent("ixp4"))
        let refused = runCommand(["/bin/sh", script, "once"], environment: environment)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("the password of ixp4 is empty or holds a double quote"), refused.output)
        XCTAssertEqual(try String(contentsOf: runDirectory.appendingPathComponent("etc/secrets/transit4.conf"), encoding: .utf8), rendered, "the running files stay")
    }

    // MARK: What every file holds

    func testEveryFileStartsWithACommentNamingItsSubjects() throws {
        let models = try [loadModel(["specs"])] + emitterFixtures.map { try fixtureModel($0) }
        for model in models {
            for file in BIRDEmitter.files(model) {
                let content = text(file)
                XCTAssertFalse(file.subjects.isEmpty, file.path)
                if file.path.hasSuffix(".yaml") {
                    XCTAssertTrue(content.contains("ttlc.io/source: \(file.subjects[0])"), file.path)
                    continue
                }
                let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
                let start = lines.first == "#!/bin/sh" ? 1 : 0
                XCTAssertTrue(lines[start].hasPrefix("# "), "\(file.path) starts with \(lines[start])")
                for subject in file.subjects { XCTAssertTrue(content.contains("#   \(subject)\n"), "\(file.path) does not name \(subject)") }
            }
        }
    }

    /// Passwords reach BIRD only through include "secrets/<peer>.conf"; no file of the output
    /// holds a password statement or a secret's value.
    func testPasswordsOnlyThroughSecretIncludes() throws {
        for name in emitterFixtures {
            let model = try fixtureModel(name)
            for node in model.nodes {
                let context = BIRDNodeContext(node: node, model: model)
                let peers = try XCTUnwrap(BIRDEmitter.nodeFiles(context).first { $0.path.hasSuffix("/peers.conf") })
                let includes = text(peers).split(separator: "\n").filter { $0.contains("include") }.map { $0.trimmingCharacters(in: .whitespaces) }
                XCTAssertEqual(includes, context.peers.compactMap { $0.secretFile.map { "include \"secrets/\($0).conf\";" } })
            }
            for file in BIRDEmitter.files(model) {
                for line in text(file).split(separator: "\n") where line.contains("password") {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    XCTAssertTrue(
                        code.hasPrefix("#") || code.hasPrefix("- key:") || code.hasPrefix("key:") || file.path.hasSuffix("sync-config") || file.path.hasSuffix("configmap.yaml"),
                        "\(file.path): \(line)")
                    XCTAssertFalse(code.hasPrefix("password "), "\(file.path): \(line)")
                }
            }
        }
    }

    // MARK: Symbols

    func testDerivedSymbolsAreShortUniqueAndStable() throws {
        let names = [
            "transit-provider-with-a-name-far-longer-than-a-bird-symbol-may-be-number-one",
            "transit-provider-with-a-name-far-longer-than-a-bird-symbol-may-be-number-two",
            "rs.1", "rs-1", "rs_2", "peer_x", "ünïcode",
        ]
        let symbols = BIRDSymbols(prefix: "peer_", names: names)
        let made = names.map { symbols[$0] }
        XCTAssertEqual(Set(made).count, names.count, "\(made)")
        for symbol in made {
            XCTAssertLessThanOrEqual(symbol.count, BIRDSymbols.maxLength, symbol)
            XCTAssertNotNil(symbol.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/), symbol)
        }
        XCTAssertEqual(symbols["rs_2"], "peer_rs_2")
        XCTAssertEqual(symbols["peer_x"], "peer_peer_x")
        XCTAssertTrue(symbols["rs.1"].hasPrefix("peer_rs_1_") && symbols["rs-1"].hasPrefix("peer_rs_1_"))
        XCTAssertEqual(symbols[names[0]].count, 64)
        // The order names come in changes nothing.
        let again = BIRDSymbols(prefix: "peer_", names: names.reversed())
        XCTAssertEqual(names.map { again[$0] }, made)
    }

    func testLongNamesFixtureHasOnlyShortSymbols() throws {
        let model = try fixtureModel("long-names")
        let context = BIRDNodeContext(node: model.nodes[0], model: model)
        var symbols: [String] = []
        for file in BIRDEmitter.nodeFiles(context) where file.path.hasSuffix(".conf") {
            for line in text(file).split(separator: "\n") {
                if let match = line.firstMatch(of: /^(?:protocol \w+|template bgp|filter|function) ([A-Za-z0-9_]+)/) { symbols.append(String(match.1)) }
                if let match = line.firstMatch(of: /^define ([A-Za-z0-9_]+)/) { symbols.append(String(match.1)) }
            }
        }
        XCTAssertEqual(symbols.count, Set(symbols).count, "\(symbols)")
        XCTAssertTrue(symbols.allSatisfy { $0.count <= BIRDSymbols.maxLength }, "\(symbols.filter { $0.count > 64 })")
        XCTAssertEqual(symbols.filter { $0.hasPrefix("peer_") }.count, 5)
        // Secret files are named within 64 bytes too: a peer name of 251 characters made
        // secrets/<name>.conf past the 255 bytes a file name may hold.
        let secretFiles = context.peers.compactMap(\.secretFile)
        XCTAssertEqual(secretFiles.count, 4)
        XCTAssertEqual(secretFiles.count, Set(secretFiles).count, "\(secretFiles)")
        XCTAssertTrue(secretFiles.allSatisfy { $0.utf8.count <= BIRDSymbols.maxLength }, "\(secretFiles)")
        // A peer named exactly like another's hashed file name does not share its file.
        let hashed = try XCTUnwrap(secretFiles.first { $0.hasPrefix("transit_provider") })
        let names = context.peers.filter { $0.secretFile != nil }.map(\.peer.name) + [hashed]
        let files = BIRDNodeContext.secretFileNames(names)
        XCTAssertEqual(Set(files.values).count, names.count, "\(files)")
        XCTAssertTrue(files.values.allSatisfy { $0.utf8.count <= BIRDSymbols.maxLength })
    }

    // MARK: Determinism

    func testTwoBuildsAreIdentical() throws {
        for name in emitterFixtures {
            XCTAssertEqual(BIRDEmitter.files(try fixtureModel(name)), BIRDEmitter.files(try fixtureModel(name)))
        }
    }

    func testDurations() {
        XCTAssertEqual(BIRDHealthCheck.seconds("5s"), "5")
        XCTAssertEqual(BIRDHealthCheck.seconds("1m30s"), "90")
        XCTAssertEqual(BIRDHealthCheck.seconds("1500ms"), "1.5")
        XCTAssertEqual(BIRDHealthCheck.seconds("250ms"), "0.25")
        XCTAssertNil(BIRDHealthCheck.seconds("0s"))
        XCTAssertNil(BIRDHealthCheck.seconds("5 s"))
        XCTAssertNil(BIRDHealthCheck.seconds(""))
        XCTAssertEqual(BIRDHealthCheck.timeoutSeconds("1500ms"), "1")
        XCTAssertEqual(BIRDHealthCheck.timeoutSeconds("1m"), "5")
    }
}
