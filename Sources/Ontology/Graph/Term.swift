/// The identity of an interned term inside one `TermStore`. Cheap to copy and compare.
public struct TermID: Hashable, Sendable, Comparable {
    public let raw: UInt32
    init(raw: UInt32) { self.raw = raw }
    public static func < (a: TermID, b: TermID) -> Bool { a.raw < b.raw }
}

/// The three kinds of RDF term.
public enum TermKind: UInt8, Sendable {
    case iri
    case blank
    case literal
    /// Internal: a language tag stored beside literals; never a term of a triple.
    case languageTag
}

/// An RDF term as a value, for code off the hot path (checks, tests, printing).
public enum Term: Hashable, Sendable, CustomStringConvertible {
    case iri(String)
    /// A blank node label, unique within its `scope` (the file that minted it).
    case blank(String, scope: UInt32 = 0)
    /// A literal: lexical form, datatype IRI (nil for a simple string) and language tag.
    case literal(String, datatype: String? = nil, language: String? = nil)

    public var description: String {
        var out: [UInt8] = []
        NTriples.append(self, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public var isBlank: Bool {
        if case .blank = self { return true }
        return false
    }

    /// The IRI string when this is an IRI.
    public var iri: String? {
        if case .iri(let value) = self { return value }
        return nil
    }
}
