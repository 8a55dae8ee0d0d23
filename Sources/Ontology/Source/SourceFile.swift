/// One input file held in memory, with what turns byte offsets into lines and columns.
///
/// Positions are stored as byte offsets (cheap to keep per term); lines and columns are only
/// computed when a diagnostic is shown, as swift-syntax does with `AbsolutePosition`.
public final class SourceFile: @unchecked Sendable {
    /// The path as the user gave it; diagnostics print it unchanged.
    public let path: String
    public let bytes: [UInt8]
    /// Offset of the first byte of each line. Built with the file, not on first use: the model
    /// is read on one thread while the graph is validated on another, and both ask for
    /// locations (a lazy property of a shared class would be initialised by both at once).
    private let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        }
        self.lineStarts = starts
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    public func location(at offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let starts = lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var index = starts[low]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // A continuation byte never starts a column of its own.
        if clamped < bytes.count, bytes[clamped] & 0xC0 == 0x80, column > 1 { column -= 1 }
        return SourceLocation(file: path, line: low + 1, column: column, offset: clamped)
    }

    /// The byte offset of a 0-based line and a 0-based column counted in Unicode scalars
    /// (the convention libyaml's marks use). Out-of-range values are clamped.
    public func offset(line: Int, scalarColumn: Int) -> Int {
        let starts = lineStarts
        guard line >= 0 else { return 0 }
        guard line < starts.count else { return bytes.count }
        var index = starts[line]
        var remaining = scalarColumn
        while remaining > 0, index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    /// The text of the 1-based line, without its line break (for carets under a term).
    public func lineText(_ line: Int) -> String {
        let starts = lineStarts
        guard line >= 1, line <= starts.count else { return "" }
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > starts[line - 1], end <= bytes.count, end - 1 >= 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[starts[line - 1]..<max(starts[line - 1], end)], as: UTF8.self)
    }
}
