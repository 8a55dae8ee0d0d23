import Ontology
import XCTest

/// Each SHACL Core component on small inline shapes and data: id, message and location.
final class ShapeValidatorTests: XCTestCase {
    private let prefixes = """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix ex: <https://example.org/#> .

        """

    private func validate(shapes: String, data: String) throws -> [Diagnostic] {
        let (shapesGraph, shapesProblem) = readTurtle(prefixes + shapes, path: "shapes.ttl")
        XCTAssertNil(shapesProblem)
        let set = try ShapeSet.load(shapesGraph).get()
        let (dataGraph, dataProblem) = readTurtle(prefixes + data, path: "data.ttl")
        XCTAssertNil(dataProblem)
        return ShapeValidator(shapes: set).validate(GraphIndex(dataGraph))
    }

    private let thingShape = """
        ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:closed true ; sh:ignoredProperties ( rdf:type ) ;
            sh:property [ sh:path ex:size ; sh:datatype xsd:integer ; sh:minCount 1 ; sh:maxCount 1 ;
                          sh:minInclusive 1 ; sh:maxInclusive 10 ] ,
                        [ sh:path ex:code ; sh:pattern "^[a-z]+$" ; sh:minLength 2 ; sh:maxLength 4 ; sh:message "a short lowercase code" ] ,
                        [ sh:path ex:colour ; sh:in ( ex:Red ex:Green ) ] ,
                        [ sh:path ex:friend ; sh:class ex:Thing ; sh:nodeKind sh:IRI ] ,
                        [ sh:path ex:part ; sh:nodeKind sh:BlankNode ; sh:node ex:PartShape ] ,
                        [ sh:path ex:kind ; sh:hasValue "thing" ] .
        ex:PartShape a sh:NodeShape ; sh:closed true ;
            sh:property [ sh:path ex:weight ; sh:datatype xsd:decimal ; sh:minCount 1 ] .
        """

    func testConformingDataHasNoDiagnostics() throws {
        let diagnostics = try validate(
            shapes: thingShape,
            data: """
                ex:a a ex:Thing ; ex:size 3 ; ex:code "abc" ; ex:colour ex:Red ; ex:friend ex:b ; ex:part [ ex:weight 1.5 ] ; ex:kind "thing" .
                ex:b a ex:Thing ; ex:size 10 ; ex:kind "thing" .
                """)
        XCTAssertEqual(diagnostics, [])
    }

    func testEachComponentReportsAtTheTermToFix() throws {
        let diagnostics = try validate(
            shapes: thingShape,
            data: """
                ex:a a ex:Thing ;
                    ex:size "3" , 11 ;
                    ex:code "ABCDEF" ;
                    ex:colour ex:Blue ;
                    ex:friend ex:c , [ ] ;
                    ex:part [ ex:weight "heavy" ; ex:extra 1 ] , "part" ;
                    ex:unknown 1 .
                ex:c a ex:Other .
                ex:d a ex:Thing .
                """)
        let found = diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.id) \($0.message)" }
        // Names print as the spec's own prefix would write them (`:size`); values as written.
        // A value of the wrong datatype is reported once, not again by its range.
        let expected = [
            "11:5 shape.closed :unknown is not a property of :Thing :a",
            "6:19 shape.maxCount :Thing :a has 2 values of :size; at most 1 allowed",
            "6:13 shape.datatype :size must be an integer, found the string \"3\"",
            "6:19 shape.maxInclusive :size 11 is above the maximum 10",
            "7:13 shape.pattern :code \"ABCDEF\": expected a short lowercase code",
            "7:13 shape.maxLength :code \"ABCDEF\" is longer than 4 characters",
            "8:15 shape.in :colour must be one of :Red, :Green; found :Blue",
            "9:15 shape.class :friend must refer to a :Thing, found :c, a :Other",
            "9:22 shape.nodeKind :friend must be a reference to an object, found a [ … ] block",
            "9:22 shape.class :friend must refer to a :Thing, found [ … ], which has no type",
            "10:25 shape.datatype :weight must be a decimal number such as 1.5, found the string \"heavy\"",
            "10:35 shape.closed :extra is not a property of the :part block of :Thing :a",
            "10:50 shape.nodeKind :part must be a [ … ] block, found the string \"part\"",
            "5:1 shape.hasValue :Thing :a must have :kind \"thing\"",
            "13:1 shape.minCount :Thing :d is missing :size",
            "13:1 shape.hasValue :Thing :d must have :kind \"thing\"",
        ]
        XCTAssertEqual(Set(found), Set(expected), "\nfound:\n" + found.sorted().joined(separator: "\n"))
        XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .error && $0.focus != nil && $0.path != nil })
    }

    /// Bounds compare integers and decimals exactly: as Doubles, a decimal a hair above the
    /// maximum (then rounded in the output) and an integer past 2^53 passed.
    func testBoundsCompareIntegersAndDecimalsExactly() throws {
        let shapes = """
            ex:S a sh:NodeShape ; sh:targetClass ex:T ;
                sh:property [ sh:path ex:percent ; sh:maxInclusive 100.0 ; sh:minInclusive -0.5 ] ,
                            [ sh:path ex:count ; sh:maxInclusive 9007199254740992 ] .
            """
        let data = """
            ex:ok a ex:T ; ex:percent 100.000 , -0.50 , 0 , -0.0 ; ex:count 9007199254740992 .
            ex:bad a ex:T ; ex:percent 100.00000000000000001 , -0.50000000000000001 ; ex:count 9007199254740993 .
            ex:odd a ex:T ; ex:percent "NaN"^^xsd:double .
            """
        let found = try validate(shapes: shapes, data: data).map { "\($0.location!.line):\($0.location!.column) \($0.message)" }
        XCTAssertEqual(
            found.sorted(),
            [
                "6:28 :percent 100.00000000000000001 is above the maximum 100.0",
                "6:52 :percent -0.50000000000000001 is below the minimum -0.5",
                "6:84 :count 9007199254740993 is above the maximum 9007199254740992",
                "7:28 :percent must be a number ≤ 100.0, found NaN",
                "7:28 :percent must be a number ≥ -0.5, found NaN",
            ].sorted())
    }

    func testInverseAndSequencePaths() throws {
        let shapes = """
            ex:PeerShape a sh:NodeShape ; sh:targetClass ex:Peer ;
                sh:property [ sh:path [ sh:inversePath ex:peer ] ; sh:minCount 1 ; sh:class ex:Node ] ,
                            [ sh:path ( ex:password ex:key ) ; sh:minCount 1 ; sh:datatype xsd:string ] .
            """
        let good = try validate(
            shapes: shapes,
            data: "ex:n a ex:Node ; ex:peer ex:p .\nex:p a ex:Peer ; ex:password [ ex:key \"k\" ] .\n")
        XCTAssertEqual(good, [])
        let bad = try validate(
            shapes: shapes,
            data: "ex:n a ex:Router ; ex:peer ex:p .\nex:p a ex:Peer ; ex:password [ ex:key 7 ] .\nex:q a ex:Peer .\n")
        let found = Set(bad.map { "\($0.location!.line):\($0.location!.column) \($0.id) \($0.path!)" })
        XCTAssertEqual(
            found,
            [
                "5:1 shape.class ^:peer", "6:39 shape.datatype :password/:key",
                "7:1 shape.minCount ^:peer", "7:1 shape.minCount :password/:key",
            ])
    }

    func testUnsupportedFeaturesAreRefusedNotIgnored() throws {
        let (graph, _) = readTurtle(
            prefixes + "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .",
            path: "shapes.ttl")
        guard case .failure(let problem) = ShapeSet.load(graph) else { return XCTFail("expected a refusal") }
        XCTAssertEqual(problem.id, .shapesUnsupported)
        XCTAssertEqual(problem.location?.description, "shapes.ttl:5:74")
    }

    func testBuiltInShapesLoad() throws {
        let set = try ShapeSet.builtIn().get()
        XCTAssertFalse(set.targeted.isEmpty)
    }
}
