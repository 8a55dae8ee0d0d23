import CRuntime
import CSodium

/// The `--trace` file: every consumer's chain of verdict records, and the verifier behind
/// `ttlc trace verify`. Binary, big-endian:
///
///     "TTLCTRC2"  u32 chains
///     per chain:  u64 chain id, u64 records, u64 head seq, 32 bytes head mac,
///                 then each record: u64 seq, u64 timestamp, u64 key, u32 value, u16 kind,
///                 u16 event, 32 bytes mac
///     seal:       32 bytes, keyed BLAKE2b over the chain count and every chain's id, record
///                 count and head (`TraceFile.seal`)
///
/// The records' macs prove each chain from its genesis to its head; the seal proves the set of
/// chains and their heads, so that removing, duplicating or reordering a chain, or cutting one
/// short and moving its head back, is found with the key alone (format 1 had no seal: a file of
/// zero chains verified). The heads `ttlc run` prints, kept elsewhere, prove the same without the
/// file's word for it.
public struct TraceFile: Sendable {
    public struct Chain: Sendable {
        public var id: UInt64
        public var records: [bitactor_trace]
        public var head: bitactor_chain_head
    }

    public var chains: [Chain]
    public var seal: [UInt8]
    static let magic = Array("TTLCTRC2".utf8)
    static let formatOneMagic = Array("TTLCTRC1".utf8)

    /// A trace of these chains, sealed with the chains' key.
    public init(chains: [Chain], key: [UInt8]) {
        self.chains = chains
        self.seal = Self.seal(chains, key: key)
    }

    init(chains: [Chain], seal: [UInt8]) {
        self.chains = chains
        self.seal = seal
    }

    /// Keyed BLAKE2b-256 over a domain string, the chain count, and each chain's header as the
    /// file holds it (id, record count, head seq and head mac), in file order.
    static func seal(_ chains: [Chain], key: [UInt8]) -> [UInt8] {
        var message = Array("ttlc trace seal v2".utf8)
        append(UInt64(chains.count), to: &message)
        for chain in chains { appendHeader(chain, to: &message) }
        var out = [UInt8](repeating: 0, count: 32)
        _ = out.withUnsafeMutableBufferPointer { o in
            message.withUnsafeBufferPointer { m in
                key.withUnsafeBufferPointer { k in crypto_generichash(o.baseAddress!, 32, m.baseAddress, UInt64(m.count), k.baseAddress, k.count) }
            }
        }
        return out
    }

    /// An integer big-endian, as the file writes them.
    static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out += $0 }
    }

    /// A chain's header: id, record count, head seq and head mac.
    static func appendHeader(_ chain: Chain, to out: inout [UInt8]) {
        append(chain.id, to: &out)
        append(UInt64(chain.records.count), to: &out)
        append(chain.head.seq, to: &out)
        withUnsafeBytes(of: chain.head.mac) { out += $0 }
    }

    /// Whether the seal is the one the key makes for these chains (compared in constant time).
    public func sealVerifies(key: [UInt8]) -> Bool {
        let expected = Self.seal(chains, key: key)
        return expected.count == seal.count && expected.withUnsafeBufferPointer { e in seal.withUnsafeBufferPointer { sodium_memcmp(e.baseAddress, $0.baseAddress, 32) == 0 } }
    }

    public func encode() -> [UInt8] {
        var out = Self.magic
        Self.append(UInt32(chains.count), to: &out)
        for chain in chains {
            Self.appendHeader(chain, to: &out)
            for r in chain.records {
                Self.append(r.seq, to: &out)
                Self.append(r.timestamp, to: &out)
                Self.append(r.key, to: &out)
                Self.append(r.value, to: &out)
                Self.append(r.kind, to: &out)
                Self.append(r.event, to: &out)
                withUnsafeBytes(of: r.mac) { out += $0 }
            }
        }
        return out + seal
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var offset: Int
        public var message: String
        public var description: String { "byte \(offset): \(message)" }
    }

    public static func decode(_ bytes: [UInt8]) throws(FormatError) -> TraceFile {
        var at = 0
        func need(_ n: Int) throws(FormatError) {
            guard bytes.count - at >= n else { throw FormatError(offset: at, message: "the file ends inside a \(n)-byte field") }
        }
        func u64() throws(FormatError) -> UInt64 {
            try need(8)
            defer { at += 8 }
            return bytes[at..<at + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
        func u32() throws(FormatError) -> UInt32 {
            try need(4)
            defer { at += 4 }
            return bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        func u16() throws(FormatError) -> UInt16 {
            try need(2)
            defer { at += 2 }
            return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
        }
        func mac<T>(_ m: inout T) throws(FormatError) {
            try need(32)
            withUnsafeMutableBytes(of: &m) { for i in 0..<32 { $0[i] = bytes[at + i] } }
            at += 32
        }
        try need(8)
        if Array(bytes[0..<8]) == formatOneMagic {
            throw FormatError(offset: 0, message: "a format-1 trace (TTLCTRC1), which has no seal over its chains: chains removed or cut short could not be found; run again to write a sealed one")
        }
        guard Array(bytes[0..<8]) == magic else { throw FormatError(offset: 0, message: "not a ttlc trace file (no TTLCTRC2 header)") }
        at = 8
        let count = try u32()
        var chains: [Chain] = []
        for _ in 0..<count {
            let id = try u64()
            let n = try u64()
            var head = bitactor_chain_head()
            head.seq = try u64()
            try mac(&head.mac)
            // Each record is 64 bytes: a count larger than what is left is a lie, not an allocation.
            guard n <= UInt64((bytes.count - at) / 64) else { throw FormatError(offset: at, message: "chain \(id) claims \(n) records; the file holds fewer") }
            var records: [bitactor_trace] = []
            records.reserveCapacity(Int(n))
            for _ in 0..<n {
                var r = bitactor_trace()
                r.seq = try u64()
                r.timestamp = try u64()
                r.key = try u64()
                r.value = try u32()
                r.kind = try u16()
                r.event = try u16()
                try mac(&r.mac)
                records.append(r)
            }
            chains.append(Chain(id: id, records: records, head: head))
        }
        try need(32)
        let seal = Array(bytes[at..<at + 32])
        at += 32
        guard at == bytes.count else { throw FormatError(offset: at, message: "\(bytes.count - at) bytes after the seal") }
        return TraceFile(chains: chains, seal: seal)
    }

    public struct Verdict: Sendable {
        public var chain: UInt64
        public var verified: Int
        /// nil when the chain verifies from genesis to its head.
        public var fault: String?
    }

    /// Verifies each chain from its genesis (key, chain id) through every record to its head.
    public func verify(key: [UInt8]) -> [Verdict] {
        chains.map { chain in
            var genesis = bitactor_chain_head()
            guard bitactor_telemetry_genesis(key, chain.id, &genesis) == 0 else { return Verdict(chain: chain.id, verified: 0, fault: "libsodium failed") }
            var head = chain.head
            var report = bitactor_verify_report()
            let status = chain.records.withUnsafeBufferPointer { bitactor_telemetry_verify(key, &genesis, $0.baseAddress, $0.count, &head, &report) }
            guard status != 0 else { return Verdict(chain: chain.id, verified: chain.records.count, fault: nil) }
            let what: String
            switch report.fault {
            case BITACTOR_FAULT_REMOVED: what = "record \(report.expected_seq) removed"
            case BITACTOR_FAULT_REORDERED: what = "record \(report.found_seq) out of order (expected \(report.expected_seq))"
            case BITACTOR_FAULT_ALTERED: what = "record \(report.expected_seq) altered (its mac does not match)"
            default: what = "the chain does not verify"
            }
            return Verdict(chain: chain.id, verified: report.verified, fault: "\(what), at record index \(report.index)")
        }
    }
}
