import Foundation
import Ontology
import Planner
import XCTest

@testable import Emitters

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Builds spec files in memory, as `ttlc build` does, failing the test on any error.
func build(_ paths: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [OutputFile] {
    var graph = Graph()
    for path in try SpecFiles.collect(paths.map { $0.hasPrefix("/") ? $0 : repositoryRoot.appendingPathComponent($0).path }).get() {
        if let problem = SpecLoader().load(path: path, into: &graph) { XCTFail("\(problem)", file: file, line: line) }
    }
    let diagnostics = try SpecValidation.builtIn().get().validate(graph)
    XCTAssertEqual(diagnostics.filter { $0.severity == .error }, [], file: file, line: line)
    let model = ModelReader(graph: graph).read()
    XCTAssertEqual(CrossChecks.run(model), [], file: file, line: line)
    let resources = Emitters.resources(model)
    XCTAssertEqual(Emitters.check(resources), [], file: file, line: line)
    return Emitters.files(model, resources: resources)
}

/// Compares a build with `golden/<name>/` byte for byte (swift-snapshot-testing's habit: verify
/// by default; `UPDATE_GOLDEN=1` rewrites the folder and still fails, so a rewrite is always
/// looked at; CI never sets it).
func assertGolden(_ files: [OutputFile], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let folder = repositoryRoot.appendingPathComponent("golden/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try OutputTree.write(files, to: folder.path)
        XCTFail("golden/\(name) rewritten (UPDATE_GOLDEN=1): review the diff, then run without it", file: file, line: line)
        return
    }
    let differences = OutputTree.compare(files, with: folder.path)
    XCTAssertEqual(differences, [], "golden/\(name) differs; if the change is intended, run UPDATE_GOLDEN=1 swift test", file: file, line: line)
    for case .changed(let path) in differences {
        let expected = (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
        let actual = String(decoding: files.first { $0.path == path }?.bytes ?? [], as: UTF8.self)
        let firstDifference = zip(expected.split(separator: "\n", omittingEmptySubsequences: false), actual.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        if let (lineNumber, (want, got)) = firstDifference {
            XCTFail("\(path):\(lineNumber + 1): expected «\(want)», got «\(got)»", file: file, line: line)
        }
    }
}
