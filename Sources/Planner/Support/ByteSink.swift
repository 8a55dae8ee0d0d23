import Ontology

/// A growing byte buffer the text writers append to. Emitted files are bytes on disk; building
/// them as bytes skips a String per line and a UTF-8 conversion per file.
///
/// The bytes sit in a buffer of its own, not an Array: a YAML file is hundreds of appends of a
/// few bytes each, and an Array's append (capacity, uniqueness and sequence checks, then the
/// copy) cost more than the bytes themselves. A copy of a sink shares the buffer until either
/// appends (copy on write), as an Array would.
public struct ByteSink: Sendable {
    /// The buffer, owned by the sinks that share it. Constant fields only: a class's variable
    /// fields are checked for exclusive access at run time on every write, which cost more
    /// than the appends saved.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Written only through a uniquely referenced storage (see `room`).
        @usableFromInline let base: UnsafeMutablePointer<UInt8>
        @usableFromInline let capacity: Int

        @usableFromInline init(capacity: Int) {
            self.capacity = Swift.max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    @usableFromInline var storage: Storage
    /// Bytes written; this sink's own (a copy that shares the buffer has its own count).
    @usableFromInline var written = 0

    public init(capacity: Int = 0) { storage = Storage(capacity: capacity) }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: written)) }

    public var count: Int { written }

    /// Where the next `extra` bytes go, with room for them, in a buffer this sink owns alone;
    /// the caller writes them and adds `extra` to `written`.
    @inlinable @inline(__always)
    mutating func room(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        let needed = written + extra
        if _slowPath(needed > storage.capacity || !isKnownUniquelyReferenced(&storage)) {
            let grown = Storage(capacity: Swift.max(needed, storage.capacity * 2))
            grown.base.initialize(from: storage.base, count: written)
            storage = grown
        }
        return storage.base + written
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        room(1).pointee = byte
        written += 1
    }

    @inlinable @inline(__always)
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append(bytes: $0) }
    }

    @inlinable @inline(__always)
    public mutating func append<C: Collection>(_ slice: C) where C.Element == UInt8 {
        if let done: Void = slice.withContiguousStorageIfAvailable({ append(bytes: $0) }) { return done }
        let extra = slice.count
        let target = room(extra)
        var offset = 0
        for byte in slice {
            target[offset] = byte
            offset += 1
        }
        written += extra
    }

    @inlinable @inline(__always)
    mutating func append(bytes source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress, source.count > 0 else { return }
        room(source.count).update(from: start, count: source.count)
        written += source.count
    }

    public mutating func appendSpaces(_ count: Int) {
        guard count > 0 else { return }
        room(count).update(repeating: UInt8(ascii: " "), count: count)
        written += count
    }

    public mutating func append(decimal number: Int) { append(String(number)) }
}
