import CEvents
import Foundation
import CRuntime
import Ontology
import Planner

/// A rule set compiled by the C core into memory this object owns: the table `ttlc run`
/// evaluates on, and the one the rules emitter prints as `ops/rules/rules.c`.
public final class RuleTable: @unchecked Sendable {
    /// The rules in table order (`RuleChecks.evaluationOrder`); index i is bit i of a rule mask.
    public let rules: [Rule]
    /// The compiled table. Read-only after init; its arrays live as long as this object.
    public let ruleset: UnsafeMutablePointer<bitactor_ruleset>
    private let storage: bitactor_rules_storage
    private let names: [UnsafeMutablePointer<CChar>]

    public struct CompileError: Error, CustomStringConvertible {
        public var rule: String?
        public var message: String
        public var description: String { rule.map { "rule \($0): \(message)" } ?? message }
    }

    /// The numbers of the spec's signal kinds, protocols, actions and rate keys in the C core.
    public static let kinds: [String: UInt16] = [
        "Packet": UInt16(TTLC_KIND_PACKET), "HttpRequest": UInt16(TTLC_KIND_HTTP_REQUEST), "DnsQuery": UInt16(TTLC_KIND_DNS_QUERY),
        "TlsHandshake": UInt16(TTLC_KIND_TLS_HANDSHAKE), "BgpUpdate": UInt16(TTLC_KIND_BGP_UPDATE),
    ]
    /// tc:ICMP means ICMP or ICMPv6, by address family.
    static let protocols: [String: [UInt8]] = [
        "TCP": [UInt8(BITACTOR_PROTO_TCP)], "UDP": [UInt8(BITACTOR_PROTO_UDP)], "ICMP": [UInt8(BITACTOR_PROTO_ICMP), UInt8(BITACTOR_PROTO_ICMPV6)],
    ]
    static let actions: [String: bitactor_action] = [
        "Allow": BITACTOR_ACT_ALLOW, "Drop": BITACTOR_ACT_DROP, "Block": BITACTOR_ACT_BLOCK, "Challenge": BITACTOR_ACT_CHALLENGE,
        "Log": BITACTOR_ACT_LOG, "RateLimit": BITACTOR_ACT_RATE_LIMIT,
    ]
    static let rateKeys: [String: bitactor_rate_key] = [
        "BySource": BITACTOR_RATE_BY_SOURCE, "ByDestination": BITACTOR_RATE_BY_DESTINATION, "BySignalKey": BITACTOR_RATE_BY_SIGNAL_KEY,
    ]

    /// How `ttlc run` routes signals among consumers: by the key the rate rules count by.
    public var routing: EventRouting { EventRouting(rateKeys: rules.compactMap { $0.match.rate?.perKey.value }) }

    /// Compiles the model's rules. The checks (`RuleChecks`, the shapes) reject every spec this
    /// refuses, so an error here means the spec was not checked.
    public init(rules unordered: [Rule]) throws(CompileError) {
        let rules = RuleChecks.evaluationOrder(unordered)
        self.rules = rules
        // Everything the specs point at lives until compile returns; names live with the table.
        var scratch: [UnsafeMutableRawPointer] = []
        defer { scratch.forEach { $0.deallocate() } }
        func array<T>(_ values: [T]) -> UnsafeMutablePointer<T>? {
            guard !values.isEmpty else { return nil }
            let p = UnsafeMutablePointer<T>.allocate(capacity: values.count)
            p.initialize(from: values, count: values.count)
            scratch.append(UnsafeMutableRawPointer(p))
            return p
        }
        let names = rules.map { strdup($0.name)! }
        let table = UnsafeMutablePointer<bitactor_ruleset>.allocate(capacity: 1)
        table.initialize(to: bitactor_ruleset())
        func bail(_ error: CompileError) -> CompileError {
            names.forEach { free($0) }
            table.deallocate()
            return error
        }
        var specs: [bitactor_rule_spec] = []
        for (index, rule) in rules.enumerated() {
            func fail(_ message: String) -> CompileError { CompileError(rule: rule.name, message: message) }
            var spec = bitactor_rule_spec()
            spec.name = UnsafePointer(names[index])
            spec.priority = Int32(clamping: rule.priority.value)
            guard let action = Self.actions[rule.action.value] else { throw bail(fail("unknown action \(rule.action.value)")) }
            spec.action = UInt8(action.rawValue)
            func prefixes(_ texts: [Located<String>]) -> [bitactor_prefix]? {
                var out: [bitactor_prefix] = []
                for text in texts {
                    guard let prefix = try? IPPrefix.parse(text.value).get() else { return nil }
                    var p = bitactor_prefix()
                    p.family = UInt8(prefix.address.isIPv4 ? BITACTOR_AF_INET : BITACTOR_AF_INET6)
                    p.len = UInt8(prefix.length)
                    withUnsafeMutableBytes(of: &p.addr) { raw in
                        for (i, byte) in prefix.address.bytes.enumerated() { raw[i] = byte }
                    }
                    out.append(p)
                }
                return out
            }
            guard let src = prefixes(rule.match.sourcePrefixes), let dst = prefixes(rule.match.destinationPrefixes) else {
                throw bail(fail("a prefix is not in CIDR notation"))
            }
            spec.src = UnsafePointer(array(src))
            spec.n_src = UInt32(src.count)
            spec.dst = UnsafePointer(array(dst))
            spec.n_dst = UInt32(dst.count)
            let sports = rule.match.sourcePorts.map { UInt16(clamping: $0.value) }
            let dports = rule.match.destinationPorts.map { UInt16(clamping: $0.value) }
            spec.src_ports = UnsafePointer(array(sports))
            spec.n_src_ports = UInt32(sports.count)
            spec.dst_ports = UnsafePointer(array(dports))
            spec.n_dst_ports = UInt32(dports.count)
            let protos = rule.match.matchProtocol.map { Self.protocols[$0.value] ?? [] } ?? []
            spec.protos = UnsafePointer(array(protos))
            spec.n_protos = UInt32(protos.count)
            let kinds = rule.match.signalKinds.compactMap { Self.kinds[$0.value] }
            spec.kinds = UnsafePointer(array(kinds))
            spec.n_kinds = UInt32(kinds.count)
            var patterns: [bitactor_pattern] = []
            for payload in rule.match.payloads {
                let bytes = Array(payload.value.utf8)
                patterns.append(bitactor_pattern(bytes: UnsafePointer(array(bytes)), len: UInt32(bytes.count)))
            }
            spec.patterns = UnsafePointer(array(patterns))
            spec.n_patterns = UInt32(patterns.count)
            if let rate = rule.match.rate {
                spec.rate_key = UInt8(Self.rateKeys[rate.perKey.value]?.rawValue ?? 0)
                spec.rate_limit = UInt32(clamping: rate.limit.value)
                spec.rate_window = RuleChecks.nanoseconds(rate.window.value) ?? 0
            }
            specs.append(spec)
        }

        var bounds = bitactor_rules_bounds()
        var error = bitactor_rules_error()
        var st = bitactor_rules_storage()
        let status = specs.withUnsafeBufferPointer { buffer -> Int32 in
            guard bitactor_rules_bounds(buffer.baseAddress, UInt32(buffer.count), &bounds) == 0 else {
                return bitactor_rules_compile(buffer.baseAddress, UInt32(buffer.count), &st, nil, &error)
            }
            st.cap = bounds
            st.rules = .allocate(capacity: Int(bounds.rules) + 1)
            st.masks = .allocate(capacity: Int(bounds.masks))
            st.lpm = .allocate(capacity: Int(bounds.lpm_nodes) * 256)
            st.lpm_queue = .allocate(capacity: Int(bounds.lpm_nodes))
            st.lpm_nodes = .allocate(capacity: Int(bounds.lpm_nodes))
            st.lpm_leaves = .allocate(capacity: Int(bounds.lpm_nodes) * 256)
            // The dense tries' direct levels (128 KiB each), when the rules have any.
            st.lpm_direct = bounds.lpm_direct == 0 ? nil : .allocate(capacity: Int(bounds.lpm_direct))
            st.src_ports = .allocate(capacity: Int(bounds.ports) + 1)
            st.dst_ports = .allocate(capacity: Int(bounds.ports) + 1)
            st.proto_mask = .allocate(capacity: 256)
            st.kind_mask = .allocate(capacity: 256)
            st.ac_class = .allocate(capacity: 256)
            st.ac_next = .allocate(capacity: Int(bounds.ac_states) * Int(bounds.ac_classes))
            st.ac_out = .allocate(capacity: Int(bounds.ac_states))
            st.ac_depth = .allocate(capacity: Int(bounds.ac_states))
            st.prefilter = .allocate(capacity: Int(BITACTOR_PREFILTER_WORDS))
            st.ac_fail = .allocate(capacity: Int(bounds.ac_states))
            st.ac_queue = .allocate(capacity: Int(bounds.ac_states))
            return bitactor_rules_compile(buffer.baseAddress, UInt32(buffer.count), &st, table, &error)
        }
        guard status == 0 else {
            let rule = error.rule < rules.count ? rules[Int(error.rule)].name : nil
            let message = error.what.map { String(cString: $0) } ?? String(cString: bitactor_strerror(status))
            Self.release(st, names: names, ruleset: table)
            throw CompileError(rule: rule, message: message)
        }
        self.storage = st
        self.names = names
        self.ruleset = table
    }

    deinit { Self.release(storage, names: names, ruleset: ruleset) }

    private static func release(_ st: bitactor_rules_storage, names: [UnsafeMutablePointer<CChar>], ruleset: UnsafeMutablePointer<bitactor_ruleset>) {
        st.rules?.deallocate()
        st.masks?.deallocate()
        st.lpm?.deallocate()
        st.lpm_queue?.deallocate()
        st.lpm_nodes?.deallocate()
        st.lpm_leaves?.deallocate()
        st.lpm_direct?.deallocate()
        st.src_ports?.deallocate()
        st.dst_ports?.deallocate()
        st.proto_mask?.deallocate()
        st.kind_mask?.deallocate()
        st.ac_class?.deallocate()
        st.ac_next?.deallocate()
        st.ac_out?.deallocate()
        st.ac_depth?.deallocate()
        st.prefilter?.deallocate()
        st.ac_fail?.deallocate()
        st.ac_queue?.deallocate()
        names.forEach { free($0) }
        ruleset.deallocate()
    }
}
