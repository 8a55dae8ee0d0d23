/// A Kubernetes quantity as the API server stores and returns it (`resource.Quantity`'s
/// canonical form): `"1.5"` → `"1500m"`, `"0.5"` → `"500m"`, `"2000"` → `"2k"`, `"1024Mi"` →
/// `"1Gi"`, `"0.5Gi"` → `"512Mi"`, `"0.5Ki"` → `"512"`, `"1.1Ki"` → `"1126400m"`. Emitted in this
/// form, a live object and its source do not differ in a value only the API server rewrote.
///
/// The rules (apimachinery `Quantity.CanonicalizeBytes`): the value is rounded up to a multiple
/// of 10⁻⁹; a binary-suffixed value of at least 1024 that is a whole number is written as an
/// integer times the largest power of 1024 that divides it (Ki … Ei); anything else, as an
/// integer times the largest power of 1000 that leaves no fraction (n, u, m, none, k … E). The
/// arithmetic is on decimal digits, exactly: the spec's pattern bounds a quantity's form, not its
/// size.
enum CanonicalQuantity {
    /// The canonical text of a written quantity; the text as written when it is not one the
    /// spec's pattern admits, or when Kubernetes has no suffix for its size (past 10¹⁸, or 1024⁶).
    static func text(_ written: String) -> String {
        guard let quantity = Parsed(written) else { return written }
        return quantity.canonical ?? written
    }

    private static let decimalSuffixes: [(suffix: String, exponent: Int)] = [
        ("n", -9), ("u", -6), ("m", -3), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18),
    ]
    private static let binarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]

    /// value = digits × 10^exponent, digits most significant first.
    private struct Parsed {
        var digits: [UInt8]
        var exponent: Int
        var binary: Bool

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
            exponent -= fraction.utf8.count
            for _ in 0..<power { multiply(by: 1024) }
            roundUpToNano()
        }

        var isZero: Bool { digits.allSatisfy { $0 == 0 } }

        var canonical: String? {
            if isZero { return "0" }
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
