/// Short, readable names for IRIs in messages: `tc:Service`, `xsd:integer`, `river-proxy`.
public enum TermNames {
    private static let prefixes: [(String, String)] = [
        (NS.tc, "tc:"), (NS.xsd, "xsd:"), (NS.rdf, "rdf:"), (NS.rdfs, "rdfs:"), (NS.owl, "owl:"),
        ("http://www.w3.org/ns/shacl#", "sh:"),
    ]

    public static func compact(_ iri: String) -> String {
        for (namespace, prefix) in prefixes where iri.hasPrefix(namespace) {
            return prefix + iri.dropFirst(namespace.count)
        }
        // A spec object: its name, as the spec's own prefix writes it.
        if let hash = iri.lastIndex(of: "#"), iri.index(after: hash) < iri.endIndex {
            return ":" + iri[iri.index(after: hash)...]
        }
        return "<\(iri)>"
    }

    /// The part of an IRI after its last `#`, else after its last `/`: a spec object's name
    /// (`…/aegis#river-proxy` → `river-proxy`). Searched as bytes: both are ASCII, and
    /// Character-wise search breaks graphemes for every byte it passes.
    public static func localName(_ iri: String) -> String {
        let bytes = iri.utf8
        guard let cut = bytes.lastIndex(of: UInt8(ascii: "#")) ?? bytes.lastIndex(of: UInt8(ascii: "/")) else { return iri }
        return String(iri[bytes.index(after: cut)...])
    }

    /// A literal's text for a message, cut to its first 64 characters when it is longer than 80
    /// (a value of megabytes should not make a message of megabytes).
    public static func shortened(_ text: String) -> String {
        text.count <= 80 ? text : text.prefix(64) + "… (\(text.utf8.count) bytes)"
    }

    /// A control character (C0, DEL or C1): none belongs in an IRI, and none is shown raw in a
    /// message.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }

    /// Text for a message with its control characters written as `\u{…}`, cut as `shortened`
    /// cuts: a NUL or an escape sequence in a value is not printed raw to a terminal.
    public static func visible(_ text: String) -> String {
        let shown = text.unicodeScalars.contains(where: isControl)
            ? text.unicodeScalars.map { isControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() : text
        return shortened(shown)
    }

    /// Datatypes whose literals Turtle writes without quotes.
    static let bareDatatypes: Set<String> = [NS.xsdInteger, NS.xsdDecimal, NS.xsdDouble, NS.xsdBoolean]

    public static func describe(_ term: Term) -> String {
        switch term {
        case .iri(let iri): compact(iri)
        case .blank: "[ … ]"
        case .literal(let text, let datatype?, nil) where bareDatatypes.contains(datatype): shortened(text)
        // A value of megabytes is not repeated whole in its message.
        case .literal(let text, _, _): "\"\(shortened(text))\""
        }
    }
}
