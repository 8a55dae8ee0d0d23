import CRuntime

/// What the producer of `ttlc run` routes signals to consumers by. Each rate bucket must see its
/// signals in input order, from one consumer, for a run to repeat its verdicts: signals go by the
/// key the table's rate rules count by. Rules counting by more than one key cannot all be served
/// so; then by source, and `mixed` lists the keys (which event of another key's burst is limited
/// can then vary between runs with several consumers).
public struct EventRouting: Sendable, Equatable {
    public enum Key: String, Sendable, Equatable, CaseIterable {
        case source = "BySource", destination = "ByDestination", signalKey = "BySignalKey"

        /// As the spec writes it, for messages: "source", "destination", "signal key".
        public var shown: String {
            switch self {
            case .source: "source"
            case .destination: "destination"
            case .signalKey: "signal key"
            }
        }
    }

    public var key: Key
    /// The keys the rate rules count by, when more than one (else empty).
    public var mixed: [Key]

    public init(rateKeys: [String]) {
        let used = Key.allCases.filter { key in rateKeys.contains(key.rawValue) }
        key = used.count == 1 ? used[0] : .source
        mixed = used.count > 1 ? used : []
    }

    /// The consumer of `signal` among `n` (FNV-1a over the routing key's bytes).
    public func consumer(of signal: bitactor_signal, among n: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ raw: UnsafeRawBufferPointer) { for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        switch key {
        case .source: withUnsafeBytes(of: signal.src, mix)
        case .destination: withUnsafeBytes(of: signal.dst, mix)
        case .signalKey: withUnsafeBytes(of: signal.key, mix)
        }
        return Int(h % UInt64(n))
    }
}
