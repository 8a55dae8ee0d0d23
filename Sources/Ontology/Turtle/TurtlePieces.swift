import Foundation

/// Reads one large Turtle file in pieces, one per core, and joins them into the graph that
/// reading it whole gives: the same terms with the same ids, the same triples in the same
/// order, at the same offsets. A 10,000-service spec is one 5 MB file, and reading it was a
/// tenth of a build on one core while the other waited.
///
/// A piece ends where a line ends with the `.` of a statement and the next line that is not
/// blank starts a subject. Whether that is really between two statements is not guessed: every piece is read
/// by serd as a document of its own (it fails if cut inside a statement or a long string), and
/// each piece must have started with the base and prefixes the piece before it ended with.
/// When anything does not hold, the caller reads the file whole, as it always did, and reports
/// any error from that reading.
enum TurtlePieces {
    /// No piece is shorter: below this, a thread and the join cost more than they save.
    static let minimumPieceBytes = 192 << 10

    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `graph` with the statements of `file` (registered in it as `fileIndex`) added, or nil
    /// when the file is small, cannot be cut safely, or a piece fails. The cores are asked for
    /// only when the file is long enough for two pieces: Foundation reads the cgroup's CPU
    /// files for them each time, and the first time also looks up conformances across the whole
    /// binary, some 0.2 ms of every spec read, the path a small build waits on.
    static func read(
        _ file: SourceFile, fileIndex: UInt32, base: String?, into graph: Graph,
        cores: @autoclosure () -> Int = TurtlePieces.cores, minimumPieceBytes: Int = TurtlePieces.minimumPieceBytes
    ) -> Graph? {
        let most = file.bytes.count / max(minimumPieceBytes, 1)
        guard most >= 2 else { return nil }
        let wanted = min(cores(), most)
        guard wanted >= 2 else { return nil }
        return file.bytes.withUnsafeBufferPointer { buffer -> Graph? in
            let start = ReaderContext.contentStart(buffer)
            // Labelled blank nodes (_:x) name one node across the whole file, and serd checks
            // their names against those it makes up, per reader: such a file is read whole.
            guard !contains(buffer, UInt8(ascii: "_"), UInt8(ascii: ":")) else { return nil }
            guard TurtleNesting.tooDeep(buffer, from: start) == nil else { return nil }
            let bounds = boundaries(buffer, from: start, pieces: wanted)
            guard bounds.count >= 3 else { return nil }
            let escapes = ReaderContext.containsUnicodeEscape(buffer)
            let directives = directiveLines(buffer, from: start, before: bounds[bounds.count - 2])
            var contexts: [ReaderContext] = []
            var starting: [Environment] = []
            for piece in 0..<(bounds.count - 1) {
                let context = ReaderContext(graph: piece == 0 ? graph : Graph(), file: file, fileIndex: fileIndex, base: base)
                context.mayHaveBadEscapes = escapes
                if piece > 0 {
                    let before = directives.filter { $0.lowerBound < bounds[piece] }
                    guard let environment = environment(of: before, in: buffer, file: file, base: base) else { return nil }
                    context.base = environment.base
                    context.prefixes = environment.prefixes
                }
                starting.append(Environment(context))
                contexts.append(context)
            }
            let failed = readAll(contexts, buffer: buffer, bounds: bounds)
            guard !failed else { return nil }
            for piece in 1..<contexts.count where Environment(contexts[piece - 1]) != starting[piece] { return nil }
            // serd numbers the blank nodes it makes up from b1 in each reader; reading on,
            // one reader would have gone on counting.
            // Taken out of the context, not copied: appending to a graph the context still
            // held copied all its terms and triples first.
            var merged = contexts[0].takeGraph()
            var made = highestGeneratedBlank(in: merged.terms)
            for context in contexts.dropFirst() {
                let shift = made
                let piece = context.takeGraph()
                made += highestGeneratedBlank(in: piece.terms)
                merged.append(piece) { label, renamed in
                    guard shift > 0, let number = generatedBlankNumber(label) else { return false }
                    renamed.removeAll(keepingCapacity: true)
                    renamed.append(UInt8(ascii: "b"))
                    renamed.append(contentsOf: String(number + shift).utf8)
                    return true
                }
            }
            return merged
        }
    }

    /// The highest number of a blank node serd made up (b1, b2, …) among `terms`: a piece's
    /// are renumbered after those of the pieces before it. Counted here, after a piece is read,
    /// not while reading (every Turtle read would pay for it).
    private static func highestGeneratedBlank(in terms: TermStore) -> Int {
        var highest = 0
        for raw in 0..<UInt32(terms.count) where terms.kind(TermID(raw: raw)) == .blank {
            highest = max(highest, terms.withBytes(TermID(raw: raw)) { generatedBlankNumber($0) } ?? 0)
        }
        return highest
    }

    /// The number of a blank node label serd made up (`b` and digits; a written `_:b1` reaches
    /// us as `B1`), or nil.
    static func generatedBlankNumber(_ label: UnsafeRawBufferPointer) -> Int? {
        guard label.count >= 2, label.count <= 12, label[0] == UInt8(ascii: "b") else { return nil }
        var number = 0
        for byte in label.dropFirst() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }

    /// The base and prefixes in force at a point of the file.
    private struct Environment: Equatable {
        var base: [UInt8]?
        var prefixes: [(name: [UInt8], iri: [UInt8])]

        init(_ context: ReaderContext) {
            self.init(base: context.base, prefixes: context.prefixes)
        }

        init(base: [UInt8]?, prefixes: [(name: [UInt8], iri: [UInt8])]) {
            self.base = base
            self.prefixes = prefixes
        }

        static func == (a: Environment, b: Environment) -> Bool {
            a.base == b.base && a.prefixes.count == b.prefixes.count
                && zip(a.prefixes, b.prefixes).allSatisfy { $0.name == $1.name && $0.iri == $1.iri }
        }
    }

    /// Piece 0 on this thread, each other on a thread of its own (a `concurrentPerform` here
    /// would get one core: the spec is read beside the built-in shapes, inside one). True when
    /// any piece failed.
    private static func readAll(_ contexts: [ReaderContext], buffer: UnsafeBufferPointer<UInt8>, bounds: [Int]) -> Bool {
        // One flag per piece, each written only by its piece's thread before it signals.
        let failed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: contexts.count)
        failed.initialize(repeating: false)
        defer { failed.deallocate() }
        let done = DispatchSemaphore(value: 0)
        // The buffer and the flags outlive the threads: this function waits for all of them.
        nonisolated(unsafe) let shared = (buffer: buffer, failed: failed)
        for piece in 1..<contexts.count {
            nonisolated(unsafe) let context = contexts[piece]
            Thread {
                shared.failed[piece] = context.read(shared.buffer, from: bounds[piece], to: bounds[piece + 1]) != nil
                done.signal()
            }.start()
        }
        failed[0] = contexts[0].read(buffer, from: bounds[0], to: bounds[1]) != nil
        for _ in 1..<contexts.count { done.wait() }
        return failed.contains(true)
    }

    /// Where the pieces start and the last ends: `start`, the cut points, the end.
    static func boundaries(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, pieces: Int) -> [Int] {
        var bounds = [start]
        for piece in 1..<pieces {
            let target = start + (buffer.count - start) * piece / pieces
            guard let cut = cut(buffer, after: max(target, bounds[bounds.count - 1] + 1)), cut < buffer.count else { break }
            bounds.append(cut)
        }
        bounds.append(buffer.count)
        return bounds
    }

    /// The first line start at or after `offset` that begins a subject (or a directive) where
    /// the last byte before it that is not blank (blank lines between) is a `.`.
    private static func cut(_ buffer: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int? {
        var index = offset
        while index < buffer.count {
            guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n"), from: index) else { return nil }
            let next = newline + 1
            index = next
            guard next < buffer.count, startsSubject(buffer[next]) else { continue }
            var last = newline - 1
            while last >= 0, isBlank(buffer[last]) { last -= 1 }
            if last >= 0, buffer[last] == UInt8(ascii: ".") { return next }
        }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    private static func startsSubject(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "@"): true
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: false
        }
    }

    /// The lines before `end` that start (after blanks) with @prefix, @base, PREFIX or BASE.
    private static func directiveLines(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = start
        while lineStart < end {
            let lineEnd = buffer.firstIndex(of: UInt8(ascii: "\n"), from: lineStart) ?? buffer.count
            var first = lineStart
            while first < lineEnd, buffer[first] == UInt8(ascii: " ") || buffer[first] == UInt8(ascii: "\t") { first += 1 }
            if isDirective(buffer, at: first, before: lineEnd) { lines.append(lineStart..<lineEnd) }
            lineStart = lineEnd + 1
        }
        return lines
    }

    private static func isDirective(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, before end: Int) -> Bool {
        func word(_ text: String, caseless: Bool) -> Bool {
            let bytes = Array(text.utf8)
            guard index + bytes.count < end else { return false }
            for (offset, expected) in bytes.enumerated() {
                let byte = buffer[index + offset]
                guard byte == expected || caseless && byte | 0x20 == expected | 0x20 else { return false }
            }
            let after = buffer[index + bytes.count]
            return after == UInt8(ascii: " ") || after == UInt8(ascii: "\t") || after == UInt8(ascii: "<") || after == UInt8(ascii: ":")
        }
        return word("@prefix", caseless: false) || word("@base", caseless: false) || word("PREFIX", caseless: true) || word("BASE", caseless: true)
    }

    /// The base and prefixes that `lines`, read in order, leave in force; nil if they do not
    /// read as directives alone.
    private static func environment(of lines: [Range<Int>], in buffer: UnsafeBufferPointer<UInt8>, file: SourceFile, base: String?) -> Environment? {
        var text: [UInt8] = []
        for line in lines {
            text.append(contentsOf: buffer[line])
            text.append(UInt8(ascii: "\n"))
        }
        let directives = SourceFile(path: file.path, bytes: text)
        let context = ReaderContext(graph: Graph(), file: directives, fileIndex: 0, base: base)
        let failure = directives.bytes.withUnsafeBufferPointer { context.run($0) }
        guard failure == nil, context.graph.triples.isEmpty else { return nil }
        return Environment(base: context.base, prefixes: context.prefixes)
    }

    private static func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ first: UInt8, _ second: UInt8) -> Bool {
        var index = 0
        while let at = buffer.firstIndex(of: first, from: index) {
            if at + 1 < buffer.count, buffer[at + 1] == second { return true }
            index = at + 1
        }
        return false
    }
}
