@testable import Emitters
import Foundation
import Planner
import TestSupport
import XCTest

/// `ttlc build --check`'s comparison of a build with a folder: which files are missing, changed
/// or extra, what it leaves out (hidden files and folders other than `.ttlc`), and what it does
/// with what is not a plain file.
final class OutputTreeCompareTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws {
        work = try scratchFolder()
    }

    private func file(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, bytes: Array(text.utf8), subjects: [])
    }

    private func put(_ path: String, _ text: String) throws {
        let url = work.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    private let built = [
        OutputFile(path: ".ttlc/inventory.json", bytes: Array("{}\n".utf8), subjects: []),
        OutputFile(path: "apps/a/deployment.yaml", bytes: Array("kind: Deployment\n".utf8), subjects: []),
        OutputFile(path: "apps/a/service.yaml", bytes: Array("kind: Service\n".utf8), subjects: []),
        OutputFile(path: "kustomization.yaml", bytes: Array("resources: []\n".utf8), subjects: []),
    ]

    private func writeBuilt() throws {
        for file in built { try put(file.path, String(decoding: file.bytes, as: UTF8.self)) }
    }

    func testAnEqualTreeHasNoDifferences() throws {
        try writeBuilt()
        XCTAssertEqual(OutputTree.compare(built, with: work.path), [])
    }

    func testMissingChangedAndExtraFilesAreNamedInPathOrder() throws {
        try writeBuilt()
        try FileManager.default.removeItem(at: work.appendingPathComponent("apps/a/service.yaml"))
        try put("apps/a/deployment.yaml", "kind: Deployment!\n")   // another length
        try put("kustomization.yaml", "resources: {}\n")           // the same length
        try put("apps/b/old.yaml", "kind: Old\n")
        try put("zz.yaml", "x\n")
        XCTAssertEqual(OutputTree.compare(built, with: work.path), [
            .changed("apps/a/deployment.yaml"), .missing("apps/a/service.yaml"), .extra("apps/b/old.yaml"),
            .changed("kustomization.yaml"), .extra("zz.yaml"),
        ])
    }

    func testAnEmptyFileAndAnEmptyExpectedFileCompareByContent() throws {
        let files = [file("empty.yaml", ""), file("full.yaml", "a: 1\n")]
        try put("empty.yaml", "")
        try put("full.yaml", "")
        XCTAssertEqual(OutputTree.compare(files, with: work.path), [.changed("full.yaml")])
    }

    func testHiddenFilesAndFoldersOtherThanTTLCAreNotTTLCs() throws {
        try writeBuilt()
        try put(".git/HEAD", "ref: refs/heads/main\n")
        try put(".git/objects/ab/cdef", "blob\n")
        try put("apps/.editor-swap", "x\n")
        try put("apps/a/.hidden/inside.yaml", "x\n")
        try put(".ttlc/stray.json", "{}\n")
        XCTAssertEqual(OutputTree.compare(built, with: work.path), [.extra(".ttlc/stray.json")])
    }

    func testAMissingFolderHasEveryFileMissing() throws {
        let absent = work.appendingPathComponent("absent").path
        XCTAssertEqual(OutputTree.compare(built, with: absent), built.map { .missing($0.path) })
    }

    func testAFolderWhereAFileBelongsIsMissingAndItsFilesAreExtra() throws {
        try writeBuilt()
        try FileManager.default.removeItem(at: work.appendingPathComponent("kustomization.yaml"))
        try put("kustomization.yaml/inner.yaml", "x\n")
        XCTAssertEqual(OutputTree.compare(built, with: work.path), [
            .missing("kustomization.yaml"), .extra("kustomization.yaml/inner.yaml"),
        ])
    }

    func testALinkToAFileComparesByWhatItPointsAtAndALinkedFolderIsNotEntered() throws {
        try writeBuilt()
        let outside = work.appendingPathComponent("../outputcompare-outside-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try "kind: Service\n".write(to: outside.appendingPathComponent("service.yaml"), atomically: false, encoding: .utf8)
        try "x\n".write(to: outside.appendingPathComponent("other.yaml"), atomically: false, encoding: .utf8)
        let service = work.appendingPathComponent("apps/a/service.yaml")
        try FileManager.default.removeItem(at: service)
        try FileManager.default.createSymbolicLink(at: service, withDestinationURL: outside.appendingPathComponent("service.yaml"))
        try FileManager.default.createSymbolicLink(at: work.appendingPathComponent("linked"), withDestinationURL: outside)
        XCTAssertEqual(OutputTree.compare(built, with: work.path), [])
    }

    func testAFIFOWhereAFileBelongsIsChangedWithoutWaitingOnIt() throws {
        try writeBuilt()
        let service = work.appendingPathComponent("apps/a/service.yaml").path
        try FileManager.default.removeItem(atPath: service)
        XCTAssertEqual(mkfifo(service, 0o644), 0)
        try put("apps/a/extra-fifo-neighbour.yaml", "x\n")
        XCTAssertEqual(OutputTree.compare(built, with: work.path), [
            .extra("apps/a/extra-fifo-neighbour.yaml"), .changed("apps/a/service.yaml"),
        ])
    }

    func testAWideTreeComparesOnEveryCoreAndFindsOneChangedByte() throws {
        var files: [OutputFile] = []
        for folder in 0..<40 {
            for index in 0..<50 {
                files.append(file("apps/ns\(folder)/f\(index).yaml", "name: f\(index)\nfolder: \(folder)\n" + String(repeating: "x", count: index * 97)))
            }
        }
        files.sort { $0.path < $1.path }
        try OutputTree.write(files, to: work.path)
        XCTAssertEqual(OutputTree.compare(files, with: work.path), [])
        let victim = files[1_234]
        var bytes = victim.bytes
        bytes[bytes.count - 1] = UInt8(ascii: "y")
        try Data(bytes).write(to: work.appendingPathComponent(victim.path))
        XCTAssertEqual(OutputTree.compare(files, with: work.path), [.changed(victim.path)])
    }
}
