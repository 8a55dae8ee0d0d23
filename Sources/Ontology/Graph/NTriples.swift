/// N-Triples serialisation (RDF 1.1), used by `ttlc triples` and to compare graphs in tests.
public enum NTriples {
    /// Appends the graph as N-Triples, calling `flush` whenever the buffer passes `chunkSize`
    /// bytes so that large graphs stream instead of doubling memory.
    /// With `locations`, each triple is preceded by a comment giving where its subject,
    /// predicate and object were written (`# file:line:col file:line:col file:line:col`).
    public static func serialize(_ graph: Graph, locations: Bool = false, chunkSize: Int = 1 << 16, flush: ([UInt8]) -> Void) {
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 4096)
        let multiFile = graph.files.count > 1
        for triple in graph.triples {
            if locations {
                let where_ = [TriplePosition.subject, .predicate, .object].map { graph.location(of: triple, $0).description }
                out.append(contentsOf: Array(("# " + where_.joined(separator: " ") + "\n").utf8))
            }
            appendTerm(graph.terms, triple.subject, multiFile: multiFile, to: &out)
            out.append(UInt8(ascii: " "))
            appendTerm(graph.terms, triple.predicate, multiFile: multiFile, to: &out)
            out.append(UInt8(ascii: " "))
            appendTerm(graph.terms, triple.object, multiFile: multiFile, to: &out)
            out.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "\n")])
            if out.count >= chunkSize {
                flush(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { flush(out) }
    }

    /// The whole graph as one string (small graphs, tests).
    public static func string(_ graph: Graph) -> String {
        var all: [UInt8] = []
        serialize(graph) { all.append(contentsOf: $0) }
        return String(decoding: all, as: UTF8.self)
    }

    static func appendTerm(_ store: TermStore, _ id: TermID, multiFile: Bool, to out: inout [UInt8]) {
        switch store.kind(id) {
        case .iri:
            out.append(UInt8(ascii: "<"))
            store.withBytes(id) { appendIRI($0, to: &out) }
            out.append(UInt8(ascii: ">"))
        case .blank:
            out.append(contentsOf: [UInt8(ascii: "_"), UInt8(ascii: ":")])
            // Labels are unique per file; a graph of several files keeps them apart.
            if multiFile { out.append(contentsOf: Array("f\(store.scope(id))x".utf8)) }
            store.withBytes(id) { out.append(contentsOf: $0) }
        case .literal, .languageTag:
            out.append(UInt8(ascii: "\""))
            store.withBytes(id) { appendString($0, to: &out) }
            out.append(UInt8(ascii: "\""))
            if let language = store.language(id) {
                out.append(UInt8(ascii: "@"))
                out.append(contentsOf: language.utf8)
            } else if let datatype = store.datatype(id) {
                out.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "^"), UInt8(ascii: "<")])
                store.withBytes(datatype) { appendIRI($0, to: &out) }
                out.append(UInt8(ascii: ">"))
            }
        }
    }

    /// One term as `appendTerm` writes it from a store of one file. Written straight from the
    /// value: interning it into a store of its own first zeroed a new table for every term
    /// (reading a 1,000-service model described thousands of terms).
    static func append(_ term: Term, to out: inout [UInt8]) {
        func bytes(_ text: String, _ body: (UnsafeRawBufferPointer) -> Void) {
            text.withUTF8Bytes { body(UnsafeRawBufferPointer($0)) }
        }
        switch term {
        case .iri(let value):
            out.append(UInt8(ascii: "<"))
            bytes(value) { appendIRI($0, to: &out) }
            out.append(UInt8(ascii: ">"))
        case .blank(let label, _):
            out.append(contentsOf: [UInt8(ascii: "_"), UInt8(ascii: ":")])
            out.append(contentsOf: label.utf8)
        case .literal(let lexical, let datatype, let language):
            out.append(UInt8(ascii: "\""))
            bytes(lexical) { appendString($0, to: &out) }
            out.append(UInt8(ascii: "\""))
            if let language {
                out.append(UInt8(ascii: "@"))
                out.append(contentsOf: language.utf8)
            } else if let datatype {
                out.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "^"), UInt8(ascii: "<")])
                bytes(datatype) { appendIRI($0, to: &out) }
                out.append(UInt8(ascii: ">"))
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendUnicodeEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
    }

    /// IRIREF excludes controls, space and `<>"{}|^`\`; those are written as \u escapes.
    private static func appendIRI(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
                UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
                appendUnicodeEscape(byte, to: &out)
            default:
                out.append(byte)
            }
        }
    }

    private static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0..<0x20, 0x7F: appendUnicodeEscape(byte, to: &out)
            default: out.append(byte)
            }
        }
    }
}
