import Dispatch

/// Validates a loaded spec graph: the model checks, then SHACL Core with the shipped shapes.
/// Returns every diagnostic, sorted by location (errors and warnings alike).
public struct SpecValidation: Sendable {
    public let vocabulary: Vocabulary
    public let shapes: ShapeSet

    public init(vocabulary: Vocabulary, shapes: ShapeSet) {
        self.vocabulary = vocabulary
        self.shapes = shapes
    }

    /// The vocabulary and shapes shipped with ttlc, made once a process: the CLI starts making
    /// them (ICU compiles the shapes' patterns) while it parses its arguments, and a caller that
    /// comes before they are ready waits for that instead of starting its own.
    public static func builtIn() -> Swift.Result<SpecValidation, Diagnostic> { shipped }

    private static let shipped = ShapeSet.builtIn().map { SpecValidation(vocabulary: .builtIn, shapes: $0) }

    public func validate(_ graph: Graph) -> [Diagnostic] {
        validate(GraphIndex(graph))
    }

    /// The same, on an index of the graph built by the caller (one index can serve validation
    /// and the model reader side by side).
    public func validate(_ index: GraphIndex) -> [Diagnostic] {
        validate(index, beside: {}).diagnostics
    }

    /// `validate`, and beside it `task` (reading the model from the same index): the model
    /// checks and the task start on a core each; the shapes' checks, in pieces, then go to
    /// whichever core is free, so that the core done first does not wait for the other.
    public func validate<T: Sendable>(_ index: GraphIndex, beside task: @Sendable () -> T) -> (diagnostics: [Diagnostic], result: T) {
        let validator = ShapeValidator(shapes: shapes)
        let queue = PieceQueue<[Diagnostic]>()
        nonisolated(unsafe) var model: SpecChecks.Result?
        nonisolated(unsafe) var result: T?
        // Each side writes only its own result.
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            guard side == 0 else {
                result = task()
                queue.work()
                return
            }
            let checked = SpecChecks(vocabulary: vocabulary, objectClasses: shapes.objectClasses).run(index)
            let checks = validator.focusChecks(index, skippingFocus: checked.duplicated)
            let reported = checked.reported
            // Pieces of 16 checks or more (a check is some 15 µs): at 100 services, 109 checks
            // were one piece, which the model's side, done first, could not share.
            queue.open(pieces: min(32, max(1, checks.count / 16))) { piece, pieces in
                let range = (checks.count * piece / pieces)..<(checks.count * (piece + 1) / pieces)
                return validator.validate(index, checks[range], reported: reported)
            }
            queue.work()
            model = checked
        }
        return (Self.distinct(Self.sorted(model!.diagnostics + queue.results.flatMap { $0 })), result!)
    }

    /// Without repeats: an unknown key over a list (`foo: [1, 2, 3]`) gave one error per item,
    /// each the same message at the same place; the shapes' pieces may report a nested node
    /// twice. The first of equal diagnostics stays, wherever the others sort.
    static func distinct(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        seen.reserveCapacity(sorted.count)
        return sorted.filter { seen.insert($0).inserted }
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
