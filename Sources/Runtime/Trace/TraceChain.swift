import CRuntime

/// The telemetry of one consumer thread: a `bitactor_telemetry` ring it appends one record per
/// verdict to, drained into memory whenever it fills. One chain per consumer (the core's
/// telemetry has one writer), chain id = consumer index.
final class TraceChain: @unchecked Sendable {
    /// Verdict records carry event `eventBase + action`, value = the deciding rule (0xFFFF: none).
    static let eventBase: UInt16 = 16
    let telemetry: UnsafeMutablePointer<bitactor_telemetry>
    let ring: UnsafeMutablePointer<bitactor_trace>
    let capacity: UInt32 = 1024
    let chainId: UInt64
    var records: [bitactor_trace] = []

    init(key: [UInt8], chainId: UInt64) {
        self.chainId = chainId
        telemetry = .allocate(capacity: 1)
        telemetry.initialize(to: bitactor_telemetry())
        ring = .allocate(capacity: Int(capacity))
        bitactor_telemetry_init(telemetry, ring, capacity, key, chainId)
    }

    func append(_ signal: bitactor_signal, _ verdict: bitactor_verdict) {
        var record = bitactor_trace()
        record.timestamp = signal.timestamp
        record.key = signal.key
        record.value = UInt32(verdict.rule)
        record.kind = signal.kind
        record.event = Self.eventBase + UInt16(verdict.action)
        if bitactor_telemetry_append(telemetry, &record, nil) != 0 {
            drain()
            bitactor_telemetry_append(telemetry, &record, nil)
        }
    }

    func drain() {
        var batch = [bitactor_trace](repeating: bitactor_trace(), count: Int(capacity))
        while true {
            let n = batch.withUnsafeMutableBufferPointer { bitactor_telemetry_export(telemetry, $0.baseAddress, capacity) }
            if n == 0 { return }
            records += batch[0..<Int(n)]
        }
    }

    var head: bitactor_chain_head {
        var h = bitactor_chain_head()
        bitactor_telemetry_head(telemetry, &h)
        return h
    }

    func release() {
        telemetry.deallocate()
        ring.deallocate()
    }
}
