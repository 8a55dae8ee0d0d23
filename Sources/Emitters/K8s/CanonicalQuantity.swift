import Planner

/// A Kubernetes quantity as the API server stores and returns it (`resource.Quantity`'s
/// canonical form): `"1.5"` → `"1500m"`, `"0.5"` → `"500m"`, `"2000"` → `"2k"`, `"1024Mi"` →
/// `"1Gi"`, `"0.5Gi"` → `"512Mi"`, `"0.5Ki"` → `"512"`, `"1.1Ki"` → `"1126400m"`. Emitted in this
/// form, a live object and its source do not differ in a value only the API server rewrote.
///
/// The rules (apimachinery `ParseQuantity` and `Quantity.CanonicalizeBytes`): a text its parser
/// finds canonical already is kept as written (`1.250`, `007`, `04Gi`); otherwise the value is
/// rounded up to a multiple of 10⁻⁹, a binary one capped at 2⁶³ − 1; a binary-suffixed value of at least 1024 that is a whole number is written as an
/// integer times the largest power of 1024 that divides it (Ki … Ei); anything else, as an
/// integer times the largest power of 1000 that leaves no fraction (n, u, m, none, k … E). The
/// arithmetic is on decimal digits, exactly: the spec's pattern bounds a quantity's form, not its
/// size.
enum CanonicalQuantity {
    /// The canonical text of a written quantity; the text as written when it is not one the
    /// spec's pattern admits, or when Kubernetes has no suffix for its size (past 10¹⁸, or 1024⁶).
    static func text(_ written: String) -> String {
        guard let quantity = Parsed(written) else { return written }
        if quantity.keptAsWritten { return written }
        return quantity.canonical ?? written
    }

    /// A quantity of the spec as an emitted value, canonical, with its origin.
    static func document(_ value: Located<String>) -> Document { .string(value.derived(text)) }

    /// The largest quantity a binary suffix reaches: the API server caps one past it.
    static let binaryCap = "9223372036854775807"

    private static let decimalSuffixes: [(suffix: String, exponent: Int)] = [
        ("n", -9), ("u", -6), ("m", -3), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18),
    ]
    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    /// value = digits × 10^exponent, digits most significant first.
    private struct Parsed {
        var digits: [UInt8]
        var exponent: Int
        var binary: Bool
        /// apimachinery's parser keeps the text a quantity was written in when its fast path
        /// finds it already canonical in value (`1.250`, `007`, `04Gi` stay as written).
        var keptAsWritten = false

        init?(_ text: String) {
            var number = Substring(text)
            var power = 0
            binary = false
            exponent = 0
            if let index = CanonicalQuantity.binarySuffixes.dropFirst().firstIndex(where: { text.hasSuffix($0) }) {
                number = number.dropLast(2)
                power = index
                binary = true
            } else if let decimal = CanonicalQuantity.decimalSuffixes.first(where: { text.hasSuffix($0.suffix) }) {
                number = number.dropLast()
                exponent = decimal.exponent
            }
            let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = parts.first, !whole.isEmpty, parts.count == 1 || !parts[1].isEmpty else { return nil }
            let fraction = parts.count == 2 ? parts[1] : ""
            let written = Array(whole.utf8) + Array(fraction.utf8)
            guard written.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            digits = written.map { $0 - UInt8(ascii: "0") }
            keptAsWritten = Self.keepsText(whole: whole, fraction: fraction, suffixExponent: exponent, power: power)
            exponent -= fraction.utf8.count
            for _ in 0..<power { multiply(by: 1024) }
            roundUpToNano()
        }

        /// ParseQuantity's int64 fast path: the integer part without its leading zeros ("0"
        /// when none is left), then for a decimal or no suffix at most 18 digits, a
        /// scale of at least -9 and a multiple of 3, no trailing "000" and no leading 0; for a
        /// binary suffix no fraction, the precision its formula leaves, no overflow, and a value
        /// 8 does not divide.
        private static func keepsText(whole: Substring, fraction: Substring, suffixExponent: Int, power: Int) -> Bool {
            var number = String(whole.drop { $0 == "0" })
            if number.isEmpty { number = "0" }
            if power > 0 {
                let shift = 10 * power
                let precision = 15 - number.utf8.count - Int(Float(shift) * 3 / 10) - 1
                guard fraction.isEmpty, precision >= 0, let value = Int64(number), shift < 63, value <= Int64.max >> shift else { return false }
                return value & 7 != 0
            }
            let shifted = number + fraction
            let scale = suffixExponent - fraction.utf8.count
            guard number.utf8.count + fraction.utf8.count <= 18, scale >= -9, let first = shifted.first else { return false }
            return scale % 3 == 0 && !shifted.hasSuffix("000") && first != "0"
        }

        var isZero: Bool { digits.allSatisfy { $0 == 0 } }

        /// Past 2^63 - 1, for a binary suffix (the API server's cap).
        private var pastBinaryCap: Bool {
            var whole = digits.drop { $0 == 0 }
            let fractionDigits = max(0, -exponent)
            let fractional = whole.suffix(fractionDigits)
            whole = whole.dropLast(min(fractionDigits, whole.count))
            let integer = whole.map { Character(UnicodeScalar($0 + UInt8(ascii: "0"))) } + [Character](repeating: "0", count: max(0, exponent))
            let text = String(integer)
            if text.count != CanonicalQuantity.binaryCap.count { return text.count > CanonicalQuantity.binaryCap.count }
            return text > CanonicalQuantity.binaryCap || (text == CanonicalQuantity.binaryCap && fractional.contains { $0 != 0 })
        }

        var canonical: String? {
            if isZero { return "0" }
            if binary, pastBinaryCap { return CanonicalQuantity.binaryCap }
            // Past Ei there is no suffix: nil, the text kept as written.
            if binary, let whole = wholeFrom1024 { return whole.binaryText }
            return decimalText
        }

        /// The value as an integer (exponent 0), when it is whole and at least 1024.
        private var wholeFrom1024: Parsed? {
            var whole = self
            whole.dropTrailingZeros()
            guard whole.exponent >= 0 else { return nil }
            whole.digits += [UInt8](repeating: 0, count: whole.exponent)
            whole.exponent = 0
            return whole.isLess(than: 1024) ? nil : whole
        }

        /// An integer times the largest power of 1024 that divides it.
        private var binaryText: String? {
            var whole = self
            var power = 0
            while whole.remainder(dividingBy: 1024) == 0 {
                whole.divide(by: 1024)
                power += 1
            }
            guard power < CanonicalQuantity.binarySuffixes.count else { return nil }
            return whole.digitText + CanonicalQuantity.binarySuffixes[power]
        }

        private var decimalText: String? {
            var value = self
            value.dropTrailingZeros()
            // Down to a multiple of three, as Go's `%` takes the sign of the dividend.
            while value.exponent % 3 != 0 {
                value.digits.append(0)
                value.exponent -= 1
            }
            if value.exponent == 0 { return value.digitText }
            guard let suffix = CanonicalQuantity.decimalSuffixes.first(where: { $0.exponent == value.exponent }) else { return nil }
            return value.digitText + suffix.suffix
        }

        private var digitText: String {
            let significant = digits.drop { $0 == 0 }
            return significant.isEmpty ? "0" : String(decoding: significant.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        }

        /// Parsing rounds every value up to a whole number of nano-units.
        private mutating func roundUpToNano() {
            guard exponent < -9 else { return }
            let drop = min(-9 - exponent, digits.count)
            let dropped = digits.suffix(drop)
            digits.removeLast(drop)
            exponent = -9
            if dropped.contains(where: { $0 != 0 }) { addOne() }
        }

        private mutating func addOne() {
            var index = digits.count - 1
            while index >= 0 {
                if digits[index] < 9 {
                    digits[index] += 1
                    return
                }
                digits[index] = 0
                index -= 1
            }
            digits.insert(1, at: 0)
        }

        private mutating func dropTrailingZeros() {
            while digits.count > 1, digits.last == 0 {
                digits.removeLast()
                exponent += 1
            }
        }

        private mutating func multiply(by factor: Int) {
            var carry = 0
            for index in digits.indices.reversed() {
                let product = Int(digits[index]) * factor + carry
                digits[index] = UInt8(product % 10)
                carry = product / 10
            }
            while carry > 0 {
                digits.insert(UInt8(carry % 10), at: 0)
                carry /= 10
            }
        }

        private func remainder(dividingBy divisor: Int) -> Int {
            digits.reduce(0) { ($0 * 10 + Int($1)) % divisor }
        }

        private mutating func divide(by divisor: Int) {
            var rest = 0
            for index in digits.indices {
                let current = rest * 10 + Int(digits[index])
                digits[index] = UInt8(current / divisor)
                rest = current % divisor
            }
            digits = Array(digits.drop { $0 == 0 })
            if digits.isEmpty { digits = [0] }
        }

        /// For a whole value (exponent 0).
        private func isLess(than bound: Int) -> Bool {
            let significant = digits.drop { $0 == 0 }
            guard significant.count <= 4 else { return false }   // 10,000 or more
            return significant.reduce(0) { $0 * 10 + Int($1) } < bound
        }
    }
}
