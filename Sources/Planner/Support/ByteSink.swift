/// A growing byte buffer the text writers append to. Emitted files are bytes on disk; building
/// them as bytes skips a String per line and a UTF-8 conversion per file.
public struct ByteSink: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always) public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) public mutating func append<C: Collection>(_ slice: C) where C.Element == UInt8 {
        bytes.append(contentsOf: slice)
    }

    public mutating func appendSpaces(_ count: Int) {
        guard count > 0 else { return }
        // Indents are short: copied from a row of spaces rather than repeated one by one.
        if count <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
        } else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    public mutating func append(decimal number: Int) { append(String(number)) }
}
