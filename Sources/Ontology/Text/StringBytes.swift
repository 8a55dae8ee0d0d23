extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place when the string stores them
    /// contiguously (every native Swift string), else from a contiguous copy.
    ///
    /// `withUTF8` is mutating, so reading a `let` through it meant `var text = text` first, and
    /// that copy retained and released the string's storage on every call: over a third of a
    /// build's `swift_bridgeObjectRetain` calls came from the YAML writer and the byte sinks
    /// doing this for every key and scalar they wrote (callgrind, 1,000 services).
    @inlinable @inline(__always)
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
