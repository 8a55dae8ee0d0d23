import Foundation
import Ontology
import Planner
import TestSupport
import XCTest

@testable import Emitters

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
