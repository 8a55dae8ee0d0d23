import Dispatch

/// `map` over the processor cores, results in input order. Rendering and hashing thousands of
/// files are independent per file; the order of the output never depends on the schedule.
/// Inlinable, as `Concurrently` below: callers in other modules then get a copy specialized to
/// their element types; the generic one copies every element through value witnesses.
public enum ParallelMap {
    @inlinable
    public static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        let count = items.count
        guard count > 64 else { return items.map(transform) }
        // A few chunks per core keep both cores busy when files differ in size.
        let chunks = min(count, 16)
        return items.withUnsafeBufferPointer { input in
            // Elements are read in place and results built in place: going through `items[i]`
            // and an array of optionals copied (retained and released) every element twice.
            Array(unsafeUninitializedCapacity: count) { output, initialized in
                nonisolated(unsafe) let source = input
                nonisolated(unsafe) let slots = output.baseAddress!
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    // Each chunk writes only its own slots.
                    for index in stride(from: chunk, to: count, by: chunks) {
                        (slots + index).initialize(to: transform(source[index]))
                    }
                }
                initialized = count
            }
        }
    }
}

extension ParallelMap {
    /// `body` over consecutive ranges of `0..<count` (at most `pieces`, none shorter than
    /// `minimum`) on every core; the results in range order. For passes over many small items
    /// where a closure call per item would cost more than the item.
    @inlinable
    public static func ranges<R: Sendable>(of count: Int, pieces: Int = 16, minimum: Int = 1024, _ body: @Sendable (Range<Int>) -> R) -> [R] {
        let pieces = max(1, min(pieces, count / max(minimum, 1)))
        guard pieces > 1 else { return [body(0..<count)] }
        return Array(unsafeUninitializedCapacity: pieces) { output, initialized in
            nonisolated(unsafe) let slots = output.baseAddress!
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                // Each piece writes only its own slot.
                (slots + piece).initialize(to: body((count * piece / pieces)..<(count * (piece + 1) / pieces)))
            }
            initialized = pieces
        }
    }
}

extension ParallelMap {
    /// `map`, and beside it a task that runs on one core (a pass over the whole input that does
    /// not divide): the task is one more piece of work among the map's chunks, so the core that
    /// takes it goes back to the chunks when it is done, and neither core waits for the other.
    /// (Two nested `concurrentPerform`s would give the map one core for all of its work.)
    @inlinable
    public static func map<T: Sendable, U: Sendable, V: Sendable>(
        _ items: [T], beside task: @Sendable () -> V, _ transform: @Sendable (T) -> U
    ) -> ([U], V) {
        let count = items.count
        // Finer chunks than `map`'s: the core back from the task finds work left to share.
        let chunks = min(count, 64)
        nonisolated(unsafe) var besideResult: V?
        let mapped = items.withUnsafeBufferPointer { input -> [U] in
            [U](unsafeUninitializedCapacity: count) { output, initialized in
                nonisolated(unsafe) let source = input
                nonisolated(unsafe) let slots = output.baseAddress
                // Piece 0 is the task; dispatch hands pieces out in order, so it starts first.
                DispatchQueue.concurrentPerform(iterations: chunks + 1) { piece in
                    guard piece > 0 else {
                        besideResult = task()
                        return
                    }
                    // Each chunk writes only its own slots.
                    for index in stride(from: piece - 1, to: count, by: chunks) {
                        (slots! + index).initialize(to: transform(source[index]))
                    }
                }
                initialized = count
            }
        }
        return (mapped, besideResult!)
    }
}

extension ParallelMap {
    /// Ranges of `0..<count` mapped on every core, with two tasks beside them (each a pass on
    /// one core that does not divide): the tasks are dealt out first, so with two cores one
    /// core takes each, and the one done first goes on with the ranges while the other
    /// finishes. (`Concurrently.run` with a map inside one side gave that map one core.)
    @inlinable
    public static func ranges<R: Sendable, V: Sendable, W: Sendable>(
        of count: Int, beside first: @Sendable () -> V, _ second: @Sendable () -> W, _ body: @Sendable (Range<Int>) -> R
    ) -> ([R], V, W) {
        let pieces = max(1, min(64, count / 256))
        nonisolated(unsafe) var firstResult: V?
        nonisolated(unsafe) var secondResult: W?
        let results = [R](unsafeUninitializedCapacity: pieces) { output, initialized in
            nonisolated(unsafe) let slots = output.baseAddress!
            // Pieces 0 and 1 are the tasks; dispatch hands pieces out in order.
            DispatchQueue.concurrentPerform(iterations: pieces + 2) { piece in
                switch piece {
                case 0: firstResult = first()
                case 1: secondResult = second()
                default:
                    // Each piece writes only its own slot.
                    let range = piece - 2
                    (slots + range).initialize(to: body((count * range / pieces)..<(count * (range + 1) / pieces)))
                }
            }
            initialized = pieces
        }
        return (results, firstResult!, secondResult!)
    }

    /// The elements of `nested`, in order, copied into one array on every core. The nested
    /// arrays are the caller's to free (`FreedElsewhere`): flattening 60,000 objects and then
    /// freeing their per-service arrays were each a pass on one core.
    @inlinable
    public static func flattened<T: Sendable>(_ nested: [[T]]) -> [T] {
        var total = 0
        let starts = nested.map { part in
            defer { total += part.count }
            return total
        }
        guard total >= 4096 else { return nested.flatMap { $0 } }
        return [T](unsafeUninitializedCapacity: total) { output, initialized in
            nonisolated(unsafe) let slots = output.baseAddress!
            _ = ranges(of: nested.count, minimum: 1) { parts in
                // Each piece initializes only the slots of its own parts.
                for part in parts {
                    nested[part].withUnsafeBufferPointer { source in
                        if let base = source.baseAddress { (slots + starts[part]).initialize(from: base, count: source.count) }
                    }
                }
            }
            initialized = total
        }
    }
}

/// Two independent computations at once; returns when both are done.
public enum Concurrently {
    @inlinable
    public static func run<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        nonisolated(unsafe) var a: A?
        nonisolated(unsafe) var b: B?
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            // Each iteration writes only its own result.
            if index == 0 { a = first() } else { b = second() }
        }
        return (a!, b!)
    }
}
