import Ontology

/// The checks of the runtime rules that the shapes cannot make (DESIGN.md "Checks"): the bounds of
/// the C rule table (rule count, rate range, pattern length, automaton size) and two rules at one
/// priority whose matches overlap with conflicting actions. Each is a located error. The syntax of
/// prefixes, ports and windows is the shapes' and `spec.cidr`'s.
public enum RuleChecks {
    /// The bounds of the C core's rule table (`bitactor_rules.h`; `RuleTableTests` holds them equal).
    public static let maxRules = 256
    public static let maxPatternBytes = 255
    public static let maxAutomatonStates = 32767
    public static let maxRateLimit = 1_000_000
    public static let minWindowNanoseconds: UInt64 = 1_000_000
    public static let maxWindowNanoseconds: UInt64 = 3_600_000_000_000

    public static func run(_ model: SystemModel) -> [Diagnostic] {
        let rules = evaluationOrder(model.rules)
        return tooMany(rules) + rates(rules) + patterns(rules) + overlaps(rules)
    }

    /// The order the table holds rules in: by priority, then by name (rules at one priority do not
    /// overlap with conflicting actions, so their order among themselves changes no verdict).
    public static func evaluationOrder(_ rules: [Rule]) -> [Rule] {
        rules.sorted { ($0.priority.value, $0.name) < ($1.priority.value, $1.name) }
    }

    /// "1h30m", "500ms" as nanoseconds; nil when malformed or longer than a spec duration may be
    /// (`SpecDuration.maxMilliseconds`, whose nanoseconds fit 64 bits).
    public static func nanoseconds(_ text: String) -> UInt64? {
        SpecDuration.milliseconds(text).map { UInt64($0) * 1_000_000 }
    }

    static func tooMany(_ rules: [Rule]) -> [Diagnostic] {
        guard rules.count > maxRules else { return [] }
        let first = rules[maxRules]
        return [
            Diagnostic(
                .rulesTooMany, "\(rules.count) rules; the rule table holds at most \(maxRules)", at: first.priority.origin.location,
                notes: [Note("rule \(first.name) is the first past the bound (rules run by priority, then name)")])
        ]
    }

    static func rates(_ rules: [Rule]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for rule in rules {
            guard let rate = rule.match.rate else {
                if rule.action.value == "RateLimit" {
                    out.append(
                        Diagnostic(
                            .rulesRate, "rule \(rule.name) has action tc:RateLimit but its match gives no tc:rate", at: rule.action.origin.location,
                            notes: [Note("add tc:rate [ tc:limit …; tc:window …; tc:perKey … ] to the match")]))
                }
                continue
            }
            if rate.limit.value > maxRateLimit {
                out.append(
                    Diagnostic(.rulesRate, "rate limit \(rate.limit.value) of rule \(rule.name) is above \(maxRateLimit) per window", at: rate.limit.origin.location,
                               notes: [Note("use a shorter window with a smaller limit")]))
            }
            let window = nanoseconds(rate.window.value)
            if window.map({ $0 < minWindowNanoseconds || $0 > maxWindowNanoseconds }) ?? true {
                out.append(
                    Diagnostic(.rulesRate, "rate window \"\(rate.window.value)\" of rule \(rule.name) is outside 1ms..1h", at: rate.window.origin.location,
                               notes: [Note("the token buckets count time in nanoseconds and must not overflow 64 bits")]))
            }
        }
        return out
    }

    static func patterns(_ rules: [Rule]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var states: Set<[UInt8]> = [[]]
        var reported = false
        for rule in rules {
            for payload in rule.match.payloads {
                let bytes = Array(payload.value.utf8)
                if bytes.count > maxPatternBytes {
                    out.append(
                        Diagnostic(.rulesPattern, "payload pattern of rule \(rule.name) is \(bytes.count) bytes; at most \(maxPatternBytes)", at: payload.origin.location))
                    continue
                }
                for end in stride(from: 1, through: bytes.count, by: 1) { states.insert(Array(bytes[0..<end])) }
                if states.count > maxAutomatonStates, !reported {
                    reported = true
                    out.append(
                        Diagnostic(
                            .rulesPatternBound, "the payload patterns need \(states.count) automaton states with this one; the bound is \(maxAutomatonStates)",
                            at: payload.origin.location, notes: [Note("fewer or shorter patterns, or patterns sharing prefixes, need fewer states")]))
                }
            }
        }
        return out
    }

    static func overlaps(_ rules: [Rule]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (i, a) in rules.enumerated() {
            for b in rules[(i + 1)...] {
                guard b.priority.value == a.priority.value else { break }
                guard a.action.value != b.action.value, matchesOverlap(a.match, b.match) else { continue }
                out.append(
                    Diagnostic(
                        .rulesOverlap,
                        "rules \(a.name) (\(a.action.value)) and \(b.name) (\(b.action.value)) share priority \(a.priority.value) and can match one signal",
                        at: b.priority.origin.location,
                        notes: [Note("\(a.name)'s priority is set here; give one of them its own priority", at: a.priority.origin.location)]))
            }
        }
        return out
    }

    /// Whether some signal can meet both matches: every condition both give must share a value
    /// (prefixes: one inside the other). Payloads never separate two matches (one payload can hold
    /// both patterns), nor do rates.
    static func matchesOverlap(_ a: Match, _ b: Match) -> Bool {
        func share<T: Hashable>(_ x: [Located<T>], _ y: [Located<T>]) -> Bool {
            x.isEmpty || y.isEmpty || !Set(x.map(\.value)).isDisjoint(with: y.map(\.value))
        }
        func prefixesShare(_ x: [Located<String>], _ y: [Located<String>]) -> Bool {
            if x.isEmpty || y.isEmpty { return true }
            let px = x.compactMap { try? IPPrefix.parse($0.value).get() }
            let py = y.compactMap { try? IPPrefix.parse($0.value).get() }
            return px.contains { p in py.contains { q in p.isInside(q) || q.isInside(p) } }
        }
        let protocols = a.matchProtocol == nil || b.matchProtocol == nil || a.matchProtocol?.value == b.matchProtocol?.value
        return protocols && share(a.signalKinds, b.signalKinds) && share(a.sourcePorts, b.sourcePorts)
            && share(a.destinationPorts, b.destinationPorts) && prefixesShare(a.sourcePrefixes, b.sourcePrefixes)
            && prefixesShare(a.destinationPrefixes, b.destinationPrefixes)
    }
}

extension MessageID {
    public static let rulesTooMany: MessageID = "rules.tooMany"
    public static let rulesRate: MessageID = "rules.rate"
    public static let rulesPattern: MessageID = "rules.pattern"
    public static let rulesPatternBound: MessageID = "rules.patternBound"
    public static let rulesOverlap: MessageID = "rules.overlap"
}
