import Foundation

/// Work in pieces that two threads take in turn: one opens it (once it knows the pieces), and
/// each thread that calls `work` takes pieces until none is left. A thread that comes before
/// the work is open finds nothing to do and leaves. The results are read after both threads
/// are done (the caller joins them), in piece order.
final class PieceQueue<Result: Sendable>: @unchecked Sendable {
    // Everything below is read and written under `lock`; a piece is computed outside it.
    private let lock = NSLock()
    private var body: (@Sendable (Int, Int) -> Result)?
    private var pieces = 0
    private var next = 0
    private var slots: [Result?] = []

    /// Opens `pieces` pieces; `body(piece, pieces)` computes one.
    func open(pieces: Int, _ body: @escaping @Sendable (Int, Int) -> Result) {
        lock.lock()
        self.pieces = pieces
        self.body = body
        slots = Array(repeating: nil, count: pieces)
        lock.unlock()
    }

    /// Takes and computes pieces until none is left (none, if the work is not open yet).
    func work() {
        while true {
            lock.lock()
            guard let body, next < pieces else {
                lock.unlock()
                return
            }
            let piece = next
            next += 1
            lock.unlock()
            let result = body(piece, pieces)
            lock.lock()
            slots[piece] = result
            lock.unlock()
        }
    }

    /// The results in piece order; after every thread that worked is done.
    var results: [Result] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
