import CEvents
import CRuntime
import Foundation
import Synchronization

public struct RunOptions: Sendable {
    /// Consumer threads; signals go to one by a hash of the key the rate rules count by
    /// (`EventRouting`), so each bucket meets its signals in input order.
    public var consumers = 1
    /// Keep every verdict (for `--verdicts`).
    public var keepVerdicts = false
    /// Bytes of payload arena; the producer waits for the consumers and reuses it when full.
    public var arenaBytes: UInt32 = 8 << 20
    public var ringCapacity: UInt32 = BITACTOR_RING_DEFAULT_CAPACITY
    /// Token-bucket sets (3 buckets each, 64 bytes) shared by the consumers: 2 MiB, 98,304 keys.
    public var bucketSets: UInt32 = 1 << 15
    /// When set, each consumer chains a telemetry record per verdict under this 32-byte key.
    public var traceKey: [UInt8]?

    public init(consumers: Int = 1, keepVerdicts: Bool = false) {
        self.consumers = consumers
        self.keepVerdicts = keepVerdicts
    }
}

/// Where events come from.
public enum EventInput: Sendable {
    /// JSON lines (README "Events").
    case lines([UInt8])
    /// Wire signals, one per datagram, until `stopAfter` datagrams or `idle` seconds without one.
    case udp(UDPListener, stopAfter: Int?, idle: Double?)
}

/// Drives the C core: a producer thread parses JSON-lines events (CEvents, libjansson) into
/// signals and their payloads, and feeds one SPSC ring per consumer thread; each consumer
/// evaluates bursts on the rule table (`bitactor_rules_eval_burst`).
public enum RuleRunner {
    public static func run(_ table: RuleTable, input: EventInput, options: RunOptions) -> RunReport {
        let shared = RunShared(table: table, options: options)
        defer { shared.release() }
        let t0 = Date()
        let tick0 = bitactor_ticks()
        let finished = DispatchSemaphore(value: 0)
        for c in 0..<shared.consumers.count {
            let thread = Thread { shared.consume(c); finished.signal() }
            thread.name = "ttlc-consumer-\(c)"
            thread.start()
        }
        let producer = Thread {
            switch input {
            case .lines(let bytes): shared.produce(bytes)
            case .udp(let listener, let stopAfter, let idle): shared.produce(listener, stopAfter: stopAfter, idle: idle)
            }
            finished.signal()
        }
        producer.name = "ttlc-producer"
        producer.start()
        for _ in 0...shared.consumers.count { finished.wait() }
        let seconds = Date().timeIntervalSince(t0)
        let ticks = bitactor_ticks() - tick0
        var report = shared.report(seconds: seconds, ticks: ticks)
        if case .udp = input { report.unit = "datagram" }
        return report
    }
}

/// Per consumer: written by its thread while running, read by the caller after the join.
final class ConsumerState: @unchecked Sendable {
    let ring: UnsafeMutablePointer<bitactor_ring>
    let slots: UnsafeMutablePointer<bitactor_signal>
    /// Signals this consumer finished (release: its payload reads happen before; the producer
    /// acquires it before reusing the arena).
    let consumed = Atomic<UInt64>(0)
    var counters = bitactor_rule_counters()
    var verdicts: [bitactor_verdict] = []
    var ticks: [UInt32] = []
    /// Lines of the signals sent here, in ring order (producer-owned; read after the join).
    var lines: [Int] = []
    var sent: UInt64 = 0
    var trace: TraceChain?
    /// Set while the consumer sleeps on `wakeUp` (an empty ring for a while): the producer
    /// signals it after an enqueue. Each side fences between its store and its load of the other
    /// side's word (`parked` here, the ring's tail there), so that one of them sees the other.
    let parked = Atomic<Bool>(false)
    let wakeUp = DispatchSemaphore(value: 0)

    init(capacity: UInt32) {
        ring = .allocate(capacity: 1)
        ring.initialize(to: bitactor_ring())
        slots = .allocate(capacity: Int(capacity))
        bitactor_ring_init_spsc(ring, slots, capacity)
    }

    func release() {
        ring.deallocate()
        slots.deallocate()
        trace?.release()
    }
}

final class RunShared: @unchecked Sendable {
    let table: RuleTable
    let options: RunOptions
    let consumers: [ConsumerState]
    let arena: UnsafeMutablePointer<bitactor_arena>
    let arenaMemory: UnsafeMutableRawPointer
    let rates: UnsafeMutablePointer<bitactor_rate_table>
    let sets: UnsafeMutablePointer<bitactor_bucket_set>
    let done = Atomic<Bool>(false)
    let routing: EventRouting
    var rejected: [EventRejection] = []
    var events = 0

    init(table: RuleTable, options: RunOptions) {
        self.table = table
        self.options = options
        routing = table.routing
        consumers = (0..<max(1, options.consumers)).map { _ in ConsumerState(capacity: options.ringCapacity) }
        if let key = options.traceKey {
            for (index, consumer) in consumers.enumerated() { consumer.trace = TraceChain(key: key, chainId: UInt64(index)) }
        }
        arenaMemory = .allocate(byteCount: Int(options.arenaBytes), alignment: 64)
        arena = .allocate(capacity: 1)
        arena.initialize(to: bitactor_arena())
        bitactor_arena_init(arena, arenaMemory, options.arenaBytes)
        // Aligned to a cache line, so that each 64-byte set is exactly one line (bitactor_rules.h);
        // a table of 2 MiB or more on huge pages where the kernel gives them, so that a random
        // key's set costs no TLB miss (the default table is one such page).
        let setBytes = Int(options.bucketSets) * MemoryLayout<bitactor_bucket_set>.stride
        let huge = 1 << 21
        let raw = UnsafeMutableRawPointer.allocate(byteCount: setBytes, alignment: setBytes >= huge ? huge : 64)
        #if os(Linux)
        if setBytes >= huge { _ = madvise(raw, setBytes, MADV_HUGEPAGE) }
        #endif
        sets = raw.bindMemory(to: bitactor_bucket_set.self, capacity: Int(options.bucketSets))
        rates = .allocate(capacity: 1)
        rates.initialize(to: bitactor_rate_table())
        bitactor_rate_table_init(rates, sets, options.bucketSets)
    }

    func release() {
        consumers.forEach { $0.release() }
        arenaMemory.deallocate()
        arena.deallocate()
        UnsafeMutableRawPointer(sets).deallocate()
        rates.deallocate()
    }

    // MARK: producer

    /// Lines of input one thread parses at a time.
    static let chunkLines = 4096

    /// JSON lines, parsed a few chunks at a time on every core (libjansson is most of a line's
    /// cost: one thread parsing and routing kept `ttlc run` near 220,000 events/s while the
    /// consumers evaluate at millions), then routed in input order by this thread alone: the
    /// arena, the rings and the line numbers see the events exactly as a single parser would.
    func produce(_ input: [UInt8]) {
        let parsers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        input.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            var line = 0
            while start < buffer.count {
                var pieces: [(start: Int, end: Int, firstLine: Int)] = []
                while pieces.count < parsers, start < buffer.count {
                    let end = Self.endOfLines(base, from: start, count: buffer.count, lines: Self.chunkLines)
                    pieces.append((start, end.offset, line + 1))
                    line += end.lines
                    start = end.offset
                }
                let parsed = UnsafeMutableBufferPointer<ParsedLines>.allocate(capacity: pieces.count)
                defer { parsed.deallocate() }
                let chunks = pieces
                // Each iteration writes only its own slot; the input is only read.
                nonisolated(unsafe) let slots = parsed.baseAddress!
                nonisolated(unsafe) let bytes = base
                DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
                    (slots + i).initialize(to: ParsedLines(bytes, chunks[i].start..<chunks[i].end, firstLine: chunks[i].firstLine))
                }
                for i in 0..<chunks.count {
                    route(parsed[i])
                    (parsed.baseAddress! + i).deinitialize(count: 1)
                }
            }
        }
        // R: pairs with the consumers' acquiring load; every enqueue happened before.
        done.store(true, ordering: .releasing)
        consumers.forEach(wake)
    }

    /// The offset just past `lines` more lines from `from` (or the input's end), and how many
    /// lines that is.
    static func endOfLines(_ base: UnsafePointer<UInt8>, from: Int, count: Int, lines: Int) -> (offset: Int, lines: Int) {
        var offset = from
        var taken = 0
        while offset < count, taken < lines {
            taken += 1
            if let newline = memchr(base + offset, Int32(UInt8(ascii: "\n")), count - offset) {
                offset = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                offset = count
            }
        }
        return (offset, taken)
    }

    /// A chunk's events in input order: into the arena and to their consumers; its refused lines
    /// to the report.
    private func route(_ chunk: ParsedLines) {
        events += chunk.events
        var next = 0
        chunk.payloads.withUnsafeBufferPointer { payloads in
            for (index, var signal) in chunk.signals.enumerated() {
                let line = chunk.lines[index]
                while next < chunk.rejected.count, chunk.rejected[next].line < line {
                    rejected.append(chunk.rejected[next])
                    next += 1
                }
                enqueue(&signal, payload: payloads.baseAddress.map { $0 + chunk.payloadStarts[index] }, line: line)
            }
        }
        rejected.append(contentsOf: chunk.rejected[next...])
    }

    /// Datagrams: each decoded (and validated) by the core straight into the arena. A datagram
    /// the decoder refuses is counted by status and reported with its number.
    func produce(_ listener: UDPListener, stopAfter: Int?, idle: Double?) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 64)
        defer { buffer.deallocate() }
        var signal = bitactor_signal()
        var counters = bitactor_counters()
        var number = 0
        while stopAfter.map({ number < $0 }) ?? true {
            guard let size = listener.receive(into: buffer, timeout: idle) else { break }
            number += 1
            events += 1
            var status = bitactor_wire_decode(buffer.baseAddress, size, &signal, arena, &counters)
            if status == Int32(BITACTOR_E_NOSPACE.rawValue), size <= Int(options.arenaBytes) {
                drainAll()
                bitactor_arena_reset(arena)
                status = bitactor_wire_decode(buffer.baseAddress, size, &signal, arena, &counters)
            }
            guard status == 0 else {
                rejected.append(EventRejection(line: number, reason: "wire", field: "", message: String(cString: bitactor_strerror(status))))
                continue
            }
            route(&signal, line: number)
        }
        // R: pairs with the consumers' acquiring load; every enqueue happened before.
        done.store(true, ordering: .releasing)
        consumers.forEach(wake)
    }

    private func enqueue(_ signal: inout bitactor_signal, payload: UnsafePointer<UInt8>?, line: Int) {
        var offset: UInt32 = 0
        if bitactor_arena_put(arena, payload, UInt32(signal.payload_len), &offset) != 0 {
            // Arena full: wait until every payload in it has been read, then start it over.
            drainAll()
            bitactor_arena_reset(arena)
            bitactor_arena_put(arena, payload, UInt32(signal.payload_len), &offset)
        }
        signal.payload_off = offset
        route(&signal, line: line)
    }

    /// To the consumer of the signal's source, once its ring has room; wakes the consumer if it
    /// sleeps.
    private func route(_ signal: inout bitactor_signal, line: Int) {
        let c = consumers.count == 1 ? 0 : routing.consumer(of: signal, among: consumers.count)
        let consumer = consumers[c]
        // A: pairs with the consumer's releasing store of consumed; wait for a free slot.
        while consumer.sent - consumer.consumed.load(ordering: .acquiring) >= UInt64(options.ringCapacity) { sched_yield() }
        let status = bitactor_ring_enqueue_spsc(consumer.ring, &signal)
        precondition(status == 0, "a ring with a free slot refused a signal")
        consumer.sent += 1
        consumer.lines.append(line)
        wake(consumer)
    }

    /// Signals a consumer that went to sleep on an empty ring. F1: between the ring's store of
    /// its tail (the enqueue) and this load of parked; pairs with F2 in `consume`.
    private func wake(_ consumer: ConsumerState) {
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        if consumer.parked.load(ordering: .relaxed), consumer.parked.compareExchange(expected: true, desired: false, ordering: .relaxed).exchanged {
            consumer.wakeUp.signal()
        }
    }

    private func drainAll() {
        for consumer in consumers {
            while consumer.consumed.load(ordering: .acquiring) < consumer.sent { sched_yield() }
        }
    }

    static func reason(_ status: Int32) -> String {
        switch UInt32(status) {
        case TTLC_EVENT_NOT_JSON.rawValue: "not_json"
        case TTLC_EVENT_NOT_OBJECT.rawValue: "not_object"
        case TTLC_EVENT_MISSING.rawValue: "missing"
        case TTLC_EVENT_TYPE.rawValue: "type"
        case TTLC_EVENT_RANGE.rawValue: "range"
        default: "unknown_field"
        }
    }

    static func text<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    // MARK: consumers

    /// Empty looks at the ring, each followed by a yield, before a consumer sleeps.
    static let spinsBeforeSleep = 64

    func consume(_ index: Int) {
        let me = consumers[index]
        let burst: UInt32 = 256
        var scratch = [bitactor_verdict](repeating: bitactor_verdict(), count: Int(burst))
        var ticks = [UInt32](repeating: 0, count: Int(burst))
        var idle = 0
        while true {
            var first: UnsafePointer<bitactor_signal>?
            let n = bitactor_ring_peek_spsc(me.ring, &first, burst)
            if n == 0 {
                // A: pairs with the producer's releasing store; then one last look at the ring.
                if done.load(ordering: .acquiring), bitactor_ring_peek_spsc(me.ring, &first, burst) == 0 { return }
                idle += 1
                if idle < Self.spinsBeforeSleep {
                    sched_yield()
                    continue
                }
                // Asleep until the producer enqueues (or done): a consumer spinning on an empty
                // ring took a core's share from the threads parsing the input. F2: between this
                // store of parked and the ring's load of its tail; pairs with F1 in `wake`. The
                // timeout only bounds a wait the protocol should never need.
                me.parked.store(true, ordering: .relaxed)
                atomicMemoryFence(ordering: .sequentiallyConsistent)
                if bitactor_ring_peek_spsc(me.ring, &first, burst) == 0, !done.load(ordering: .acquiring) {
                    _ = me.wakeUp.wait(timeout: .now() + .milliseconds(10))
                }
                me.parked.store(false, ordering: .relaxed)
                continue
            }
            idle = 0
            scratch.withUnsafeMutableBufferPointer { v in
                ticks.withUnsafeMutableBufferPointer { t in
                    bitactor_rules_eval_burst(table.ruleset, rates, first, n, arena, &me.counters, v.baseAddress, t.baseAddress)
                }
            }
            if options.keepVerdicts { me.verdicts.append(contentsOf: scratch[0..<Int(n)]) }
            if let trace = me.trace, let first {
                for i in 0..<Int(n) { trace.append(first[i], scratch[i]) }
            }
            me.ticks.append(contentsOf: ticks[0..<Int(n)])
            bitactor_ring_release_spsc(me.ring, n)
            // R: pairs with the producer's acquiring loads; the payload reads above come first.
            me.consumed.add(UInt64(n), ordering: .releasing)
        }
    }

    // MARK: report

    func report(seconds: Double, ticks: UInt64) -> RunReport {
        var r = RunReport()
        r.events = events
        r.rejected = rejected
        r.consumers = consumers.count
        r.routing = routing
        r.seconds = seconds
        r.ticksPerNanosecond = seconds > 0 ? Double(ticks) / (seconds * 1e9) : 1
        r.ruleNames = table.rules.map(\.name)
        r.byAction = Array(repeating: 0, count: Int(BITACTOR_ACT_COUNT.rawValue))
        r.byRule = Array(repeating: 0, count: table.rules.count)
        var allTicks: [UInt32] = []
        for consumer in consumers {
            let c = consumer.counters
            r.evaluated += c.evaluated
            r.payloadScans += c.payload_scans
            r.rateEvictions += c.rate_evictions
            withUnsafeBytes(of: c.by_action) { raw in
                for (i, v) in raw.bindMemory(to: UInt64.self).enumerated() where i < r.byAction.count { r.byAction[i] += v }
            }
            withUnsafeBytes(of: c.by_rule) { raw in
                for (i, v) in raw.bindMemory(to: UInt64.self).enumerated() where i < r.byRule.count { r.byRule[i] += v }
            }
            allTicks += consumer.ticks
        }
        r.latencyTicks = Percentiles(allTicks)
        if let key = options.traceKey {
            r.trace = TraceFile(
                chains: consumers.compactMap { consumer in
                    consumer.trace.map { chain in
                        chain.drain()
                        return TraceFile.Chain(id: chain.chainId, records: chain.records, head: chain.head)
                    }
                }, key: key)
        }
        if options.keepVerdicts {
            for consumer in consumers {
                for (i, v) in consumer.verdicts.enumerated() {
                    let logs = withUnsafeBytes(of: v.logs) { raw in Array(raw.bindMemory(to: UInt16.self).prefix(Int(min(v.n_logs, UInt8(BITACTOR_VERDICT_LOGS))))).map(Int.init) }
                    r.verdicts.append(EventVerdict(line: consumer.lines[i], action: v.action, rule: v.rule == UInt16(BITACTOR_RULE_NONE) ? nil : Int(v.rule), logs: logs))
                }
            }
            r.verdicts.sort { $0.line < $1.line }
        }
        return r
    }
}
