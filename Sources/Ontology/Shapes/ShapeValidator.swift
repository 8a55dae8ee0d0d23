/// SHACL Core validation over a located graph (SHACL §2–4, the components in `Constraint`).
///
/// The verdict (conforms or not) is SHACL's; the diagnostics go further than a validation
/// report: each carries the location of the term to fix, and a value that fails a nested
/// `sh:node` shape is reported by its own inner violations rather than as one opaque failure.
public struct ShapeValidator: Sendable {
    public let shapes: ShapeSet
    /// A number for each shape (in the order of its term's N-Triples text), the key of a run's
    /// visited pairs and of its closed shapes' allowed predicates. Numbered once here: every run
    /// (one for each piece of a validation) sorted the shapes again, making both terms' text for
    /// every comparison (1.5 % of a 1,000-service build's instructions).
    let shapeNumbers: [Term: Int]

    public init(shapes: ShapeSet) {
        self.shapes = shapes
        let keyed = shapes.shapes.keys.map { (key: $0, text: $0.description) }.sorted { $0.text < $1.text }
        self.shapeNumbers = Dictionary(uniqueKeysWithValues: keyed.enumerated().map { ($0.element.key, $0.offset) })
    }

    /// A value reached through a path, with the triple that states it.
    struct Value {
        var node: TermID
        var triple: Int
        var position: TriplePosition
    }

    /// `reported` lists triples another check already reported (an unknown property, a dangling
    /// reference): they still count for cardinality, but are not reported a second time.
    /// Focus nodes in `skippingFocus` are not checked at all.
    public func validate(_ index: GraphIndex, reported skipped: Set<Int> = [], skippingFocus: Set<TermID> = []) -> [Diagnostic] {
        validate(index, focusChecks(index, skippingFocus: skippingFocus)[...], reported: skipped)
    }

    /// Every (shape, focus node) pair to check, in order: the targeted shapes, each with its
    /// focus nodes. Checking them in consecutive pieces, each piece on its own, and keeping the
    /// first of equal diagnostics finds what one pass over all of them finds (a node a piece
    /// reaches again through a nested shape repeats what an earlier piece reported).
    func focusChecks(_ index: GraphIndex, skippingFocus: Set<TermID>) -> [(shape: Int, focus: TermID)] {
        let run = Run(index: index, validator: self, skipped: [])
        var checks: [(shape: Int, focus: TermID)] = []
        for (number, shape) in shapes.targeted.enumerated() {
            for focus in run.focusNodes(shape) where !skippingFocus.contains(focus) {
                checks.append((number, focus))
            }
        }
        return checks
    }

    /// The diagnostics of some of `focusChecks`.
    func validate(_ index: GraphIndex, _ checks: ArraySlice<(shape: Int, focus: TermID)>, reported skipped: Set<Int>) -> [Diagnostic] {
        var run = Run(index: index, validator: self, skipped: skipped)
        for check in checks {
            run.check(check.focus, against: shapes.targeted[check.shape])
        }
        return run.diagnostics
    }

    /// A focus node checked against a shape (by its number).
    struct Visit: Hashable {
        var focus: TermID
        var shape: Int
    }

    /// A value tested against a pattern: equal values are one interned term, so the pair says
    /// the outcome.
    struct PatternTest: Hashable {
        var pattern: ObjectIdentifier
        var value: TermID
    }

    struct Run {
        let index: GraphIndex
        let shapes: ShapeSet
        let skipped: Set<Int>
        var diagnostics: [Diagnostic] = []
        /// (focus, shape) pairs already checked: shapes may reach a node twice, or cycle.
        var visited: Set<Visit> = []
        let shapeNumbers: [Term: Int]
        var allowedByShape: [Int: Set<TermID>] = [:]
        /// Outcomes of pattern tests already made: values repeat across objects (`100m`,
        /// `128Mi`, `/healthz`, an image), and a match through NSRegularExpression cost about
        /// 7,000 instructions (3 % of a 1,000-service build) where a lookup costs a hash.
        var patternOutcomes: [PatternTest: Bool] = [:]

        init(index: GraphIndex, validator: ShapeValidator, skipped: Set<Int>) {
            self.index = index
            self.shapes = validator.shapes
            self.shapeNumbers = validator.shapeNumbers
            self.skipped = skipped
        }

        var graph: Graph { index.graph }

        func focusNodes(_ shape: NodeShape) -> [TermID] {
            var nodes: [TermID] = []
            var seen: Set<TermID> = []
            for classIRI in shape.targetClasses {
                guard let classID = graph.terms.lookup(.iri(classIRI)) else { continue }
                for tripleIndex in index.byObject[classID] where graph.triples[tripleIndex].predicate == index.rdfType {
                    let subject = graph.triples[tripleIndex].subject
                    if seen.insert(subject).inserted { nodes.append(subject) }
                }
            }
            return nodes
        }

        mutating func check(_ focus: TermID, against shape: NodeShape) {
            let shapeNumber = shapeNumbers[shape.id] ?? -1
            guard visited.insert(Visit(focus: focus, shape: shapeNumber)).inserted else { return }
            if shape.closed {
                let allowed = allowedPredicates(shape, shapeNumber)
                for tripleIndex in index.bySubject[focus] where !skipped.contains(tripleIndex) {
                    let triple = graph.triples[tripleIndex]
                    if !allowed.contains(triple.predicate) {
                        let predicate = graph.terms.text(triple.predicate)
                        report(
                            .shapeClosed, "\(TermNames.compact(predicate)) is not a property of \(describeFocus(focus))",
                            at: graph.location(of: triple, .predicate), focus: focus, path: TermNames.compact(predicate),
                            value: triple.object)
                    }
                }
            }
            for property in shape.properties {
                checkProperty(focus, property)
            }
        }

        /// A closed shape's allowed predicates as term ids, worked out once per shape (a
        /// predicate the graph never uses has no id and cannot occur).
        mutating func allowedPredicates(_ shape: NodeShape, _ number: Int) -> Set<TermID> {
            if let known = allowedByShape[number] { return known }
            let ids = Set(shape.allowedPredicates.compactMap { graph.terms.lookup(.iri($0)) })
            allowedByShape[number] = ids
            return ids
        }

        mutating func checkProperty(_ focus: TermID, _ property: PropertyShape) {
            let values = evaluate(property.path, from: focus)
            var path: String { property.path.description }
            // A value of the wrong datatype is reported once, as such: its pattern or range would
            // only repeat the same mistake.
            var illTyped: Set<Int> = []
            for case .datatype(let datatype) in property.constraints {
                for value in values where !skipped.contains(value.triple) && !LiteralForms.hasDatatype(graph.terms.term(value.node), datatype) {
                    illTyped.insert(value.triple)
                }
            }
            for constraint in property.constraints {
                switch constraint {
                case .minCount(let minimum) where values.count < minimum:
                    let text =
                        minimum == 1
                        ? "\(describeFocus(focus)) is missing \(path)"
                        : "\(describeFocus(focus)) needs at least \(minimum) values of \(path), has \(values.count)"
                    report(.shapeMinCount, text + hint(property), at: index.location(of: focus), focus: focus, path: path, value: nil)
                case .maxCount(let maximum) where values.count > maximum:
                    let extra = values[maximum]
                    report(
                        .shapeMaxCount, "\(describeFocus(focus)) has \(values.count) values of \(path); at most \(maximum) allowed",
                        at: location(extra), focus: focus, path: path, value: extra.node)
                case .datatype:
                    for value in values where illTyped.contains(value.triple) {
                        checkValue(value, constraint, focus: focus, property: property)
                    }
                default:
                    for value in values where !skipped.contains(value.triple) && !illTyped.contains(value.triple) {
                        checkValue(value, constraint, focus: focus, property: property)
                    }
                }
            }
            // sh:hasValue is about the set of values, not each one.
            for case .hasValue(let expected) in property.constraints {
                let id = graph.terms.lookup(expected)
                if !values.contains(where: { $0.node == id }) {
                    report(
                        .shapeHasValue, "\(describeFocus(focus)) must have \(path) \(TermNames.describe(expected))",
                        at: index.location(of: focus), focus: focus, path: path, value: nil)
                }
            }
        }

        mutating func checkValue(_ value: Value, _ constraint: Constraint, focus: TermID, property: PropertyShape) {
            let node = value.node
            // Computed only when a value fails: names and locations cost more than the checks.
            var term: Term { graph.terms.term(node) }
            var path: String { property.path.description }
            var shown: String { TermNames.describe(term) }
            var at: SourceLocation? { location(value) }
            switch constraint {
            case .datatype(let datatype):
                if !LiteralForms.hasDatatype(term, datatype) {
                    report(.shapeDatatype, "\(path) must be \(LiteralForms.describe(datatype)), found \(LiteralForms.describeValue(term))", at: at, focus: focus, path: path, value: node)
                }
            case .shClass(let classIRI):
                if !hasClass(node, classIRI) {
                    let actual = index.types(of: node).map { TermNames.compact(graph.terms.text($0)) }
                    let what = actual.isEmpty ? "\(shown), which has no type" : "\(shown), a \(actual.joined(separator: ", "))"
                    report(.shapeClass, "\(path) must refer to a \(TermNames.compact(classIRI)), found \(what)", at: at, focus: focus, path: path, value: node)
                }
            case .nodeKind(let kind):
                if !LiteralForms.matches(term, kind) {
                    report(.shapeNodeKind, "\(path) must be \(LiteralForms.describe(kind)), found \(LiteralForms.describeValue(term))", at: at, focus: focus, path: path, value: node)
                }
            case .pattern(let source, let regex):
                let test = PatternTest(pattern: ObjectIdentifier(regex), value: node)
                let matched: Bool
                if let known = patternOutcomes[test] {
                    matched = known
                } else {
                    let text: String? =
                        switch term {
                        case .iri(let iri): iri
                        case .literal(let lexical, _, _): lexical
                        case .blank: nil
                        }
                    matched = text.map { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil } ?? false
                    patternOutcomes[test] = matched
                }
                if !matched {
                    let expected = property.message.map { "expected \($0)" } ?? "does not match \(source)"
                    report(.shapePattern, "\(path) \(shown): \(expected)", at: at, focus: focus, path: path, value: node)
                }
            case .oneOf(let members):
                if !members.contains(term) {
                    report(
                        .shapeIn, "\(path) must be one of \(members.map(TermNames.describe).joined(separator: ", ")); found \(shown)",
                        at: at, focus: focus, path: path, value: node)
                }
            case .minInclusive(let written):
                if let order = LiteralForms.compare(term, withBound: written) {
                    if order < 0 {
                        report(.shapeMinInclusive, "\(path) \(shown) is below the minimum \(written)", at: at, focus: focus, path: path, value: node)
                    }
                } else {
                    report(.shapeMinInclusive, "\(path) must be a number ≥ \(written), found \(shown)", at: at, focus: focus, path: path, value: node)
                }
            case .maxInclusive(let written):
                if let order = LiteralForms.compare(term, withBound: written) {
                    if order > 0 {
                        report(.shapeMaxInclusive, "\(path) \(shown) is above the maximum \(written)", at: at, focus: focus, path: path, value: node)
                    }
                } else {
                    report(.shapeMaxInclusive, "\(path) must be a number ≤ \(written), found \(shown)", at: at, focus: focus, path: path, value: node)
                }
            case .minLength(let minimum):
                if let length = LiteralForms.length(term), length >= minimum {} else {
                    report(.shapeMinLength, "\(path) \(shown) is shorter than \(minimum) characters", at: at, focus: focus, path: path, value: node)
                }
            case .maxLength(let maximum):
                if let length = LiteralForms.length(term), length <= maximum {} else {
                    report(.shapeMaxLength, "\(path) \(shown) is longer than \(maximum) characters", at: at, focus: focus, path: path, value: node)
                }
            case .node(let shapeID):
                guard let nested = shapes.shapes[shapeID] else { return }
                if case .literal = term {
                    // A literal cannot conform to a node shape with constraints on its properties;
                    // say so here (nodeKind, when present, says it too).
                    if !property.constraints.contains(where: { if case .nodeKind = $0 { return true } else { return false } }) {
                        report(.shapeNode, "\(path) must be a \(TermNames.describe(shapeID)) block, found \(shown)", at: at, focus: focus, path: path, value: node)
                    }
                    return
                }
                check(node, against: nested)
            case .minCount, .maxCount, .hasValue:
                break
            }
        }

        func hasClass(_ node: TermID, _ classIRI: String) -> Bool {
            guard let target = graph.terms.lookup(.iri(classIRI)) else { return false }
            var frontier = index.types(of: node)
            var seen: Set<TermID> = []
            let subClassOf = graph.terms.lookup(.iri(NS.rdfs + "subClassOf"))
            while let type = frontier.popLast() {
                if type == target { return true }
                guard seen.insert(type).inserted, let subClassOf else { continue }
                frontier += index.objects(type, subClassOf).map { graph.triples[$0].object }
            }
            return false
        }

        func evaluate(_ path: ShapePath, from focus: TermID) -> [Value] {
            switch path {
            case .predicate(let iri):
                guard let predicate = graph.terms.lookup(.iri(iri)) else { return [] }
                return index.objects(focus, predicate).map { Value(node: graph.triples[$0].object, triple: $0, position: .object) }
            case .inverse(.predicate(let iri)):
                guard let predicate = graph.terms.lookup(.iri(iri)) else { return [] }
                return index.byObject[focus].filter { graph.triples[$0].predicate == predicate }
                    .map { Value(node: graph.triples[$0].subject, triple: $0, position: .subject) }
            case .inverse(let inner):
                // Inverse of a complex path: nodes from which `inner` reaches the focus.
                return graph.triples.indices.compactMap { i -> Value? in
                    let candidate = graph.triples[i].subject
                    return evaluate(inner, from: candidate).contains { $0.node == focus } ? Value(node: candidate, triple: i, position: .subject) : nil
                }
            case .sequence(let steps):
                var current = [Value(node: focus, triple: -1, position: .subject)]
                for step in steps {
                    current = current.flatMap { evaluate(step, from: $0.node) }
                }
                return current
            }
        }

        func location(_ value: Value) -> SourceLocation? {
            guard value.triple >= 0 else { return index.location(of: value.node) }
            return graph.location(of: graph.triples[value.triple], value.position)
        }

        func describeFocus(_ focus: TermID) -> String {
            let types = index.types(of: focus).map { TermNames.compact(graph.terms.text($0)) }
            switch graph.terms.term(focus) {
            case .iri(let iri):
                let name = TermNames.compact(iri)
                return types.isEmpty ? name : "\(types.joined(separator: ", ")) \(name)"
            default:
                // A blank node: name it by the property that leads to it.
                if let parent = index.byObject[focus].first {
                    let triple = graph.triples[parent]
                    return "the \(TermNames.compact(graph.terms.text(triple.predicate))) block of \(describeFocus(triple.subject))"
                }
                return "this [ … ] block"
            }
        }

        func hint(_ property: PropertyShape) -> String {
            property.message.map { " (\($0))" } ?? ""
        }

        mutating func report(_ id: MessageID, _ message: String, at location: SourceLocation?, focus: TermID, path: String, value: TermID?) {
            var diagnostic = Diagnostic(id, message, at: location)
            diagnostic.focus = graph.terms.term(focus).description
            diagnostic.path = path
            diagnostic.value = value.map { graph.terms.term($0).description }
            diagnostics.append(diagnostic)
        }
    }
}

import Foundation
