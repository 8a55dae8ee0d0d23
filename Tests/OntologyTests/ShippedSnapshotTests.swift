import Foundation
import TestSupport
import XCTest

@testable import Ontology

/// The built-in shapes and vocabulary are compiled in as Swift (`ShippedShapes.swift`,
/// `ShippedVocabulary.swift`) made from `Resources/shapes.ttl` and `Resources/ttlc.ttl`: each
/// file must be what this test makes from the Turtle file today, and must compile to what reading
/// the Turtle file gives. `UPDATE_GOLDEN=1` rewrites the two files (and fails, so that the
/// rewrite is looked at); rebuild before the next run.
final class ShippedSnapshotTests: XCTestCase {
    func testShippedShapesAreShapesTtl() throws {
        let read = try ShapeSet.readShipped().get()
        try assertSource(ShippedSource.shapes(read), "Sources/Ontology/Shapes/ShippedShapes.swift")
        let shipped = try ShapeSet.builtIn().get()
        XCTAssertEqual(shipped, ShapeSet(ordered: read))
        XCTAssertEqual(shipped.targeted.count, read.filter { !$0.targetClasses.isEmpty }.count)
    }

    func testShippedVocabularyIsTtlcTtl() throws {
        let read = try XCTUnwrap(Vocabulary.readShipped())
        try assertSource(ShippedSource.vocabulary(read), "Sources/Ontology/Vocabulary/ShippedVocabulary.swift")
        XCTAssertEqual(Vocabulary.builtIn, read)
        XCTAssertFalse(read.ranges.isEmpty)
    }

    /// The printer writes what it is given: a shape set that differs in one constraint prints
    /// differently (so the comparison above can fail).
    func testPrinterShowsAChange() throws {
        var read = try ShapeSet.readShipped().get()
        let before = ShippedSource.shapes(read)
        read[0].properties[0].constraints.append(.minCount(7))
        XCTAssertNotEqual(ShippedSource.shapes(read), before)
    }

    private func assertSource(_ text: String, _ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertCommittedText(text, at: repositoryRoot.appendingPathComponent(path), shown: path, file: file, line: line)
    }
}

/// Swift source for the shipped shapes and vocabulary.
enum ShippedSource {
    static func shapes(_ shapes: [NodeShape]) -> String {
        var out = """
            // Made from Resources/shapes.ttl by ShippedSnapshotTests (UPDATE_GOLDEN=1 swift test
            // --filter ShippedSnapshotTests); do not edit. The test holds it equal to the file.

            extension ShapeSet {
                /// The shapes of Resources/shapes.ttl in the order it writes them; `pattern` makes
                /// each sh:pattern constraint from its text.
                static func shipped(_ pattern: (String) throws -> Constraint) rethrows -> [NodeShape] {
                    [

            """
        for shape in shapes {
            out += "            NodeShape(\n"
            out += "                id: \(term(shape.id)), targetClasses: \(strings(shape.targetClasses)), closed: \(shape.closed),\n"
            out += "                ignoredProperties: \(strings(shape.ignoredProperties.sorted())),\n"
            out += "                properties: [\n"
            for property in shape.properties {
                out += "                    PropertyShape(\n"
                out += "                        path: \(path(property.path)),\n"
                out += "                        constraints: [\(property.constraints.map(constraint).joined(separator: ", "))],\n"
                out += "                        message: \(property.message.map(literal) ?? "nil")),\n"
            }
            out += "                ]),\n"
        }
        out += "        ]\n    }\n}\n"
        return out
    }

    static func vocabulary(_ vocabulary: Vocabulary) -> String {
        var out = """
            // Made from Resources/ttlc.ttl by ShippedSnapshotTests (UPDATE_GOLDEN=1 swift test
            // --filter ShippedSnapshotTests); do not edit. The test holds it equal to the file.

            extension Vocabulary {
                /// The property ranges, classes and version of Resources/ttlc.ttl.
                static let shipped = Vocabulary(
                    ranges: [

            """
        for (local, range) in vocabulary.ranges.sorted(by: { $0.key < $1.key }) {
            out += "            \(literal(local)): \(self.range(range)),\n"
        }
        out += "        ],\n"
        out += "        classes: [\n"
        for name in vocabulary.classes.sorted() { out += "            \(literal(name)),\n" }
        out += "        ],\n"
        out += "        version: \(vocabulary.version.map(literal) ?? "nil"))\n}\n"
        return out
    }

    private static func range(_ range: Vocabulary.Range) -> String {
        switch range {
        case .datatype(let iri): ".datatype(\(literal(iri)))"
        case .reference(let iri): ".reference(classIRI: \(literal(iri)))"
        case .vocabularyTerm(let iri): ".vocabularyTerm(classIRI: \(literal(iri)))"
        }
    }

    private static func constraint(_ constraint: Constraint) -> String {
        switch constraint {
        case .datatype(let iri): ".datatype(\(literal(iri)))"
        case .shClass(let iri): ".shClass(\(literal(iri)))"
        case .nodeKind(let kind): ".nodeKind(.\(nodeKind(kind)))"
        case .minCount(let n): ".minCount(\(n))"
        case .maxCount(let n): ".maxCount(\(n))"
        case .pattern(let text, _): "try pattern(\(literal(text)))"
        case .oneOf(let terms): ".oneOf([\(terms.map(term).joined(separator: ", "))])"
        case .minInclusive(let bound): ".minInclusive(\(literal(bound)))"
        case .maxInclusive(let bound): ".maxInclusive(\(literal(bound)))"
        case .minLength(let n): ".minLength(\(n))"
        case .maxLength(let n): ".maxLength(\(n))"
        case .hasValue(let value): ".hasValue(\(term(value)))"
        case .node(let shape): ".node(\(term(shape)))"
        }
    }

    private static func nodeKind(_ kind: NodeKind) -> String {
        switch kind {
        case .iri: "iri"
        case .blankNode: "blankNode"
        case .literal: "literal"
        case .blankNodeOrIRI: "blankNodeOrIRI"
        case .blankNodeOrLiteral: "blankNodeOrLiteral"
        case .iriOrLiteral: "iriOrLiteral"
        }
    }

    private static func path(_ path: ShapePath) -> String {
        switch path {
        case .predicate(let iri): ".predicate(\(literal(iri)))"
        case .inverse(let inner): ".inverse(\(self.path(inner)))"
        case .sequence(let steps): ".sequence([\(steps.map(self.path).joined(separator: ", "))])"
        }
    }

    private static func term(_ term: Term) -> String {
        switch term {
        case .iri(let iri): ".iri(\(literal(iri)))"
        case .blank(let label, let scope): ".blank(\(literal(label)), scope: \(scope))"
        case .literal(let text, let datatype, let language):
            ".literal(\(literal(text)), datatype: \(datatype.map(literal) ?? "nil"), language: \(language.map(literal) ?? "nil"))"
        }
    }

    private static func strings(_ strings: [String]) -> String {
        "[" + strings.map(literal).joined(separator: ", ") + "]"
    }

    /// A Swift string literal of `text`, in ASCII: backslash, quote, controls and every scalar
    /// past ASCII escaped.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value >= 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
