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

    /// How a literal compares with a bound written as an integer or decimal: -1, 0 or 1. Exact
    /// for integer and decimal literals (as Doubles, 100.00000000000000001 passed a maximum of
    /// 100.0 and 9007199254740993 one of 9007199254740992); through Double for the rest; nil
    /// for a literal that is no number.
    static func compare(_ term: Term, withBound bound: String) -> Int? {
        if case .literal(let lexical, let type?, _) = term, type == NS.xsdInteger || type == NS.xsdDecimal,
            let exact = compareDecimals(lexical, bound)
        {
            return exact
        }
        guard let value = number(term), let limit = Double(bound), !value.isNaN else { return nil }
        return value < limit ? -1 : value > limit ? 1 : 0
    }

    /// Two integer or decimal lexical forms compared by value; nil when either is not one.
    static func compareDecimals(_ a: String, _ b: String) -> Int? {
        guard let x = DecimalParts(a), let y = DecimalParts(b) else { return nil }
        if x.sign != y.sign { return x.sign < y.sign ? -1 : 1 }
        let magnitude = DecimalParts.compareMagnitudes(x, y)
        return x.sign < 0 ? -magnitude : magnitude
    }

    /// A decimal's sign, its whole digits without leading zeros and its fraction without
    /// trailing zeros.
    struct DecimalParts {
        let negative: Bool
        let whole: [UInt8]
        let fraction: [UInt8]

        /// -1, 0 or 1 (-0 is 0).
        var sign: Int { whole.isEmpty && fraction.isEmpty ? 0 : negative ? -1 : 1 }

        init?(_ lexical: String) {
            var bytes = Array(lexical.utf8)[...]
            negative = bytes.first == UInt8(ascii: "-")
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let point = bytes.firstIndex(of: UInt8(ascii: "."))
            var whole = bytes[..<(point ?? bytes.endIndex)]
            var fraction = point.map { bytes[($0 + 1)...] } ?? []
            func digits(_ part: ArraySlice<UInt8>) -> Bool { part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
            guard !(whole.isEmpty && fraction.isEmpty), digits(whole), digits(fraction) else { return nil }
            while whole.first == UInt8(ascii: "0") { whole = whole.dropFirst() }
            while fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
            self.whole = Array(whole)
            self.fraction = Array(fraction)
        }

        static func compareMagnitudes(_ x: DecimalParts, _ y: DecimalParts) -> Int {
            if x.whole.count != y.whole.count { return x.whole.count < y.whole.count ? -1 : 1 }
            if x.whole != y.whole { return x.whole.lexicographicallyPrecedes(y.whole) ? -1 : 1 }
            if x.fraction == y.fraction { return 0 }
            return x.fraction.lexicographicallyPrecedes(y.fraction) ? -1 : 1
        }
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
        case NS.xsdDecimal: "a decimal number such as 1.5"
        case NS.xsdDouble: "a floating-point number such as 1.5e3"
        case NS.xsdString: "a string"
        default: "a literal of type \(TermNames.compact(datatype))"
        }
    }

    /// What a typed literal is, after "the": "integer", "decimal", "floating-point number".
    private static func noun(_ datatype: String) -> String {
        switch datatype {
        case NS.xsdInteger: "integer"
        case NS.xsdBoolean: "boolean"
        case NS.xsdDecimal: "decimal"
        case NS.xsdDouble, NS.xsd + "float": "floating-point number"
        default: "literal of type \(TermNames.compact(datatype))"
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
            if let language { "the string \"\(TermNames.shortened(lexical))\"@\(language)" } else if let type, type != NS.xsdString {
                "the \(noun(type)) \(TermNames.shortened(lexical))"
            } else { "the string \"\(TermNames.shortened(lexical))\"" }
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
