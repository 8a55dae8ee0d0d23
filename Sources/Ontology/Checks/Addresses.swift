/// IPv4 and IPv6 addresses and prefixes, parsed exactly (RFC 4291 §2.2 text forms), for the
/// checks that patterns cannot make: host bits, documentation ranges.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Why this address cannot be a BGP neighbour's, or nil: the unspecified address names no
    /// host, a multicast group no peer, and an IPv6 link-local address needs an interface the
    /// spec cannot name (BIRD refuses the first and the last).
    public var unusableAsNeighbor: String? {
        if bytes.allSatisfy({ $0 == 0 }) { return "the unspecified address" }
        if isIPv4 ? bytes[0] >= 224 && bytes[0] <= 239 : bytes[0] == 0xFF { return "a multicast address" }
        if !isIPv4, bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return "an IPv6 link-local address, which needs an interface the spec cannot name" }
        return nil
    }

    public init?(_ text: String) {
        if text.contains(":") {
            guard let parsed = Self.parseIPv6(text) else { return nil }
            bytes = parsed
        } else {
            guard let parsed = Self.parseIPv4(text) else { return nil }
            bytes = parsed
        }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    public var description: String {
        isIPv4 ? bytes.map(String.init).joined(separator: ".") : stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            // No leading zeros: "010" is ambiguous (octal in some parsers).
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                part == "0" || !part.hasPrefix("0"), let value = UInt8(part)
            else { return nil }
            out.append(value)
        }
        return out
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(String(piece)) {
                    out.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    out.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                out.append(value)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

/// An address prefix in CIDR notation.
public struct IPPrefix: Hashable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let length: Int

    public enum Problem: Equatable {
        case malformed
        case lengthOutOfRange
        /// Bits set after the prefix length; carries the prefix that was meant.
        case hostBitsSet(String)
    }

    public static func parse(_ text: String) -> Result<IPPrefix, Problem> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let length = Int(parts[1]), parts[1].allSatisfy(\.isNumber)
        else { return .failure(.malformed) }
        let bits = address.bytes.count * 8
        guard (0...bits).contains(length) else { return .failure(.lengthOutOfRange) }
        let masked = IPPrefix.mask(address.bytes, length)
        if masked != address.bytes {
            return .failure(.hostBitsSet("\(IPAddress(bytes: masked))/\(length)"))
        }
        return .success(IPPrefix(address: address, length: length))
    }

    public var description: String { "\(address)/\(length)" }

    static func mask(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let keep = max(0, min(8, length - index * 8))
            return keep == 8 ? byte : byte & ~(UInt8(0xFF) >> keep)
        }
    }

    /// True when every address of `self` lies inside `other`.
    public func isInside(_ other: IPPrefix) -> Bool {
        address.bytes.count == other.address.bytes.count && length >= other.length
            && IPPrefix.mask(address.bytes, other.length) == other.address.bytes
    }

    public func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == self.address.bytes.count && IPPrefix.mask(address.bytes, length) == self.address.bytes
    }

    /// The ranges RFC 5737 and RFC 3849 reserve for documentation.
    public static let documentation: [IPPrefix] = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"].compactMap {
        try? parse($0).get()
    }
}

extension IPPrefix.Problem: Error {}
