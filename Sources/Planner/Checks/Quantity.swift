/// Kubernetes resource quantities ("500m", "2", "1.5Gi", "512Mi"), in base units (cores, bytes).
public enum Quantity {
    static let suffixes: [(String, Double)] = [
        ("Ki", 0x1p10), ("Mi", 0x1p20), ("Gi", 0x1p30), ("Ti", 0x1p40), ("Pi", 0x1p50), ("Ei", 0x1p60),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ]

    public static func parse(_ text: String) -> Double? {
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }

    /// A readable form of a sum, in the unit of the example (`"8.5"` cores, `"17Gi"`).
    public static func format(_ value: Double, like example: String) -> String {
        for (suffix, factor) in suffixes where example.hasSuffix(suffix) && factor >= 1024 {
            return trim(value / factor) + suffix
        }
        if example.hasSuffix("m") { return trim(value * 1000) + "m" }
        return trim(value)
    }

    /// Three decimals at most; whole numbers without a point. A sum of quantities with hundreds
    /// of digits (the spec's pattern bounds their form, not their size) is past what an Int
    /// holds, or past what a Double holds: printed as a Double, or as ∞.
    private static func trim(_ value: Double) -> String {
        guard value.isFinite else { return value < 0 ? "-∞" : "∞" }
        let rounded = (value * 1000).rounded() / 1000
        guard rounded.isFinite else { return String(value) }
        return rounded == rounded.rounded() && abs(rounded) < 0x1p62 ? String(Int(rounded)) : String(rounded)
    }
}
