/// Recovers where serd's subject, predicate and object were written.
///
/// serd 0.30 reports a statement only after its object has been read (plus a byte or so of
/// look-ahead); it gives no positions. We feed serd one byte at a time, so at each statement we
/// know how far it has read. The locator walks forward from the end of the previous object to
/// that point, splitting the gap into the coarse tokens of Turtle (IRIs, names, strings,
/// brackets, punctuation) to find where each term starts. It only measures: serd alone decides
/// what is valid, and a guess that cannot be made falls back to the nearest known position.
struct TermLocator {
    enum TokenKind: Equatable {
        case iri, word, quoted, emptyAnon
        case openBracket, closeBracket, openParen, closeParen, comma, semicolon, dot
        /// `a`, the keyword for rdf:type; only ever a predicate.
        case keywordA

        var isTerm: Bool {
            switch self {
            case .iri, .word, .quoted, .emptyAnon, .keywordA: true
            default: false
            }
        }
    }

    struct Token {
        var kind: TokenKind
        var start: Int
        var end: Int
    }

    /// What serd said the object is, enough to pick its token.
    enum ObjectShape {
        case iri, prefixedName, labelledBlank, generatedBlank, literal, anonOpen, listOpen, emptyAnon
    }

    struct Frame {
        var subject: TermID
        var subjectOffset: Int
        var predicate: TermID?
        var predicateOffset: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next gap starts: the end of the last located object or directive.
    private(set) var cursor: Int
    private var tokens: [Token] = []
    private var frames: [Frame] = []

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int) {
        self.bytes = bytes
        self.cursor = start
        tokens.reserveCapacity(16)
    }

    /// A directive (@prefix, @base, PREFIX, BASE) was reported: skip past its IRI.
    mutating func skipDirective(readUpTo end: Int) {
        var index = min(end, bytes.count) - 1
        while index >= cursor {
            if bytes[index] == UInt8(ascii: ">") {
                cursor = index + 1
                return
            }
            index -= 1
        }
    }

    /// Locates one statement; `end` is how many bytes serd had read when it reported it.
    mutating func locate(
        subject: TermID, predicate: TermID, object: TermID, shape: ObjectShape,
        anonSubject: Bool, listItem: Bool, readUpTo end: Int
    ) -> (subject: Int, predicate: Int, object: Int) {
        let limit = min(end, bytes.count)
        tokenize(from: cursor, to: limit, atEOF: limit >= bytes.count)

        let objectIndex = tokens.lastIndex { token in Self.fits(token.kind, shape) }
        let objectOffset: Int
        if let objectIndex {
            objectOffset = tokens[objectIndex].start
            cursor = tokens[objectIndex].kind == .openBracket || tokens[objectIndex].kind == .openParen
                ? tokens[objectIndex].start + 1 : tokens[objectIndex].end
        } else {
            objectOffset = max(min(cursor, limit - 1), 0)
        }
        if listItem {
            return (objectOffset, objectOffset, objectOffset)
        }
        let stop = objectIndex ?? tokens.count
        // The last two term tokens before the object, and the last '[' (no arrays: hot path).
        var lastTerm: Int?
        var secondLastTerm: Int?
        var lastOpenBracket: Int?
        var sawOpening = false
        for index in 0..<stop {
            let kind = tokens[index].kind
            if kind.isTerm {
                secondLastTerm = lastTerm
                lastTerm = index
            } else if kind == .openBracket {
                lastOpenBracket = index
                sawOpening = true
            } else if kind == .openParen {
                sawOpening = true
            }
        }

        var subjectOffset: Int?
        var predicateOffset: Int?
        if anonSubject, let open = lastOpenBracket {
            subjectOffset = tokens[open].start
            predicateOffset = lastTerm.map { tokens[$0].start }
            frames.removeAll(keepingCapacity: true)
        } else if let second = secondLastTerm, let last = lastTerm {
            subjectOffset = tokens[second].start
            predicateOffset = tokens[last].start
            if !sawOpening { frames.removeAll(keepingCapacity: true) }
        } else if let last = lastTerm {
            predicateOffset = tokens[last].start
        }

        // Terms not written in this gap were written earlier: find them on the frame stack.
        let frameIndex = frames.lastIndex { $0.subject == subject }
        if subjectOffset == nil {
            subjectOffset = frameIndex.map { frames[$0].subjectOffset } ?? predicateOffset ?? objectOffset
        }
        if predicateOffset == nil {
            if let frameIndex, frames[frameIndex].predicate == predicate {
                predicateOffset = frames[frameIndex].predicateOffset
            } else {
                predicateOffset = objectOffset
            }
        }
        let located = (subjectOffset ?? objectOffset, predicateOffset ?? objectOffset, objectOffset)
        if let frameIndex {
            frames[frameIndex].predicate = predicate
            frames[frameIndex].predicateOffset = located.1
        } else {
            frames.append(Frame(subject: subject, subjectOffset: located.0, predicate: predicate, predicateOffset: located.1))
        }
        if shape == .anonOpen || shape == .listOpen {
            frames.append(Frame(subject: object, subjectOffset: objectOffset, predicate: nil, predicateOffset: objectOffset))
        }
        if frames.count > 256 { frames.removeFirst(frames.count - 256) }
        return located
    }

    private static func fits(_ kind: TokenKind, _ shape: ObjectShape) -> Bool {
        switch shape {
        case .iri: kind == .iri
        case .prefixedName, .labelledBlank, .literal: kind == .word || kind == .quoted
        case .generatedBlank: false
        case .anonOpen: kind == .openBracket
        case .listOpen: kind == .openParen
        case .emptyAnon: kind == .emptyAnon
        }
    }

    // MARK: Tokens

    /// Splits `[from, to)` into complete tokens. A token whose end serd has not read yet is
    /// left out: it belongs to what comes next.
    private mutating func tokenize(from: Int, to limit: Int, atEOF: Bool) {
        tokens.removeAll(keepingCapacity: true)
        var i = from
        while i < limit {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                i += 1
            case UInt8(ascii: "#"):
                // A comment ends at Turtle's EOL, CR or LF: a CR-only file's comment ran to its end.
                while i < limit, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") { i += 1 }
            case UInt8(ascii: "<"):
                guard let close = find(UInt8(ascii: ">"), from: i + 1, limit: limit) else { return }
                tokens.append(Token(kind: .iri, start: i, end: close + 1))
                i = close + 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let end = quotedEnd(from: i, limit: limit, atEOF: atEOF) else { return }
                tokens.append(Token(kind: .quoted, start: i, end: end))
                i = end
            case UInt8(ascii: "["):
                var j = i + 1
                while j < limit, Self.isSpace(bytes[j]) { j += 1 }
                if j < limit, bytes[j] == UInt8(ascii: "]") {
                    tokens.append(Token(kind: .emptyAnon, start: i, end: j + 1))
                    i = j + 1
                } else {
                    tokens.append(Token(kind: .openBracket, start: i, end: i + 1))
                    i += 1
                }
            case UInt8(ascii: "]"): punct(.closeBracket, &i)
            case UInt8(ascii: "("): punct(.openParen, &i)
            case UInt8(ascii: ")"): punct(.closeParen, &i)
            case UInt8(ascii: ","): punct(.comma, &i)
            case UInt8(ascii: ";"): punct(.semicolon, &i)
            case UInt8(ascii: "."):
                if i + 1 < limit, Self.isDigit(bytes[i + 1]) {
                    guard let end = wordEnd(from: i, limit: limit, atEOF: atEOF) else { return }
                    tokens.append(Token(kind: .word, start: i, end: end))
                    i = end
                } else {
                    punct(.dot, &i)
                }
            default:
                guard let end = wordEnd(from: i, limit: limit, atEOF: atEOF) else { return }
                if end == i { i += 1; continue }  // a byte no token starts with: serd will say why
                let isA = end == i + 1 && c == UInt8(ascii: "a")
                tokens.append(Token(kind: isA ? .keywordA : .word, start: i, end: end))
                i = end
            }
        }
    }

    private mutating func punct(_ kind: TokenKind, _ i: inout Int) {
        tokens.append(Token(kind: kind, start: i, end: i + 1))
        i += 1
    }

    private func find(_ byte: UInt8, from: Int, limit: Int) -> Int? {
        var j = from
        while j < limit {
            if bytes[j] == byte { return j }
            j += 1
        }
        return nil
    }

    /// End of a name, number or keyword; nil when the byte that ends it has not been read.
    private func wordEnd(from start: Int, limit: Int, atEOF: Bool) -> Int? {
        var j = start
        while j < limit {
            let b = bytes[j]
            if b == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if b == UInt8(ascii: ".") {
                // A dot inside a name is part of it only when a name character follows.
                guard j + 1 < limit else { return atEOF ? j : nil }
                if Self.isWordByte(bytes[j + 1]) || bytes[j + 1] == UInt8(ascii: ".") {
                    j += 1
                    continue
                }
                return j
            }
            if !Self.isWordByte(b) { return j }
            j += 1
        }
        return atEOF ? min(j, limit) : nil
    }

    /// End of a quoted literal with its language tag or datatype; nil when incomplete.
    private func quotedEnd(from start: Int, limit: Int, atEOF: Bool) -> Int? {
        let quote = bytes[start]
        let long = start + 2 < limit && bytes[start + 1] == quote && bytes[start + 2] == quote
        var j = start + (long ? 3 : 1)
        var closed: Int?
        while j < limit {
            let b = bytes[j]
            if b == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if b == quote {
                if !long {
                    closed = j + 1
                    break
                }
                if j + 2 < limit, bytes[j + 1] == quote, bytes[j + 2] == quote {
                    // Up to two quotes may end the content just before the closing three.
                    var k = j + 3
                    while k < limit, bytes[k] == quote, k < j + 5 { k += 1 }
                    closed = k
                    break
                }
            }
            j += 1
        }
        guard var end = closed else { return nil }
        guard end < limit else { return atEOF ? end : nil }
        if bytes[end] == UInt8(ascii: "@") {
            guard let tagEnd = wordEnd(from: end + 1, limit: limit, atEOF: atEOF) else { return nil }
            end = tagEnd
        } else if bytes[end] == UInt8(ascii: "^") {
            guard end + 2 < limit else { return nil }
            let typeStart = end + 2
            if bytes[typeStart] == UInt8(ascii: "<") {
                guard let close = find(UInt8(ascii: ">"), from: typeStart + 1, limit: limit) else { return nil }
                end = close + 1
            } else {
                guard let typeEnd = wordEnd(from: typeStart, limit: limit, atEOF: atEOF) else { return nil }
                end = typeEnd
            }
        }
        return end
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Bytes that can continue a prefixed name, blank label, number or keyword.
    private static func isWordByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "%"),
            UInt8(ascii: "+"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }
}
