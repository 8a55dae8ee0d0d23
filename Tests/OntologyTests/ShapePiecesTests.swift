import XCTest

@testable import Ontology

/// The shapes' checks run in pieces (beside the model reader, on whichever core is free); with
/// equal diagnostics kept once, pieces of any size must report what one pass reports. Nested
/// shapes reach shared nodes from focus nodes in different pieces: the case where a piece
/// repeats an earlier one.
final class ShapePiecesTests: XCTestCase {
    private let text = """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix ex: <https://example.org/#> .

        ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:size ; sh:datatype xsd:integer ; sh:minCount 1 ; sh:maxInclusive 10 ] ,
                        [ sh:path ex:part ; sh:node ex:PartShape ] .
        ex:PartShape a sh:NodeShape ;
            sh:property [ sh:path ex:weight ; sh:datatype xsd:integer ; sh:minCount 1 ] .
        ex:KindShape a sh:NodeShape ; sh:targetClass ex:Kind ;
            sh:property [ sh:path ex:label ; sh:minCount 1 ] .

        """

    func testPiecesReportWhatOnePassReports() throws {
        let (shapesGraph, shapesProblem) = readTurtle(text, path: "shapes.ttl")
        XCTAssertNil(shapesProblem)
        let validator = ShapeValidator(shapes: try ShapeSet.load(shapesGraph).get())
        // 120 things, some too big, some without size, all sharing a few parts without weight.
        var data = text
        for n in 0..<120 {
            let size = n % 4 == 0 ? "" : "ex:size \(n % 15) ;"
            data += "ex:t\(n) a ex:Thing ; \(size) ex:part ex:shared\(n % 3) , [ ex:weight \"heavy\" ] .\n"
            if n % 10 == 0 { data += "ex:k\(n) a ex:Kind .\n" }
        }
        let (graph, problem) = readTurtle(data, path: "data.ttl")
        XCTAssertNil(problem)
        let index = GraphIndex(graph)
        let checks = validator.focusChecks(index, skippingFocus: [])
        XCTAssertEqual(checks.count, 132)
        let whole = SpecValidation.distinct(SpecValidation.sorted(validator.validate(index)))
        XCTAssertGreaterThan(whole.count, 100)
        for pieces in [2, 7, 32, 132] {
            let pieced = (0..<pieces).flatMap { piece in
                validator.validate(index, checks[(checks.count * piece / pieces)..<(checks.count * (piece + 1) / pieces)], reported: [])
            }
            XCTAssertEqual(SpecValidation.distinct(SpecValidation.sorted(pieced)), whole, "\(pieces) pieces")
        }
    }

    func testTheQueueGivesEveryPieceOnceInOrder() {
        let queue = PieceQueue<Int>()
        // A thread that comes before the work is open leaves with nothing done.
        queue.work()
        queue.open(pieces: 50) { piece, pieces in piece * 1_000 + pieces }
        DispatchQueue.concurrentPerform(iterations: 2) { _ in queue.work() }
        XCTAssertEqual(queue.results, (0..<50).map { $0 * 1_000 + 50 })
    }
}
