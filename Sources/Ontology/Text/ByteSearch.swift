#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension UnsafeBufferPointer where Element == UInt8 {
    /// The position of the first `byte` at or after `index`, by memchr (the Turtle reader scans
    /// whole files for a byte this way: a newline, a backslash, an underscore).
    func firstIndex(of byte: UInt8, from index: Int) -> Int? {
        guard index < count, let base = baseAddress, let hit = memchr(base + index, Int32(byte), count - index) else { return nil }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }
}
