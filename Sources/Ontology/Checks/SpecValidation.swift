/// Validates a loaded spec graph: the model checks, then SHACL Core with the shipped shapes.
/// Returns every diagnostic, sorted by location (errors and warnings alike).
public struct SpecValidation: Sendable {
    public let vocabulary: Vocabulary
    public let shapes: ShapeSet

    public init(vocabulary: Vocabulary, shapes: ShapeSet) {
        self.vocabulary = vocabulary
        self.shapes = shapes
    }

    /// The vocabulary and shapes shipped with ttlc.
    public static func builtIn() -> Swift.Result<SpecValidation, Diagnostic> {
        ShapeSet.builtIn().map { SpecValidation(vocabulary: .builtIn, shapes: $0) }
    }

    public func validate(_ graph: Graph) -> [Diagnostic] {
        validate(GraphIndex(graph))
    }

    /// The same, on an index of the graph built by the caller (one index can serve validation
    /// and the model reader side by side).
    public func validate(_ index: GraphIndex) -> [Diagnostic] {
        let model = SpecChecks(vocabulary: vocabulary, objectClasses: shapes.objectClasses).run(index)
        let shaped = ShapeValidator(shapes: shapes).validate(index, reported: model.reported, skippingFocus: model.duplicated)
        return Self.distinct(Self.sorted(model.diagnostics + shaped))
    }

    /// Without repeats: an unknown key over a list (`foo: [1, 2, 3]`) gave one error per item,
    /// each the same message at the same place.
    static func distinct(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        out.reserveCapacity(sorted.count)
        for diagnostic in sorted where out.last != diagnostic { out.append(diagnostic) }
        return out
    }

    /// By file, line, column; then errors before warnings; then id, for a stable order.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { a, b in
            switch (a.location, b.location) {
            case (let x?, let y?) where x != y: return x < y
            case (nil, _?): return true
            case (_?, nil): return false
            default: return (a.severity, a.id.rawValue, a.message) < (b.severity, b.id.rawValue, b.message)
            }
        }
    }
}
