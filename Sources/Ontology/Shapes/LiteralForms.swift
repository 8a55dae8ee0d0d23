/// What SHACL needs to know about literals: datatypes and their lexical spaces, numbers, lengths.
enum LiteralForms {
    static func hasDatatype(_ term: Term, _ datatype: String) -> Bool {
        guard case .literal(let lexical, let type, let language) = term else { return false }
        if datatype == NS.rdf + "langString" { return language != nil }
        let actual = type ?? (language == nil ? NS.xsdString : NS.rdf + "langString")
        guard actual == datatype else { return false }
        // An ill-typed literal ("abc"^^xsd:integer) does not have its datatype (SHACL §4.1.2).
        return isValidLexical(lexical, datatype)
    }

    static func isValidLexical(_ lexical: String, _ datatype: String) -> Bool {
        switch datatype {
        case NS.xsdInteger: return isInteger(Substring(lexical))
        case NS.xsdDecimal:
            // [+-]? ( [0-9]+ ( . [0-9]* )? | . [0-9]+ ), without a regex (compiled per call).
            var body = Substring(lexical)
            if body.first == "+" || body.first == "-" { body = body.dropFirst() }
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let whole = parts[0]
            let fraction = parts.count > 1 ? parts[1] : nil
            guard whole.allSatisfy(\.isASCIIDigit), fraction?.allSatisfy(\.isASCIIDigit) ?? true else { return false }
            return !whole.isEmpty || !(fraction?.isEmpty ?? true)
        case NS.xsdDouble: return Double(lexical) != nil || ["INF", "-INF", "NaN"].contains(lexical)
        case NS.xsdBoolean: return ["true", "false", "1", "0"].contains(lexical)
        default: return true
        }
    }

    static func isInteger(_ text: Substring) -> Bool {
        var body = text
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        return !body.isEmpty && body.allSatisfy(\.isASCIIDigit)
    }

    static func number(_ term: Term) -> Double? {
        guard case .literal(let lexical, let type?, _) = term,
            [NS.xsdInteger, NS.xsdDecimal, NS.xsdDouble, NS.xsd + "float"].contains(type)
        else { return nil }
        return Double(lexical)
    }

    static func length(_ term: Term) -> Int? {
        switch term {
        case .iri(let iri): iri.unicodeScalars.count
        case .literal(let lexical, _, _): lexical.unicodeScalars.count
        case .blank: nil
        }
    }

    static func matches(_ term: Term, _ kind: NodeKind) -> Bool {
        switch (term, kind) {
        case (.iri, .iri), (.iri, .blankNodeOrIRI), (.iri, .iriOrLiteral): true
        case (.blank, .blankNode), (.blank, .blankNodeOrIRI), (.blank, .blankNodeOrLiteral): true
        case (.literal, .literal), (.literal, .blankNodeOrLiteral), (.literal, .iriOrLiteral): true
        default: false
        }
    }

    static func describe(_ datatype: String) -> String {
        switch datatype {
        case NS.xsdInteger: "an integer"
        case NS.xsdBoolean: "a boolean (true or false)"
        case NS.xsdDecimal, NS.xsdDouble: "a number"
        case NS.xsdString: "a string"
        default: "a literal of type \(TermNames.compact(datatype))"
        }
    }

    static func describe(_ kind: NodeKind) -> String {
        switch kind {
        case .iri: "a reference to an object"
        case .blankNode: "a [ … ] block"
        case .literal: "a literal value"
        case .blankNodeOrIRI: "a reference or a [ … ] block"
        case .blankNodeOrLiteral: "a [ … ] block or a literal"
        case .iriOrLiteral: "a reference or a literal"
        }
    }

    static func describeValue(_ term: Term) -> String {
        switch term {
        case .iri(let iri): "a reference \(TermNames.compact(iri))"
        case .blank: "a [ … ] block"
        case .literal(let lexical, let type, let language):
            if let language { "the string \"\(lexical)\"@\(language)" } else if let type, type != NS.xsdString {
                "\(describe(type).replacingOccurrences(of: "an ", with: "the ").replacingOccurrences(of: "a ", with: "the ")) \(lexical)"
            } else { "the string \"\(lexical)\"" }
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
