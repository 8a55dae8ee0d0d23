import Foundation
import Ontology
import XCTest

/// What a folder given to a command yields: its spec files at any depth, sorted, hidden entries
/// and folders reached through links left out, a link to a file taken by its name.
final class SpecFilesTests: XCTestCase {
    func testAFolderYieldsItsSpecFilesSortedWithoutHiddenOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("specfiles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("specs")
        let elsewhere = root.appendingPathComponent("elsewhere")
        for path in ["specs/sub/deeper", "specs/.hidden", "elsewhere"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        for path in [
            "specs/b.ttl", "specs/a.YAML", "specs/sub/z.yml", "specs/sub/deeper/c.ttl", "specs/readme.md", "specs/.d.ttl",
            "specs/.hidden/e.ttl", "elsewhere/f.ttl",
        ] {
            try Data().write(to: root.appendingPathComponent(path))
        }
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("linked.ttl"), withDestinationURL: elsewhere.appendingPathComponent("f.ttl"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("linked-folder"), withDestinationURL: elsewhere)

        let base = folder.path
        XCTAssertEqual(
            try SpecFiles.collect([base + "/"]).get(),
            ["a.YAML", "b.ttl", "linked.ttl", "sub/deeper/c.ttl", "sub/z.yml"].map { base + "/" + $0 })
        // A file given is taken whatever its name; a path given twice once.
        XCTAssertEqual(
            try SpecFiles.collect([base + "/readme.md", base + "/sub", base + "/sub/z.yml"]).get(),
            [base + "/readme.md", base + "/sub/deeper/c.ttl", base + "/sub/z.yml"])
        guard case .failure(let empty) = SpecFiles.collect([root.appendingPathComponent("specs/.hidden/..").path + "/../elsewhere/nothing"]) else {
            return XCTFail("a missing path must fail")
        }
        XCTAssertEqual(empty.id, .inputUnreadable)
    }
}
