/// What `ttlc run` measured: counts by action and rule, rejected events, throughput, latency.
public struct RunReport: Sendable {
    /// Non-empty input lines, or datagrams (events offered).
    public var events = 0
    /// What an event's number counts: "line" (JSON lines) or "datagram" (UDP).
    public var unit = "line"
    /// Signals evaluated on the core.
    public var evaluated: UInt64 = 0
    /// Events refused before evaluation, in line order.
    public var rejected: [EventRejection] = []
    /// Deciding action counts, indexed by `enum bitactor_action` (0: no rule decided).
    public var byAction: [UInt64] = []
    /// Matches per rule in table order (deciding or LOG).
    public var byRule: [UInt64] = []
    public var ruleNames: [String] = []
    /// One per event in input order, when asked for.
    public var verdicts: [EventVerdict] = []
    public var consumers = 1
    /// What signals were routed to consumers by (README "ttlc run").
    public var routing = EventRouting(rateKeys: [])
    public var seconds = 0.0
    /// Evaluation time of one signal (rule table walk and payload scan), in ticks.
    public var latencyTicks = Percentiles()
    /// Ticks per nanosecond over the run (the TSC rate; 1 where ticks are ns).
    public var ticksPerNanosecond = 1.0
    public var payloadScans: UInt64 = 0
    public var rateEvictions: UInt64 = 0
    /// The verdict telemetry, one chain per consumer, when a trace key was given.
    public var trace: TraceFile?

    public var signalsPerSecond: Double { seconds > 0 ? Double(evaluated) / seconds : 0 }
}

public struct Percentiles: Sendable {
    public var p50: UInt64 = 0
    public var p99: UInt64 = 0
    public var max: UInt64 = 0

    public init() {}

    /// Nearest-rank percentiles of the samples.
    public init(_ samples: [UInt32]) {
        guard !samples.isEmpty else { return }
        let sorted = samples.sorted()
        func rank(_ p: Double) -> UInt64 { UInt64(sorted[Swift.max(0, Swift.min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1))]) }
        p50 = rank(0.50)
        p99 = rank(0.99)
        max = UInt64(sorted[sorted.count - 1])
    }
}

public struct EventRejection: Sendable, Equatable {
    public var line: Int
    /// "not_json", "not_object", "missing", "type", "range", "unknown_field".
    public var reason: String
    public var field: String
    public var message: String
}

public struct EventVerdict: Sendable, Equatable {
    public var line: Int
    /// `enum bitactor_action`.
    public var action: UInt8
    /// Table index of the deciding rule; nil when none decided.
    public var rule: Int?
    /// LOG rules that matched (table indexes).
    public var logs: [Int]
}
