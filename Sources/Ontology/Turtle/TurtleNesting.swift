/// How deep a Turtle file nests blank-node property lists `[ … ]` and collections `( … )`.
///
/// serd reads each level by recursion, and a file nested some 20,000 levels deep overflowed the
/// thread's stack inside serd's reader: a crash, not a diagnostic. Specs nest a handful of levels,
/// so a file past `maxDepth` is refused before serd sees it, at the bracket that goes too deep,
/// as YAML files are past their own limit.
enum TurtleNesting {
    static let maxDepth = 256

    /// The offset of the first bracket that opens a level past `maxDepth`, or nil. Only Turtle's
    /// lexical layers are told apart: brackets in comments, IRIs and the four kinds of string
    /// are text. serd alone decides whether the file is valid; a file it will reject anyway may
    /// be measured loosely.
    static func tooDeep(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = bytes.count
        var depth = 0
        var i = start
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: "#"):
                while i < n, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") { i += 1 }
            case UInt8(ascii: "<"):
                i += 1
                while i < n, bytes[i] != UInt8(ascii: ">") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                i = endOfString(bytes, at: i)
                continue
            case UInt8(ascii: "\\"):
                i += 1  // an escaped character of a local name (ex:a\#b)
            case UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
                if depth > maxDepth { return i }
            case UInt8(ascii: "]"), UInt8(ascii: ")"):
                depth = max(0, depth - 1)
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The offset just past the string that opens at `start` (a quote): `"…"`, `'…'`, or, when
    /// the quote comes three times, a long string, which the first three quotes in a row end
    /// (its text may hold one or two, each followed by something else: Turtle's grammar).
    private static func endOfString(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let n = bytes.count
        let quote = bytes[start]
        if start + 2 < n, bytes[start + 1] == quote, bytes[start + 2] == quote {
            var i = start + 3
            while i < n {
                if bytes[i] == UInt8(ascii: "\\") {
                    i += 2
                } else if bytes[i] == quote, i + 2 < n, bytes[i + 1] == quote, bytes[i + 2] == quote {
                    return i + 3
                } else {
                    i += 1
                }
            }
            return n
        }
        var i = start + 1
        while i < n, bytes[i] != quote, bytes[i] != UInt8(ascii: "\n") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
        return i + 1
    }
}
