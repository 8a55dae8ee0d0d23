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
