import Emitters
import Foundation
import Planner
import TestSupport
import XCTest

/// Compares emitted files with the folder `golden/<name>/`: every file, no missing or extra one;
/// each changed file names its first differing line. `UPDATE_GOLDEN=1` rewrites the folder.
public func assertGoldenFolder(_ files: [OutputFile], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let folder = Golden.url(name)
    if Golden.rewriting {
        try OutputTree.write(files, to: folder.path)
        Golden.rewritten(name, file: file, line: line)
        return
    }
    let differences = OutputTree.compare(files, with: folder.path)
    XCTAssertEqual(differences, [], "golden/\(name) differs; if the change is intended, run UPDATE_GOLDEN=1 swift test", file: file, line: line)
    for case .changed(let path) in differences {
        let expected = (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
        let actual = String(decoding: files.first { $0.path == path }?.bytes ?? [], as: UTF8.self)
        if let first = Golden.firstDifference(expected, actual) {
            XCTFail("\(path):\(first.line): expected «\(first.expected)», got «\(first.actual)»", file: file, line: line)
        }
    }
}
