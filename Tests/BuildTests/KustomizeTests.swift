import Foundation
import Planner
import TestSupport
import XCTest

@testable import Emitters

/// Real `kubectl kustomize` over the built tree: every folder with a kustomization.yaml builds,
/// to exactly the objects of the files under it; and what Flux applies for each cluster (the
/// cluster folder, then the folder of each layer Kustomization in it) is exactly the set of
/// objects in `.ttlc/inventory.json`, each once.
final class KustomizeTests: XCTestCase {
    func testEveryFolderBuildsToTheObjectsUnderIt() throws {
        let kubectl = try requireKubectl()
        let files = try build(["specs"])
        let root = try writeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let folders = files.filter { $0.path.hasSuffix("/kustomization.yaml") || $0.path == "kustomization.yaml" }
            .map { ($0.path as NSString).deletingLastPathComponent }
        XCTAssertTrue(folders.contains("clusters/fra1"), "\(folders)")
        // Every folder that holds a file holds a kustomization.yaml (except ttlc's own .ttlc/).
        let holding = Set(files.map { ($0.path as NSString).deletingLastPathComponent }.filter { !$0.hasPrefix(".") })
        XCTAssertEqual(holding, Set(folders))
        XCTAssertFalse(folders.contains("clusters"), "a cluster's folder is built on its own")
        for folder in folders {
            let built = try kustomize(kubectl, root.appendingPathComponent(folder).path)
            let expected = files.filter { file in
                guard folder.isEmpty || file.path.hasPrefix(folder + "/") else { return false }
                // Below the folder, a cluster's folder (its Flux entry point) is not included.
                return folder.hasPrefix("clusters/") || !file.path.hasPrefix("clusters/")
            }.flatMap(\.objects)
            XCTAssertEqual(built.sorted(), expected.sorted(), "kubectl kustomize \(folder.isEmpty ? "." : folder)")
        }
    }

    func testEachClusterRootBuildsExactlyTheInventory() throws {
        let kubectl = try requireKubectl()
        let files = try build(["specs"])
        let root = try writeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let inventory = try XCTUnwrap(files.first { $0.path == Inventory.path })
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(inventory.bytes)) as? [String: Any])
        var listed: [ResourceID] = []
        for entry in try XCTUnwrap(json["files"] as? [[String: Any]]) {
            for object in try XCTUnwrap(entry["objects"] as? [[String: String]]) {
                listed.append(
                    ResourceID(apiVersion: object["apiVersion"] ?? "", kind: object["kind"] ?? "", namespace: object["namespace"], name: object["name"] ?? ""))
            }
        }
        XCTAssertGreaterThan(listed.count, 50)
        for cluster in ["fra1"] {
            let entry = try kustomizeDocuments(kubectl, root.appendingPathComponent("clusters/\(cluster)").path)
            var applied = entry.map(\.id)
            let layers = entry.filter { $0.id.kind == "Kustomization" && $0.id.apiVersion.hasPrefix("kustomize.toolkit.fluxcd.io/") }
            XCTAssertEqual(layers.map(\.id.name).sorted(), ["apps", "bgp", "infrastructure"])
            for layer in layers {
                let path = try XCTUnwrap(layer.specPath, "\(layer.id) has no spec.path")
                applied += try kustomize(kubectl, root.appendingPathComponent(path).path)
            }
            XCTAssertEqual(applied.count, Set(applied).count, "an object is applied by two layers")
            XCTAssertEqual(Set(applied), Set(listed), "cluster \(cluster): what Flux applies differs from the inventory")
        }
    }

    /// Folders named after a namespace or service that YAML reads as a number or null (`1e3`,
    /// `null`: valid Kubernetes names) are listed as strings: kustomize refused the whole tree
    /// ("cannot unmarshal number into ... resources of type string").
    func testNamesYAMLWouldReadAsOtherTypesAreQuoted() throws {
        let kubectl = try requireKubectl()
        let specs = try editedSpecs { _, text in text.replacingOccurrences(of: ":mesh ", with: ":1e3 ").replacingOccurrences(of: ":gossip ", with: ":null ") }
        defer { try? FileManager.default.removeItem(at: specs) }
        let files = try build([specs.path])
        let apps = try XCTUnwrap(files.first { $0.path == "apps/kustomization.yaml" })
        XCTAssertTrue(String(decoding: apps.bytes, as: UTF8.self).contains("  - \"1e3\"\n"))
        let root = try writeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let built = try kustomize(kubectl, root.path)
        // kubectl writes them quoted too.
        XCTAssertTrue(built.contains { $0.kind == "Deployment" && $0.namespace == "\"1e3\"" && $0.name == "\"null\"" }, "\(built)")
    }

    /// Two clusters each get their Flux objects (one name each, for two API servers): the
    /// build passes, every folder still builds, and each cluster's folder builds on its own (the
    /// folders above listed both, which kustomize refused as duplicate ids).
    func testTwoClustersBuildEachOnItsOwn() throws {
        let kubectl = try requireKubectl()
        let specs = try editedSpecs { file, text in
            file != "aegis.ttl" ? text : text + """

                :ams1 a tc:Cluster ; tc:region "eu-west" ; tc:node :ams1-n1 .
                :ams1-n1 a tc:Node ; tc:routerId "192.0.2.9" ; tc:asn 64500 ; tc:announces :anycast-v4 ; tc:peer :transit-a ; tc:rpki :rpki-fra1 .

                """
        }
        defer { try? FileManager.default.removeItem(at: specs) }
        let files = try build([specs.path])
        let root = try writeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["", "clusters/fra1", "clusters/ams1", "apps", "infrastructure", "bgp"] {
            XCTAssertNoThrow(try kustomize(kubectl, root.appendingPathComponent(folder).path), folder)
        }
        let ams1 = try kustomize(kubectl, root.appendingPathComponent("clusters/ams1").path)
        XCTAssertEqual(Set(ams1.map(\.kind)), ["GitRepository", "Kustomization"])
        XCTAssertFalse(files.contains { $0.path == "clusters/kustomization.yaml" })
    }

    /// A folder whose kustomization.yaml names a file that is not there does not build: the
    /// test above would see a broken tree.
    func testKustomizeRefusesABrokenFolder() throws {
        let kubectl = try requireKubectl()
        let root = try writeTree(try build(["specs"]))
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("clusters/fra1/apps.yaml"))
        XCTAssertThrowsError(try kustomize(kubectl, root.appendingPathComponent("clusters/fra1").path))
    }

    // MARK: Support

    struct BuiltObject {
        var id: ResourceID
        var specPath: String?
    }

    struct KustomizeFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// kubectl, or a failure saying how to install it: this test never skips.
    private func requireKubectl() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin"] {
            let candidate = folder + "/kubectl"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let message = """
            kubectl is not installed, so the kustomization files cannot be checked. Install it: \
            `curl -LO https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl && sudo install kubectl /usr/local/bin/` \
            (or apt-get install kubectl from pkgs.k8s.io); scripts/setup does this.
            """
        XCTFail(message)
        throw KustomizeFailure(description: message)
    }

    /// A copy of specs/ in a temporary folder, each file's text passed through `edit`.
    private func editedSpecs(_ edit: (String, String) -> String) throws -> URL {
        let specs = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ttlc-specs-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("specs").path) where file.hasSuffix(".ttl") {
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent("specs/\(file)"), encoding: .utf8)
            try edit(file, text).write(to: specs.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return specs
    }

    private func writeTree(_ files: [OutputFile]) throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("ttlc-kustomize-\(UUID().uuidString.prefix(8))")
        try OutputTree.write(files, to: root.path)
        return root
    }

    private func kustomize(_ kubectl: String, _ folder: String) throws -> [ResourceID] {
        try kustomizeDocuments(kubectl, folder).map(\.id)
    }

    /// `kubectl kustomize FOLDER`, read back as object identities (and Flux Kustomization paths).
    private func kustomizeDocuments(_ kubectl: String, _ folder: String) throws -> [BuiltObject] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = ["kustomize", folder]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problems = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw KustomizeFailure(description: "kubectl kustomize \(folder): \(String(decoding: problems, as: UTF8.self))")
        }
        return Self.objects(inYAML: String(decoding: data, as: UTF8.self))
    }

    /// The identity of each document of kubectl's output. kubectl prints keys sorted, top-level
    /// keys at column 0 and their fields two spaces in, names and namespaces as plain scalars.
    static func objects(inYAML text: String) -> [BuiltObject] {
        var out: [BuiltObject] = []
        for document in text.components(separatedBy: "\n---\n") where !document.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            var fields: [String: String] = [:]
            var section = ""
            for line in document.split(separator: "\n") {
                if !line.hasPrefix(" ") {
                    section = String(line.prefix { $0 != ":" })
                    let value = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { fields[section] = value }
                } else if line.hasPrefix("  "), !line.hasPrefix("   ") {
                    let key = line.dropFirst(2).prefix { $0 != ":" }
                    let value = line.dropFirst(2).drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
                    fields[section + "." + key] = value
                }
            }
            out.append(
                BuiltObject(
                    id: ResourceID(
                        apiVersion: fields["apiVersion"] ?? "", kind: fields["kind"] ?? "", namespace: fields["metadata.namespace"],
                        name: fields["metadata.name"] ?? ""),
                    specPath: fields["spec.path"]))
        }
        return out
    }
}
