import CSerd

/// Reads Turtle into a located graph through serd (libserd), never through a parser of our own.
///
/// Around serd it adds what serd 0.30 leaves out: positions for every term (see
/// `TermLocator`), prefix expansion with a located error for an undefined prefix, IRI
/// resolution per RFC 3986 with dot-segment removal, and rejection of escapes that encode
/// surrogate code points (serd decodes them into bytes that are not UTF-8).
public enum TurtleReader {
    /// Adds the statements of `file` to `graph`. Returns the first error, or nil on success;
    /// on error the graph is left as it was.
    public static func read(_ file: SourceFile, base: String? = nil, into graph: inout Graph) -> Diagnostic? {
        read(file, base: base, into: &graph, inPieces: true)
    }

    /// `inPieces: false` reads the file whole on one core whatever its size (tests compare the
    /// two; the throughput benchmark measures both).
    public static func read(_ file: SourceFile, base: String?, into graph: inout Graph, inPieces: Bool) -> Diagnostic? {
        let before = graph
        if let problem = InputChecks.check(file) {
            return problem
        }
        let fileIndex = graph.addFile(file)
        // A large file is read in pieces on several cores when it can be split safely; its
        // graph is then the one reading it whole gives. Anything else is read whole, which
        // also reports any error exactly as before.
        if inPieces, let pieced = TurtlePieces.read(file, fileIndex: fileIndex, base: base, into: graph) {
            graph = pieced
            return nil
        }
        let context = ReaderContext(graph: graph, file: file, fileIndex: fileIndex, base: base)
        let diagnostic = file.bytes.withUnsafeBufferPointer { buffer in
            context.run(buffer)
        }
        if let diagnostic {
            graph = before
            return diagnostic
        }
        graph = context.graph
        return nil
    }
}

/// The byte stream serd pulls from: our buffer, one byte per call, so that `offset` tells how
/// far serd has read whenever it calls back. A plain struct behind a pointer keeps the per-byte
/// callback free of reference counting and exclusivity checks.
struct ByteStream {
    var base: UnsafePointer<UInt8>?
    var count: Int
    var offset: Int
}

private let readByte: SerdSource = { buffer, _, count, stream in
    let source = stream.assumingMemoryBound(to: ByteStream.self)
    let offset = source.pointee.offset
    guard offset < source.pointee.count, count > 0, let base = source.pointee.base else { return 0 }
    // serd asks for one byte (page size 1); copy it without a memcpy call.
    buffer.storeBytes(of: base[offset], as: UInt8.self)
    source.pointee.offset = offset + 1
    return 1
}

private let streamError: SerdStreamErrorFunc = { _ in 0 }

final class ReaderContext {
    var graph: Graph
    let file: SourceFile
    let fileIndex: UInt32
    /// The base and prefixes in force: a piece of a file starts with those of where it starts.
    var base: [UInt8]?
    var prefixes: [(name: [UInt8], iri: [UInt8])] = []
    /// Heap-allocated so serd's per-byte reads and our callbacks can share it without
    /// overlapping Swift accesses.
    private let source = UnsafeMutablePointer<ByteStream>.allocate(capacity: 1)
    private var stream: ByteStream { source.pointee }
    private var locator: TermLocator
    private var failure: Diagnostic?
    private var scratch: [UInt8] = []
    /// serd turns \u escapes into bytes without checking them; only a file that has such
    /// escapes can produce a term that is not UTF-8, so only then are terms checked.
    var mayHaveBadEscapes = true
    private static let rdfType = Array("http://www.w3.org/1999/02/22-rdf-syntax-ns#type".utf8)

    init(graph: Graph, file: SourceFile, fileIndex: UInt32, base: String?) {
        self.graph = graph
        self.file = file
        self.fileIndex = fileIndex
        self.base = base.map { Array($0.utf8) }
        scratch.reserveCapacity(256)
        source.initialize(to: ByteStream(base: nil, count: 0, offset: 0))
        locator = TermLocator(bytes: UnsafeBufferPointer(start: nil, count: 0), start: 0)
    }

    deinit {
        source.deallocate()
    }

    /// The graph read so far, leaving an empty one here (so that the caller's is not shared).
    func takeGraph() -> Graph {
        var taken = Graph()
        swap(&taken, &graph)
        return taken
    }

    /// Where the statements start: past a UTF-8 byte-order mark, if there is one.
    static func contentStart(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Diagnostic? {
        let start = Self.contentStart(buffer)
        if let offset = TurtleNesting.tooDeep(buffer, from: start) {
            return Diagnostic(.turtleNesting, "nesting deeper than \(TurtleNesting.maxDepth) levels of [ ] and ( )", at: file.location(at: offset))
        }
        mayHaveBadEscapes = Self.containsUnicodeEscape(buffer)
        return read(buffer, from: start, to: buffer.count)
    }

    /// Reads the statements in buffer[start..<end]: the whole file, or a piece of it that
    /// ends where a statement does. Offsets stay the file's.
    func read(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Diagnostic? {
        source.pointee = ByteStream(base: buffer.baseAddress, count: end, offset: start)
        locator = TermLocator(bytes: UnsafeBufferPointer(rebasing: buffer[..<end]), start: start)
        graph.reserveCapacity(triples: graph.triples.count + (end - start) / 40)
        graph.terms.reserveTextCapacity((end - start) / 4)

        let handle = Unmanaged.passUnretained(self).toOpaque()
        guard let reader = serd_reader_new(SERD_TURTLE, handle, nil, onBase, onPrefix, onStatement, nil) else {
            return Diagnostic(.turtleSyntax, "serd could not create a reader", at: file.location(at: 0))
        }
        defer { serd_reader_free(reader) }
        serd_reader_set_strict(reader, true)
        serd_reader_set_error_sink(reader, onError, handle)

        let status: SerdStatus = {
            let name = Array(file.path.utf8) + [0]
            let started = name.withUnsafeBufferPointer {
                serd_reader_start_source_stream(reader, readByte, streamError, source, $0.baseAddress, 1)
            }
            guard started == SERD_SUCCESS else { return started }
            var status = SERD_SUCCESS
            while status == SERD_SUCCESS {
                status = serd_reader_read_chunk(reader)
            }
            _ = serd_reader_end_stream(reader)
            return status
        }()
        if let failure { return failure }
        if status != SERD_SUCCESS, status != SERD_FAILURE {
            return Diagnostic(.turtleSyntax, "invalid Turtle", at: file.location(at: max(stream.offset - 1, 0)))
        }
        return nil
    }

    // MARK: Callbacks

    func base(_ node: UnsafePointer<SerdNode>) -> SerdStatus {
        let end = stream.offset
        guard let iri = resolvedIRI(node.pointee, at: end) else { return SERD_ERR_BAD_SYNTAX }
        base = iri
        locator.skipDirective(readUpTo: end)
        return SERD_SUCCESS
    }

    func prefix(_ name: UnsafePointer<SerdNode>, _ uri: UnsafePointer<SerdNode>) -> SerdStatus {
        let end = stream.offset
        guard let iri = resolvedIRI(uri.pointee, at: end) else { return SERD_ERR_BAD_SYNTAX }
        let key = Array(Self.bytes(name.pointee))
        if let existing = prefixes.firstIndex(where: { $0.name == key }) {
            prefixes[existing].iri = iri
        } else {
            prefixes.append((key, iri))
        }
        locator.skipDirective(readUpTo: end)
        return SERD_SUCCESS
    }

    func statement(
        _ flags: SerdStatementFlags, _ s: SerdNode, _ p: SerdNode, _ o: SerdNode,
        _ datatype: UnsafePointer<SerdNode>?, _ language: UnsafePointer<SerdNode>?
    ) -> SerdStatus {
        let end = stream.offset
        let subject = term(s, position: .subject)
        let predicate = failure == nil ? term(p, position: .predicate) : nil
        var objectTerm: TermID?
        if failure == nil {
            objectTerm = o.type == SERD_LITERAL ? literal(o, datatype, language) : term(o, position: .object)
        }
        // Locate even a failed statement, so that its error can point at the term.
        let unknown = TermID(raw: UInt32.max)
        let offsets = locator.locate(
            subject: subject ?? unknown, predicate: predicate ?? unknown, object: objectTerm ?? unknown,
            shape: Self.shape(o, flags),
            anonSubject: flags & UInt32(SERD_ANON_S_BEGIN.rawValue) != 0,
            listItem: flags & UInt32(SERD_LIST_CONT.rawValue) != 0, readUpTo: end)
        guard let subject, let predicate, let objectTerm else {
            if var pending = failure, pending.location == nil {
                let offset =
                    switch pendingPosition {
                    case .subject: offsets.subject
                    case .predicate: offsets.predicate
                    case .object: offsets.object
                    }
                pending.location = file.location(at: offset)
                failure = pending
            }
            return SERD_ERR_BAD_SYNTAX
        }
        guard offsets.object <= UInt32.max, offsets.subject <= UInt32.max, offsets.predicate <= UInt32.max else {
            failure = Diagnostic(.inputTooLarge, "file too large: positions past 4 GiB", at: nil)
            return SERD_ERR_BAD_SYNTAX
        }
        graph.add(
            Triple(
                subject: subject, predicate: predicate, object: objectTerm, file: fileIndex,
                subjectOffset: UInt32(offsets.subject), predicateOffset: UInt32(offsets.predicate),
                objectOffset: UInt32(offsets.object)))
        return SERD_SUCCESS
    }

    func error(_ error: UnsafePointer<SerdError>) -> SerdStatus {
        guard failure == nil else { return SERD_SUCCESS }
        // serd hands over a printf format and its va_list; format it once, here.
        var text = [CChar](repeating: 0, count: 512)
        let args = CVaListPointer(_fromUnsafeMutablePointer: UnsafeMutableRawPointer(error.pointee.args))
        _ = vsnprintf(&text, text.count, error.pointee.fmt, args)
        let length = text.firstIndex(of: 0) ?? text.count
        var message = String(decoding: text[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self).trimmingSuffixWhitespace()
        if message.isEmpty { message = "invalid Turtle" }
        failure = Diagnostic(.turtleSyntax, message, at: file.location(at: errorOffset(message)))
        return SERD_SUCCESS
    }

    /// Where serd's error is: it reports after looking at the offending byte, which is the
    /// last one read, except inside an IRI, where it has already stepped past the bad character.
    private func errorOffset(_ message: String) -> Int {
        let last = max(stream.offset - 1, 0)
        guard message.hasPrefix("invalid IRI character"), let base = stream.base else { return last }
        var index = last
        while index > 0, base[index] != UInt8(ascii: "<") {
            let byte = base[index]
            if byte <= 0x20 || "\"{}|^`\\".utf8.contains(byte) { return index }
            index -= 1
        }
        return last
    }

    // MARK: Terms

    /// Which term of the current statement failed, to place its error.
    private var pendingPosition: TriplePosition = .object

    /// The last subject and predicate as serd wrote them, and their ids: `;` and `,` lists
    /// repeat them statement after statement, and a byte comparison is cheaper than interning.
    private struct Recent {
        var type = SERD_NOTHING
        var bytes: [UInt8] = []
        var id = TermID(raw: 0)

        func matches(_ node: SerdNode) -> Bool {
            guard type == node.type, bytes.count == node.n_bytes, node.n_bytes > 0, let written = node.buf else { return false }
            return bytes.withUnsafeBytes { memcmp($0.baseAddress!, written, node.n_bytes) == 0 }
        }

        mutating func remember(_ node: SerdNode, _ id: TermID) {
            type = node.type
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: UnsafeBufferPointer(start: node.buf, count: node.n_bytes))
            self.id = id
        }
    }

    private var recentSubject = Recent()
    private var recentPredicate = Recent()

    private func term(_ node: SerdNode, position: TriplePosition) -> TermID? {
        switch position {
        case .subject:
            if recentSubject.matches(node) { return recentSubject.id }
            let id = internTerm(node, position: position)
            if let id { recentSubject.remember(node, id) }
            return id
        case .predicate:
            if recentPredicate.matches(node) { return recentPredicate.id }
            let id = internTerm(node, position: position)
            if let id { recentPredicate.remember(node, id) }
            return id
        case .object:
            return internTerm(node, position: position)
        }
    }

    private func internTerm(_ node: SerdNode, position: TriplePosition) -> TermID? {
        switch node.type {
        case SERD_URI, SERD_CURIE:
            guard let id = iriTerm(node) else {
                pendingPosition = position
                return nil
            }
            return id
        case SERD_BLANK:
            return graph.terms.intern(.blank, UnsafeRawBufferPointer(Self.bytes(node)), scope: fileIndex)
        default:
            failure = Diagnostic(.turtleSyntax, "unexpected term", at: nil)
            pendingPosition = position
            return nil
        }
    }

    /// Interns an IRI node: absolute IRIs straight from serd's buffer, others after expansion
    /// or resolution in a reused scratch buffer.
    private func iriTerm(_ node: SerdNode) -> TermID? {
        let text = UnsafeRawBufferPointer(Self.bytes(node))
        if node.type == SERD_URI, IRIResolution.hasScheme(text) {
            guard !mayHaveBadEscapes || UTF8Validation.isValid(text) else {
                failure = Diagnostic(.turtleBadEscape, "IRI escape encodes a surrogate code point (U+D800–U+DFFF), which is not a character", at: nil)
                return nil
            }
            return graph.terms.intern(.iri, text)
        }
        guard let iri = node.type == SERD_URI ? resolvedIRI(node, at: nil) : expanded(node) else { return nil }
        return iri.withUnsafeBytes { graph.terms.intern(.iri, $0) }
    }

    private func literal(
        _ node: SerdNode, _ datatype: UnsafePointer<SerdNode>?, _ language: UnsafePointer<SerdNode>?
    ) -> TermID? {
        pendingPosition = .object
        let lexical = Self.bytes(node)
        if mayHaveBadEscapes, !UTF8Validation.isValid(UnsafeRawBufferPointer(lexical)) {
            failure = Diagnostic(
                .turtleBadEscape, "string escape encodes a surrogate code point (U+D800–U+DFFF), which is not a character", at: nil)
            return nil
        }
        var datatypeID: TermID?
        if let datatype {
            guard let id = iriTerm(datatype.pointee) else { return nil }
            datatypeID = id
        }
        let languageID = language.map { graph.terms.intern(.languageTag, UnsafeRawBufferPointer(Self.bytes($0.pointee))) }
        return graph.terms.intern(.literal, UnsafeRawBufferPointer(lexical), datatype: datatypeID, language: languageID)
    }

    /// A prefixed name with its prefix replaced by the declared IRI.
    private func expanded(_ node: SerdNode) -> [UInt8]? {
        let text = Self.bytes(node)
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else {
            failure = Diagnostic(.turtleSyntax, "malformed prefixed name", at: nil)
            return nil
        }
        let name = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text)[..<colon])
        guard let entry = prefixes.last(where: { entry in
            entry.name.count == name.count
                && (name.isEmpty || entry.name.withUnsafeBytes { memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 })
        }) else {
            let shown = String(decoding: text, as: UTF8.self)
            let prefix = String(decoding: name, as: UTF8.self)
            failure = Diagnostic(
                .turtleUndefinedPrefix, "undefined prefix '\(prefix):' in '\(shown)'", at: nil,
                notes: [Note("declare it first: @prefix \(prefix): <IRI> .")])
            return nil
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: entry.iri)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[(colon + 1)...]))
        guard UTF8Validation.isValid(UnsafeRawBufferPointer(start: scratch.withUnsafeBufferPointer { $0.baseAddress }, count: scratch.count)) else {
            failure = Diagnostic(.turtleBadEscape, "escape encodes a surrogate code point, which is not a character", at: nil)
            return nil
        }
        return scratch
    }

    /// An IRI reference resolved against the current base.
    private func resolvedIRI(_ node: SerdNode, at end: Int?) -> [UInt8]? {
        let text = Self.bytes(node)
        let location = end.map { file.location(at: max($0 - 1, 0)) }
        guard UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer(text)) == nil else {
            failure = Diagnostic(.turtleBadEscape, "IRI escape encodes a surrogate code point (U+D800–U+DFFF), which is not a character", at: location)
            return nil
        }
        if IRIResolution.hasScheme(UnsafeRawBufferPointer(text)) {
            return Array(text)
        }
        guard let base else {
            failure = Diagnostic(
                .turtleBadIRI, "relative IRI <\(String(decoding: text, as: UTF8.self))> but no base IRI is set", at: location,
                notes: [Note("write an absolute IRI, or declare @base <IRI> .")])
            return nil
        }
        return IRIResolution.resolve(Array(text), against: base)
    }

    static func containsUnicodeEscape(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let at = buffer.firstIndex(of: UInt8(ascii: "\\"), from: index), at + 1 < buffer.count {
            let next = buffer[at + 1]
            if next == UInt8(ascii: "u") || next == UInt8(ascii: "U") { return true }
            index = at + 2   // past the escaped character: `\\u` is no \u escape
        }
        return false
    }

    private static func bytes(_ node: SerdNode) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: node.buf, count: node.n_bytes)
    }

    private static func shape(_ node: SerdNode, _ flags: SerdStatementFlags) -> TermLocator.ObjectShape {
        if flags & UInt32(SERD_ANON_O_BEGIN.rawValue) != 0 { return .anonOpen }
        if flags & UInt32(SERD_LIST_O_BEGIN.rawValue) != 0 { return .listOpen }
        if flags & UInt32(SERD_EMPTY_O.rawValue) != 0 { return .emptyAnon }
        switch node.type {
        case SERD_URI:
            return .iri
        case SERD_CURIE:
            return .prefixedName
        case SERD_BLANK:
            // serd names the nodes it makes up itself b1, b2…; written labels came as _:x.
            return flags & UInt32(SERD_LIST_CONT.rawValue) != 0 ? .generatedBlank : .labelledBlank
        default:
            return .literal
        }
    }
}

// MARK: C entry points: recover the context and forward.

private func context(_ handle: UnsafeMutableRawPointer?) -> ReaderContext {
    Unmanaged<ReaderContext>.fromOpaque(handle!).takeUnretainedValue()
}

private let onBase: SerdBaseSink = { handle, node in context(handle).base(node) }
private let onPrefix: SerdPrefixSink = { handle, name, uri in context(handle).prefix(name, uri) }
private let onStatement: SerdStatementSink = { handle, flags, _, s, p, o, datatype, language in
    context(handle).statement(flags, s.pointee, p.pointee, o.pointee, datatype, language)
}
private let onError: SerdErrorSink = { handle, error in context(handle).error(error) }

extension String {
    func trimmingSuffixWhitespace() -> String {
        var result = self
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}

#if canImport(Glibc)
    import Glibc
#endif
