import CEvents
import CRuntime

/// A run of JSON-lines input parsed into signals (CEvents, libjansson), on whichever thread
/// parses it: the signals with their lines and payload bytes, and the lines refused, in input
/// order. Nothing here touches the arena or the rings; the producer routes it (`RunShared`).
struct ParsedLines {
    /// Events: lines that are not blank, parsed or refused.
    var events = 0
    var signals: [bitactor_signal] = []
    var lines: [Int] = []
    /// Signal i's payload is `payloads[payloadStarts[i] ..< payloadStarts[i] + payload_len]`.
    var payloads: [UInt8] = []
    var payloadStarts: [Int] = []
    var rejected: [EventRejection] = []

    /// The lines of `range` in `base` (whole lines: it starts at a line's start and ends after
    /// a newline or at the input's end); the first is line `firstLine`.
    init(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, firstLine: Int) {
        let payload = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(BITACTOR_PAYLOAD_MAX))
        defer { payload.deallocate() }
        var signal = bitactor_signal()
        var error = ttlc_event_error()
        var start = range.lowerBound
        var line = firstLine - 1
        while start < range.upperBound {
            line += 1
            var end = start
            while end < range.upperBound, base[end] != UInt8(ascii: "\n") { end += 1 }
            var stop = end
            if stop > start, base[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            defer { start = end + 1 }
            if (start..<stop).allSatisfy({ base[$0] == 0x20 || base[$0] == 0x09 }) { continue }
            events += 1
            let raw = UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self)
            let status = ttlc_event_parse(raw, stop - start, &signal, payload, BITACTOR_PAYLOAD_MAX, &error)
            guard status == 0 else {
                rejected.append(EventRejection(line: line, reason: RunShared.reason(status), field: RunShared.text(&error.field), message: RunShared.text(&error.message)))
                continue
            }
            payloadStarts.append(payloads.count)
            payloads.append(contentsOf: UnsafeBufferPointer(start: payload, count: Int(signal.payload_len)))
            signals.append(signal)
            lines.append(line)
        }
    }
}
