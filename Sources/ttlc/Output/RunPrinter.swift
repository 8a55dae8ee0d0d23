import CRuntime
import Emitters
import Ontology
import Planner
import Runtime

/// `ttlc run`'s report as text or JSON, and its verdict lines.
enum RunPrinter {
    static func actionName(_ action: Int) -> String { String(cString: bitactor_action_name(Int32(action))) }

    static func nanoseconds(_ ticks: UInt64, _ report: RunReport) -> UInt64 {
        report.ticksPerNanosecond > 0 ? UInt64((Double(ticks) / report.ticksPerNanosecond).rounded()) : ticks
    }

    /// Text from the events (a field name, jansson's quote of the input) with control
    /// characters escaped as JSON writes them: a field named "\n  line 1: ok" forged a line of
    /// the report, and escape sequences reached the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: TermNames.isControl) else { return text }
        // JSON's escapes (as the JSON form writes them, quotes and backslashes included), then
        // DEL and the C1 controls, which JSON leaves raw.
        let escaped = JSONText.quote(text).dropFirst().dropLast()
        return escaped.unicodeScalars.map { TermNames.isControl($0) ? "\\u00" + String($0.value, radix: 16) : String($0) }.joined()
    }

    static func text(_ r: RunReport) -> String {
        var out = "events: \(r.events) read, \(r.evaluated) evaluated, \(r.rejected.count) rejected\n"
        for rejection in r.rejected {
            let field = rejection.field.isEmpty ? "" : " \(printable(rejection.field)):"
            out += "  \(r.unit) \(rejection.line): \(rejection.reason):\(field) \(printable(rejection.message))\n"
        }
        out += "actions:\n"
        for (action, count) in r.byAction.enumerated() where count > 0 {
            out += "  \(actionName(action) == "none" ? "none (no rule decided)" : actionName(action)): \(count)\n"
        }
        out += "rules:\n"
        for (index, name) in r.ruleNames.enumerated() { out += "  \(name): \(r.byRule[index])\n" }
        let routed = r.consumers == 1 ? "" : ", routed by \(r.routing.key.shown)"
        out += "throughput: \(Int(r.signalsPerSecond.rounded())) signals/s (\(formatSeconds(r.seconds)) s, \(r.consumers) consumer\(r.consumers == 1 ? "" : "s")\(routed))\n"
        let l = r.latencyTicks
        if let trace = r.trace {
            for chain in trace.chains { out += "trace chain \(chain.id): head seq \(chain.head.seq) mac \(macHex(chain.head.mac))\n" }
        }
        out += "latency (evaluation of one signal): p50 \(l.p50) ticks (\(nanoseconds(l.p50, r)) ns), p99 \(l.p99) ticks (\(nanoseconds(l.p99, r)) ns), max \(l.max) ticks (\(nanoseconds(l.max, r)) ns)\n"
        return out
    }

    /// The chain head's mac in hex: with the seq, what an audit log keeps.
    static func macHex<T>(_ mac: T) -> String {
        withUnsafeBytes(of: mac) { raw in raw.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }
    }

    static func formatSeconds(_ s: Double) -> String {
        let millis = Int((s * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    static func json(_ r: RunReport) -> String {
        let actions = r.byAction.enumerated().map { "    \(JSONText.quote(actionName($0.offset))): \($0.element)" }.joined(separator: ",\n")
        let rules = r.ruleNames.enumerated().map { "    \(JSONText.quote($0.element)): \(r.byRule[$0.offset])" }.joined(separator: ",\n")
        let rejected = r.rejected.map { rejectionJSON($0) }.map { "    " + $0 }.joined(separator: ",\n")
        let l = r.latencyTicks
        return """
            {
              "format_version": "1.0",
              "events": \(r.events),
              "evaluated": \(r.evaluated),
              "rejected": \(r.rejected.count),
              "rejections": [\(rejected.isEmpty ? "" : "\n" + rejected + "\n  ")],
              "actions": {
            \(actions)
              },
              "rules": {\(rules.isEmpty ? "" : "\n" + rules + "\n  ")},
              "consumers": \(r.consumers),
              "routed_by": \(JSONText.quote(r.routing.key.shown)),
              "seconds": \(formatSeconds(r.seconds)),
              "signals_per_second": \(Int(r.signalsPerSecond.rounded())),
              "latency_ticks": {"p50": \(l.p50), "p99": \(l.p99), "max": \(l.max)},
              "latency_ns": {"p50": \(nanoseconds(l.p50, r)), "p99": \(nanoseconds(l.p99, r)), "max": \(nanoseconds(l.max, r))},
              "payload_scans": \(r.payloadScans),
              "rate_evictions": \(r.rateEvictions),
              "trace_heads": [\((r.trace?.chains ?? []).map { "{\"chain\": \($0.id), \"seq\": \($0.head.seq), \"mac\": \"\(macHex($0.head.mac))\"}" }.joined(separator: ", "))]
            }

            """
    }

    static func rejectionJSON(_ x: EventRejection) -> String {
        "{\"line\": \(x.line), \"rejected\": \(JSONText.quote(x.reason)), \"field\": \(JSONText.quote(x.field)), \"message\": \(JSONText.quote(x.message))}"
    }

    /// One JSON line per event, in input order: a verdict, or why the event was rejected.
    static func verdicts(_ r: RunReport, to output: Output) {
        var lines: [(Int, String)] = r.rejected.map { ($0.line, rejectionJSON($0)) }
        for v in r.verdicts {
            let rule = v.rule.map { JSONText.quote(r.ruleNames[$0]) } ?? "null"
            let logs = v.logs.map { JSONText.quote(r.ruleNames[$0]) }.joined(separator: ", ")
            lines.append((v.line, "{\"line\": \(v.line), \"action\": \(JSONText.quote(actionName(Int(v.action)))), \"rule\": \(rule), \"logs\": [\(logs)]}"))
        }
        lines.sort { $0.0 < $1.0 }
        var text = ""
        for (_, line) in lines { text += line + "\n" }
        output.write(text)
    }
}
