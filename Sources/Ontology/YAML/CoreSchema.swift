/// Resolution of plain scalars by the YAML 1.2 core schema (YAML 1.2.2 §10.3.2).
enum CoreSchema {
    enum Value: Equatable {
        case null
        case bool(Bool)
        /// Lexical form in decimal, as RDF's xsd:integer wants it.
        case integer(String)
        case decimal(String)
        case double(String)
        case string(String)
    }

    static func resolve(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double("INF")
        case "-.inf", "-.Inf", "-.INF": return .double("-INF")
        case ".nan", ".NaN", ".NAN": return .double("NaN")
        default: break
        }
        let bytes = Array(text.utf8)
        if matchesDecimalInteger(bytes) { return .integer(text) }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let radix: Int? = bytes[1] == UInt8(ascii: "o") ? 8 : bytes[1] == UInt8(ascii: "x") ? 16 : nil
            // `0o[0-7]+` and `0x[0-9a-fA-F]+`, no sign: UInt64(_:radix:) alone took 0o+17 for 15.
            // At most 256 digits (any bound is long passed by then): the conversion is quadratic
            // in their number, and 40,000 took 15 s.
            if let radix, bytes.count <= 2 + 256, bytes[2...].allSatisfy({ isRadixDigit($0, radix) }) {
                return .integer(decimalText(bytes[2...], radix: radix))
            }
        }
        if let float = matchFloat(bytes) { return float }
        return .string(text)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Octal or hex digits in decimal, however many: one past 64 bits is still an integer (the
    /// shapes' bounds then say it is too large), not a string.
    private static func decimalText(_ digits: ArraySlice<UInt8>, radix: Int) -> String {
        var decimal: [Int] = [0]   // least significant first
        for digit in digits {
            var carry = isDigit(digit) ? Int(digit - UInt8(ascii: "0")) : Int(digit | 0x20) - Int(UInt8(ascii: "a")) + 10
            for index in decimal.indices {
                let value = decimal[index] * radix + carry
                decimal[index] = value % 10
                carry = value / 10
            }
            while carry > 0 {
                decimal.append(carry % 10)
                carry /= 10
            }
        }
        while decimal.count > 1, decimal.last == 0 { decimal.removeLast() }
        return String(decoding: decimal.reversed().map { UInt8($0) + UInt8(ascii: "0") }, as: UTF8.self)
    }

    private static func isRadixDigit(_ b: UInt8, _ radix: Int) -> Bool {
        radix == 8 ? b >= UInt8(ascii: "0") && b <= UInt8(ascii: "7") : isDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f"))
    }

    /// `[-+]? [0-9]+`
    private static func matchesDecimalInteger(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        guard i < b.count else { return false }
        return b[i...].allSatisfy(isDigit)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func matchFloat(_ b: [UInt8]) -> Value? {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0
        while i < b.count, isDigit(b[i]) { i += 1; digits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        var exponent = false
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i > start else { return nil }
            exponent = true
        }
        guard i == b.count else { return nil }
        let text = String(decoding: b, as: UTF8.self)
        return exponent ? .double(text) : .decimal(text)
    }
}
