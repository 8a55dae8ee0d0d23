/// A statement, with where each of its terms was written: three term ids, the file, and the
/// byte offset of the first character of subject, predicate and object. Plain data, no heap.
public struct Triple: Hashable, Sendable {
    public var subject: TermID
    public var predicate: TermID
    public var object: TermID
    /// Index into `Graph.files`.
    public var file: UInt32
    public var subjectOffset: UInt32
    public var predicateOffset: UInt32
    public var objectOffset: UInt32
}

/// Which term of a triple a location is asked for.
public enum TriplePosition: Sendable {
    case subject, predicate, object
}

/// An RDF graph whose every triple remembers where it was written.
///
/// Both front ends (Turtle through serd, YAML through libyaml) fill this one type; everything
/// after them (shapes, planner) reads it and never needs to know which syntax a fact came from.
public struct Graph: Sendable {
    public private(set) var files: [SourceFile] = []
    public var terms = TermStore()
    public private(set) var triples: [Triple] = []

    public init() {}

    /// Registers a file and returns the index its triples carry.
    public mutating func addFile(_ file: SourceFile) -> UInt32 {
        files.append(file)
        return UInt32(files.count - 1)
    }

    public mutating func add(_ triple: Triple) {
        triples.append(triple)
    }

    /// Adds the terms and triples of `piece`, a graph read from a later part of one of this
    /// graph's files (its triples carry that file's index), as reading that part into this
    /// graph would have: the same term ids, the triples after these.
    mutating func append(_ piece: Graph, relabellingBlanks relabel: (UnsafeRawBufferPointer, inout [UInt8]) -> Bool) {
        let ids = terms.intern(contentsOf: piece.terms, relabellingBlanks: relabel)
        triples.reserveCapacity(triples.count + piece.triples.count)
        for var triple in piece.triples {
            triple.subject = ids[Int(triple.subject.raw)]
            triple.predicate = ids[Int(triple.predicate.raw)]
            triple.object = ids[Int(triple.object.raw)]
            triples.append(triple)
        }
    }

    public mutating func reserveCapacity(triples count: Int) {
        triples.reserveCapacity(count)
    }

    /// The source location of one term of a triple.
    public func location(of triple: Triple, _ position: TriplePosition) -> SourceLocation {
        let offset: UInt32 =
            switch position {
            case .subject: triple.subjectOffset
            case .predicate: triple.predicateOffset
            case .object: triple.objectOffset
            }
        return files[Int(triple.file)].location(at: Int(offset))
    }

    /// The triple as term values (for checks and tests; the hot path stays on ids).
    public func terms(of triple: Triple) -> (subject: Term, predicate: Term, object: Term) {
        (terms.term(triple.subject), terms.term(triple.predicate), terms.term(triple.object))
    }
}
