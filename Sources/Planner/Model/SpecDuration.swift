/// Durations as the spec writes them: digits and units, summed ("500ms", "30s", "1h30m", "2d").
public enum SpecDuration {
    /// Milliseconds, or nil when the text is not a duration or does not fit.
    public static func milliseconds(_ text: String) -> Int? {
        var total = 0
        var number = 0
        var digits = 0
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                guard digits < 12 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                index += 1
                continue
            }
            guard digits > 0 else { return nil }
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
                default: return nil
                }
                index += 1
            }
            let (scaled, overflow) = number.multipliedReportingOverflow(by: unit)
            let (sum, overflow2) = total.addingReportingOverflow(scaled)
            guard !overflow, !overflow2 else { return nil }
            total = sum
            number = 0
            digits = 0
        }
        return digits == 0 && !bytes.isEmpty ? total : nil
    }

    /// Seconds as a short duration text ("45s", "3m", "1h2m5s"), for messages.
    public static func text(seconds: Int) -> String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var out = ""
        for (unit, name) in [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")] where rest >= unit {
            out += "\(rest / unit)\(name)"
            rest %= unit
        }
        return out
    }
}
