/// Durations as the spec writes them: digits and units, summed ("500ms", "30s", "1h30m", "2d").
/// The one reader of that syntax; emitters turn its milliseconds into each tool's own form.
public enum SpecDuration {
    /// The longest duration a spec may hold: Go's `time.Duration` (int64 nanoseconds), which
    /// Flux, Flagger and cert-manager read theirs into, holds at most 2562047h47m16.854s.
    public static let maxMilliseconds = Int(Int64.max / 1_000_000)

    public enum Parsed: Equatable, Sendable {
        case milliseconds(Int)
        /// Digits and units, but more than `maxMilliseconds`.
        case tooLong
        /// Not digits and units.
        case malformed
    }

    /// Reads a duration: its milliseconds, `.tooLong` past `maxMilliseconds`, or `.malformed`.
    public static func parse(_ text: String) -> Parsed {
        var total = 0
        var number = 0
        var sawDigit = false
        var overflow = false
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                // Leading zeros add nothing; a number past the bound is remembered, not
                // wrapped, so that the rest of the text is still checked for its syntax.
                let (shifted, o1) = number.multipliedReportingOverflow(by: 10)
                let (next, o2) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if o1 || o2 || next > maxMilliseconds { overflow = true } else { number = next }
                sawDigit = true
                index += 1
                continue
            }
            guard sawDigit else { return .malformed }
            let unit: Int
            if byte == UInt8(ascii: "m"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") {
                unit = 1
                index += 2
            } else {
                switch byte {
                case UInt8(ascii: "s"): unit = 1000
                case UInt8(ascii: "m"): unit = 60_000
                case UInt8(ascii: "h"): unit = 3_600_000
                case UInt8(ascii: "d"): unit = 86_400_000
                default: return .malformed
                }
                index += 1
            }
            let (scaled, o1) = number.multipliedReportingOverflow(by: unit)
            let (sum, o2) = total.addingReportingOverflow(scaled)
            if o1 || o2 || sum > maxMilliseconds { overflow = true } else { total = sum }
            number = 0
            sawDigit = false
        }
        guard !sawDigit, !bytes.isEmpty else { return .malformed }
        return overflow ? .tooLong : .milliseconds(total)
    }

    /// Milliseconds, or nil when the text is not a duration or is longer than `maxMilliseconds`.
    public static func milliseconds(_ text: String) -> Int? {
        if case .milliseconds(let value) = parse(text) { return value }
        return nil
    }

    /// Milliseconds in Go's syntax (`time.ParseDuration`, which has no day unit), largest unit
    /// first and zero parts left out: "24h", "1h30m", "1m30s", "1s500ms", "0s". Spec text that
    /// is already written so ("30s", "1h30m") comes out unchanged.
    public static func goText(milliseconds: Int) -> String {
        units(milliseconds, [("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)])
    }

    /// Milliseconds in Prometheus's syntax, which has days: "1d2h", "90s", "500ms", "0s".
    public static func prometheusText(milliseconds: Int) -> String {
        units(milliseconds, [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)])
    }

    /// An amount as digits and units, largest first, zero parts left out ("0s" for none).
    private static func units(_ amount: Int, _ sizes: [(name: String, size: Int)]) -> String {
        guard amount > 0 else { return "0s" }
        var rest = amount
        var out = ""
        for (name, size) in sizes where rest >= size {
            out += "\(rest / size)\(name)"
            rest %= size
        }
        return out
    }

    /// Seconds as a short duration text ("45s", "3m", "1h2m5s"), for messages.
    public static func text(seconds: Int) -> String {
        units(seconds, [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)])
    }
}
