@testable import Emitters
import Foundation
import Planner
import TestSupport
import XCTest

/// Writing an output tree over a previous one: the new tree exactly, the old one gone without
/// a trace beside it, and nothing outside it touched through a link inside it.
final class OutputTreeTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws {
        work = try scratchFolder()
    }

    private func file(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, bytes: Array(text.utf8), subjects: [])
    }

    /// Every file under `root` (links too, not followed) with its contents, by relative path.
    private func contents(_ root: URL) throws -> [String: String] {
        var found: [String: String] = [:]
        let walker = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path))
        for case let relative as String in walker {
            let url = root.appendingPathComponent(relative)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?: continue
            case .typeSymbolicLink?: found[relative] = "-> " + (try FileManager.default.destinationOfSymbolicLink(atPath: url.path))
            default: found[relative] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return found
    }

    func testASecondTreeReplacesTheFirstExactly() throws {
        let out = work.appendingPathComponent("ops")
        let first = [file("top.yaml", "1"), file("a/b/c/deep.yaml", "2"), file("a/x.yaml", "3"), file("gone/only.yaml", "4"),
                     file("a-b/y.yaml", "5"), file(".ttlc/inventory.json", "6")]
        try OutputTree.write(first, to: out.path)
        XCTAssertEqual(try contents(out), ["top.yaml": "1", "a/b/c/deep.yaml": "2", "a/x.yaml": "3", "gone/only.yaml": "4",
                                           "a-b/y.yaml": "5", ".ttlc/inventory.json": "6"])

        // The old tree holds things ttlc did not write: a file, and links to a file and a
        // folder outside it, which must be removed as links, their targets left alone.
        let outside = work.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "keep".write(to: outside.appendingPathComponent("kept.txt"), atomically: true, encoding: .utf8)
        try "hand".write(to: out.appendingPathComponent("a/b/hand-made.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("a/link-to-folder").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("link-to-file").path,
                                                   withDestinationPath: outside.appendingPathComponent("kept.txt").path)

        let second = [file("top.yaml", "one"), file("a/b/new.yaml", "7"), file("z/z/z.yaml", "8")]
        try OutputTree.write(second, to: out.path)
        XCTAssertEqual(try contents(out), ["top.yaml": "one", "a/b/new.yaml": "7", "z/z/z.yaml": "8"])
        XCTAssertEqual(try contents(outside), ["kept.txt": "keep"])
        // Beside the output: only it and the folder outside, no staging or previous tree left.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(), ["ops", "outside"])
    }

    /// A tree wide enough that its removal is shared out between cores (more than 64 folders at
    /// one level, as the namespaces of a large build): every level goes, from the top files to
    /// the deepest, with what ttlc did not write among them, and links are removed, not followed.
    func testAWideTreeIsReplacedExactly() throws {
        let out = work.appendingPathComponent("ops")
        var first = [file("top.yaml", "t"), file(".ttlc/inventory.json", "i")]
        for namespace in 0..<150 {
            first.append(file("apps/ns\(namespace)/kustomization.yaml", "k"))
            for service in 0..<3 {
                first.append(file("apps/ns\(namespace)/s\(service)/deployment.yaml", "\(namespace).\(service)"))
                first.append(file("apps/ns\(namespace)/s\(service)/deep/er/config.yaml", "c"))
            }
        }
        try OutputTree.write(first, to: out.path)
        XCTAssertEqual(try contents(out).count, first.count)

        let outside = work.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try "keep".write(to: outside.appendingPathComponent("inner/kept.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("apps/ns7/s1/hand/made"), withIntermediateDirectories: true)
        try "hand".write(to: out.appendingPathComponent("apps/ns7/s1/hand/made/x.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("apps/ns99/s2/deep/link").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("apps/link").path, withDestinationPath: outside.path)

        // Removed by its own steps, not by FileManager's second try (which would hide a folder
        // the shared-out removal left behind).
        let copy = work.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: out, to: copy)
        // Chains of folders deeper than any path may be long, in a shared-out folder and from
        // the top: removed from their open parents, on worker threads' stacks.
        for tree in [out, copy] {
            try deepChain(under: tree.appendingPathComponent("apps/ns3"), depth: 3_000)
            try deepChain(under: tree, depth: 3_000)
        }
        XCTAssertTrue(OutputTree.removeTree(copy.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path))
        // A tree that is only a chain never grows wide enough to be shared out.
        let narrow = work.appendingPathComponent("narrow")
        try FileManager.default.createDirectory(at: narrow, withIntermediateDirectories: true)
        try deepChain(under: narrow, depth: 3_000)
        XCTAssertTrue(OutputTree.removeTree(narrow.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: narrow.path))

        let second = [file("apps/ns0/s0/deployment.yaml", "new"), file("other/x.yaml", "x")]
        try OutputTree.write(second, to: out.path)
        XCTAssertEqual(try contents(out), ["apps/ns0/s0/deployment.yaml": "new", "other/x.yaml": "x"])
        XCTAssertEqual(try contents(outside), ["inner/kept.txt": "keep"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(), ["ops", "outside"])
    }

    /// `depth` nested folders named `d` under `folder`, a file at the bottom: made from each open
    /// parent, since the whole path is longer than the system takes.
    private func deepChain(under folder: URL, depth: Int) throws {
        var fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        for _ in 0..<depth {
            XCTAssertEqual(mkdirat(fd, "d", 0o755), 0)
            let child = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = child
            XCTAssertGreaterThanOrEqual(fd, 0)
        }
        let file = openat(fd, "bottom.yaml", O_WRONLY | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(file, 0)
        close(file)
        close(fd)
    }

    /// A path that would leave the tree is refused before anything is written, and the previous
    /// tree stays.
    func testAPathOutsideTheTreeWritesNothing() throws {
        let out = work.appendingPathComponent("ops")
        try OutputTree.write([file("kept.yaml", "1")], to: out.path)
        for stray in ["apps/ns/../../../escape/x.yaml", "../x.yaml", "/tmp/x.yaml", "a//b.yaml", "a/./b.yaml", "a/", "", ".", "..", "a/..", "a/.", "/"] {
            XCTAssertThrowsError(try OutputTree.write([file("fine.yaml", "2"), file(stray, "3")], to: out.path), stray)
        }
        XCTAssertEqual(try contents(out), ["kept.yaml": "1"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(), ["ops"])
        // Names that only hold dots are parts of the tree all the same.
        let dotted = ["...", ".ttlc/x.json", "a/.b", "a/..c/d..", "x/.../y"]
        try OutputTree.write(dotted.map { file($0, $0) }, to: out.path)
        XCTAssertEqual(try contents(out), Dictionary(uniqueKeysWithValues: dotted.map { ($0, $0) }))
    }

    /// A folder that cannot be made is said as the system says it (it was an NSError dump).
    func testAFailureSaysWhyInTheSystemsWords() throws {
        let plain = work.appendingPathComponent("plain-file")
        try "x".write(to: plain, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try OutputTree.write([file("a.yaml", "1")], to: plain.appendingPathComponent("ops").path)) { error in
            XCTAssertEqual("\(error)", "\(plain.path): File exists")
        }
    }

    func testAFileThatCannotBeCreatedIsNamedWithTheSystemsReasonAndNothingIsReplaced() throws {
        let target = work.appendingPathComponent("ops")
        try OutputTree.write([file("apps/a.yaml", "old")], to: target.path)
        // A name longer than a folder entry may be (255 bytes): created relative to its open
        // folder, from the path's own bytes, the system refuses it.
        let long = "apps/" + String(repeating: "n", count: 300) + ".yaml"
        XCTAssertThrowsError(try OutputTree.write([file("apps/b.yaml", "new"), file(long, "x")], to: target.path)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("cannot create "), text)
            XCTAssertTrue(text.hasSuffix("/\(long): File name too long"), text)
        }
        XCTAssertEqual(try contents(target), ["apps/a.yaml": "old"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted(), ["ops"])
    }
}
