import Foundation
import XCTest

@testable import Planner

/// The shortcuts the plan's comparison takes must agree with the slow ways: tree ids hashed
/// without writing equal the ids libgit2 writes, an audit header read without its list of
/// changes equals the full read, and objects are counted by `---` lines as before.
final class StateComparisonTests: XCTestCase {
    func testHashedTreeIdsEqualWrittenTrees() throws {
        let location = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-hashed-tree-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: location) }
        let repository = try GitRepository.create(location, branch: "main")
        // Git orders a folder as if its name ended in "/": foo-bar, foo.txt, foo/, foo0.
        let names = ["foo/x.yaml", "foo/y/z.yaml", "foo.txt", "foo-bar", "foo0", "Z", "a", "é/ü.yaml", ".ttlc/inventory.json", "deep/er/and/deeper/f"]
        var files: [String: [UInt8]] = [:]
        for (index, name) in names.enumerated() { files[name] = Array("content \(index)\n".utf8) }
        files["empty"] = []
        var written: [String: ObjectID] = [:]
        for (path, bytes) in files { written[path] = try repository.writeBlob(bytes) }
        let hashed = try HashedTree(files)
        XCTAssertEqual(hashed.root, try repository.writeTree(written))
        XCTAssertEqual(try HashedTree([:]).root, try repository.writeTree([:]))
        // The entries of a hashed tree are what the written tree holds.
        let entries = hashed.entries(of: hashed.root).mapValues { "\($0.id) \($0.isTree)" }
        XCTAssertEqual(entries, try repository.entries(of: hashed.root).mapValues { "\($0.id) \($0.isTree)" })
        XCTAssertThrowsError(try HashedTree(["a/../b": []]))
        XCTAssertThrowsError(try HashedTree(["x/.git/config": []]))
    }

    func testAuditHeaderWithoutChangesEqualsTheFullRecord() {
        let record = AuditRecord(
            time: "2026-11-26T00:00:00Z", author: "a <a@b>", kind: "rollback", specDigest: "s", base: "b", planDigest: "p", approver: "c <c@d>",
            rollbackOf: "r", message: "tricky \"changes\":[ ] } { \\",
            changes: (0..<50).map { AuditRecord.Entry(action: "create", target: "T/\($0) \"]}", file: "f\($0)", operation: "create", verdict: "allowed", rule: "") })
        let line = record.line()
        var header = record
        header.changes = []
        // A record without an id is named by its line in the log.
        header.id = "op-2"
        XCTAssertEqual(AuditRecord.last(Array(("{\"time\": \"old\"}\n" + line).utf8)), header)
        header.id = "op-1"
        XCTAssertEqual(AuditRecord.read(AuditRecord.withoutChanges(Array(line.utf8)[...])), [header])
        // Another key order, spaces, and a list that is not last.
        let reordered = "{ \"changes\" : [ {\"a\": [1, {\"b\": \"]\"}]} ] , \"time\": \"t\", \"kind\": \"rollback\", \"base\": \"x\" }"
        XCTAssertEqual(
            AuditRecord.withoutChanges(Array(reordered.utf8)[...]),
            Array("{ \"changes\" : [] , \"time\": \"t\", \"kind\": \"rollback\", \"base\": \"x\" }".utf8))
        XCTAssertEqual(AuditRecord.last(Array(reordered.utf8))?.base, "x")
        // A nested "changes" is left alone; a broken line is handed on whole.
        let nested = "{\"approval\": {\"changes\": [1]}, \"time\": \"t\"}"
        XCTAssertEqual(AuditRecord.withoutChanges(Array(nested.utf8)[...]), Array(nested.utf8))
        XCTAssertEqual(AuditRecord.withoutChanges(Array("{\"changes\": [\"x".utf8)[...]), Array("{\"changes\": [\"x".utf8))
    }

    func testObjectsAreCountedBySeparatorLines() {
        func reference(_ text: String) -> Int {
            // Lines ended by a newline that are exactly "---".
            1 + text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().filter { $0 == "---" }.count
        }
        for text in ["", "a: 1\n", "---\n", "---", "a: 1\n---\nb: 2\n", "---\n---\n", "a\n---\n---\nb\n", "a\n --- \n----\n---", "\n---\n"] {
            XCTAssertEqual(Planning.objectCount(Array(text.utf8), path: "f.yaml"), reference(text), text)
        }
        XCTAssertEqual(Planning.objectCount(Array("---\n---\n".utf8), path: "bird.conf"), 1)
    }
}
