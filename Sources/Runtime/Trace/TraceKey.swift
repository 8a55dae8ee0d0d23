import CSodium

/// The 32-byte key of the telemetry chains, written as 64 hex digits (one line) in a key file.
public enum TraceKey {
    public static let bytes = 32

    /// A fresh key from libsodium's CSPRNG.
    public static func random() -> [UInt8]? {
        guard sodium_init() >= 0 else { return nil }
        var key = [UInt8](repeating: 0, count: bytes)
        key.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, bytes) }
        return key
    }

    /// The key in a key file's text: 64 hex digits, surrounding white space ignored.
    public static func parse(_ text: String) -> [UInt8]? {
        let digits = Array(text.trimmingWhitespace.utf8)
        guard digits.count == 2 * bytes else { return nil }
        var key: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let hi = hex(digits[i]), let lo = hex(digits[i + 1]) else { return nil }
            key.append(hi << 4 | lo)
        }
        return key
    }

    public static func text(_ key: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: key.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self) + "\n"
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        return self.drop(while: isSpace).reversed().drop(while: isSpace).reversed().reduce(into: Substring()) { $0.append($1) }
    }
}
