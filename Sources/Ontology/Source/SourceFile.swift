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
    /// Unicode scalars (bytes that do not continue a UTF-8 sequence) before each 4 KiB block of
    /// the file, and in all of it last: a column is counted from the nearest block boundary, not
    /// from the line's start. One long line with thousands of diagnostics on it (every node of
    /// a long list under an unknown property) made counting from the line's start quadratic.
    private let scalarsBeforeBlock: [Int]
    private static let blockShift = 12

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        var blocks: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            // Lines end at LF (CR LF included); in a file with no LF at all, at CR (classic Mac
            // files, which editors open by that convention; Turtle's EOL is [#xD#xA]+): such a
            // file was one line of thousands of columns. A stray CR in an LF file stays inside
            // its line, as editors of LF files show it.
            let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
            let lineEnd = !buffer.contains(lf) && buffer.contains(cr) ? cr : lf
            for index in buffer.indices where buffer[index] == lineEnd { starts.append(index + 1) }
            blocks.reserveCapacity(buffer.count >> Self.blockShift + 2)
            var scalars = 0
            var start = 0
            while start < buffer.count {
                blocks.append(scalars)
                let end = min(start + 1 << Self.blockShift, buffer.count)
                scalars += Self.scalarStarts(buffer, start, end)
                start = end
            }
            blocks.append(scalars)
        }
        self.lineStarts = starts
        self.scalarsBeforeBlock = blocks
    }

    /// Bytes in buffer[start..<end] that start a Unicode scalar, eight at a time: in a word, the
    /// continuation bytes (10xxxxxx) are those whose bit 7 is set and bit 6, shifted up to bit 7,
    /// is not. (A byte loop stayed a byte loop, 0.2 s more to open a 100 MB file; Swift's SIMD
    /// types were slower still.)
    private static func scalarStarts(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var continuations = 0
        var index = start
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            continuations += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < end {
            if base[index] & 0xC0 == 0x80 { continuations += 1 }
            index += 1
        }
        return end - start - continuations
    }

    /// Unicode scalars before a byte offset (0...bytes.count).
    private func scalars(before offset: Int) -> Int {
        let block = offset >> Self.blockShift
        return bytes.withUnsafeBufferPointer { buffer in
            scalarsBeforeBlock[block] + Self.scalarStarts(buffer, block << Self.blockShift, offset)
        }
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
        let lineStart = starts[low]
        // Most lines are short: counting from the line's start reads fewer bytes than counting
        // from two block boundaries; a line longer than a block is counted from the boundaries.
        let counted = clamped - lineStart <= 1 << Self.blockShift
            ? bytes.withUnsafeBufferPointer { Self.scalarStarts($0, lineStart, clamped) }
            : scalars(before: clamped) - scalars(before: lineStart)
        var column = 1 + counted
        // A continuation byte never starts a column of its own.
        if clamped < bytes.count, bytes[clamped] & 0xC0 == 0x80, column > 1 { column -= 1 }
        return SourceLocation(file: path, line: low + 1, column: column, offset: clamped)
    }

    /// The byte offset of the scalar `index` Unicode scalars into the file (libyaml's
    /// `mark.index`, which counts across every kind of line break libyaml knows: a lone CR, NEL,
    /// LS and PS as well as LF). From `known`, an offset whose scalar index is `knownIndex`, when
    /// that is not past it (marks mostly come in file order); else from the nearest 4 KiB block.
    public func offset(ofScalar index: Int, after known: (index: Int, offset: Int)? = nil) -> Int {
        var at: Int, remaining: Int
        if let known, known.index <= index, known.offset <= bytes.count {
            (at, remaining) = (known.offset, index - known.index)
        } else {
            // The last block starting at or before the scalar, by binary search.
            var low = 0, high = scalarsBeforeBlock.count - 2
            while low < high {
                let mid = (low + high + 1) / 2
                if scalarsBeforeBlock[mid] <= index { low = mid } else { high = mid - 1 }
            }
            (at, remaining) = (max(0, low) << Self.blockShift, index - scalarsBeforeBlock[max(0, low)])
        }
        while remaining > 0, at < bytes.count {
            at += 1
            while at < bytes.count, bytes[at] & 0xC0 == 0x80 { at += 1 }
            remaining -= 1
        }
        return min(at, bytes.count)
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
