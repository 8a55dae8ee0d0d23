import Ontology
import Planner

/// `anycast.conf`: our own prefixes, and a `protocol static` per anycast prefix the node
/// announces. One protocol per prefix (in practice one per address family: a prefix each), so
/// that `check-health` can withdraw exactly the prefix whose health check fails by disabling its
/// protocol.
enum BIRDAnycast {
    static func fragment(_ context: BIRDNodeContext) -> BIRDFragment {
        var lines: [String] = []
        var subjects = context.announcements.map(\.prefix.origin.subject)
        lines += [
            "# Our own prefixes (every anycast prefix of the system) and their more-specifics: never",
            "# accepted from a peer (filters.conf).",
        ]
        for (name, prefixes) in [("OWN_PREFIXES_V4", context.ownPrefixesV4), ("OWN_PREFIXES_V6", context.ownPrefixesV6)] where !prefixes.isEmpty {
            lines.append("define \(name) = [ " + prefixes.map { "\($0.value)+" }.joined(separator: ", ") + " ];")
            subjects += prefixes.map(\.origin.subject)
        }
        if context.ownPrefixesV4.isEmpty && context.ownPrefixesV6.isEmpty { lines.append("# (The system has no anycast prefix.)") }
        lines += ["", "# The prefixes this node announces, exactly: all the export filter lets out (filters.conf)."]
        for (name, ipv4) in [("ANNOUNCED_V4", true), ("ANNOUNCED_V6", false)] {
            let prefixes = context.announcements.filter { $0.ipv4 == ipv4 }
            if !prefixes.isEmpty { lines.append("define \(name) = [ " + prefixes.map(\.prefix.prefix.value).joined(separator: ", ") + " ];") }
        }
        if context.announcements.isEmpty { lines.append("# (This node announces no prefix.)") }
        for announcement in context.announcements {
            let prefix = announcement.prefix
            let check = prefix.healthCheck
            lines += [
                "",
                "# \(prefix.name) (\(prefix.origin.subject)): announced while its health check passes;",
                "# check-health disables this protocol after \(check.withdrawAfter.value) failed check\(check.withdrawAfter.value == 1 ? "" : "s") in a row of",
                "# \(check.url.value) and enables it again on the first passing check.",
                "# The blackhole route never reaches the kernel (export_kernel takes BGP routes only).",
                "protocol static \(announcement.symbol) {",
                "    \(announcement.ipv4 ? "ipv4" : "ipv6");",
                "    route \(prefix.prefix.value) blackhole;",
                "}",
            ]
        }
        return BIRDFragment(
            name: "anycast.conf", title: "our prefixes, and the anycast routes this node announces", subjects: context.subjects(subjects), lines: lines)
    }
}

/// `check-health`: a POSIX shell script that polls each announced prefix's health URL and
/// withdraws the prefix (disables its static protocol through birdc) after the spec's number
/// of failures in a row, announcing it again on the first passing check.
enum BIRDHealthCheck {
    /// Seconds between checks when the spec gives no interval.
    static let defaultInterval = "10"

    static func script(_ context: BIRDNodeContext) -> OutputFile {
        let subjects = context.subjects(context.announcements.map(\.prefix.origin.subject))
        var lines = ["#!/bin/sh"] + BIRDFragment.header(context, name: "check-health", title: "withdraws an anycast prefix whose health check fails", subjects: subjects)
        lines += [
            "#",
            "# Every interval, for each prefix the node announces, GET its health URL with curl; any 2xx",
            "# answer within the timeout passes. After the spec's number of failed checks in a row:",
            "#     birdc -s \"$BIRD_SOCKET\" disable <protocol>   (BIRD withdraws the prefix from every peer)",
            "# and, while failing, again after each further failure (a BIRD restart or reconfiguration",
            "# does not bring the prefix back). On the first passing check after a withdrawal:",
            "#     birdc -s \"$BIRD_SOCKET\" enable <protocol>    (announced again)",
            "# A withdrawn protocol is also recorded as a file in WITHDRAWN_DIR, so that a restarted",
            "# check-health enables it again once its check passes, and so that sync-config disables it",
            "# again right after birdc configure (which enables every protocol the configuration holds).",
            "# `birdc show protocols` shows the state. Needs curl and birdc; BIRD_SOCKET defaults to",
            "# /run/bird/bird.ctl, WITHDRAWN_DIR to /run/bird/withdrawn. Runs until stopped (TERM or",
            "# INT); logs to stderr.",
            "set -u",
            "BIRD_SOCKET=\"${BIRD_SOCKET:-/run/bird/bird.ctl}\"",
            "WITHDRAWN_DIR=\"${WITHDRAWN_DIR:-/run/bird/withdrawn}\"",
            "mkdir -p \"$WITHDRAWN_DIR\"",
            "",
            "log() { echo \"check-health: $*\" >&2; }",
            "",
            "# birdc ACTION PROTOCOL: succeeds when BIRD reports the protocol enabled or disabled.",
            "bird_set() {",
            "    out=$(birdc -s \"$BIRD_SOCKET\" \"$1\" \"$2\" 2>&1)",
            "    case $out in",
            "        *\"$2: $1d\"* | *\"$2: already $1d\"*) return 0 ;;",
            "        *) log \"birdc $1 $2 failed: $out\"; return 1 ;;",
            "    esac",
            "}",
            "",
            "# watch PROTOCOL URL FAILURES INTERVAL TIMEOUT",
            "watch() {",
            "    failed=0",
            "    withdrawn=0",
            "    if [ -e \"$WITHDRAWN_DIR/$1\" ]; then withdrawn=1; fi",
            "    while :; do",
            "        code=$(curl -gs -o /dev/null -w '%{http_code}' --max-time \"$5\" \"$2\" 2>/dev/null) || code=000",
            "        case $code in",
            "            2??)",
            "                failed=0",
            "                if [ \"$withdrawn\" = 1 ] && bird_set enable \"$1\"; then",
            "                    withdrawn=0",
            "                    rm -f \"$WITHDRAWN_DIR/$1\"",
            "                    log \"$2 passes again: $1 enabled, prefix announced\"",
            "                fi",
            "                ;;",
            "            *)",
            "                failed=$((failed + 1))",
            "                if [ \"$failed\" -ge \"$3\" ]; then",
            "                    if bird_set disable \"$1\" && [ \"$withdrawn\" = 0 ]; then",
            "                        withdrawn=1",
            "                        : > \"$WITHDRAWN_DIR/$1\"",
            "                        log \"$2 failed $failed times (HTTP $code): $1 disabled, prefix withdrawn\"",
            "                    fi",
            "                fi",
            "                ;;",
            "        esac",
            "        sleep \"$4\"",
            "    done",
            "}",
            "",
            "pids=\"\"",
            "trap 'kill $pids 2>/dev/null; exit 0' TERM INT",
        ]
        for announcement in context.announcements {
            let check = announcement.prefix.healthCheck
            let interval = check.interval.flatMap { seconds($0.value) } ?? defaultInterval
            let timeout = check.interval.flatMap { timeoutSeconds($0.value) } ?? "5"
            lines += [
                "# \(announcement.prefix.name): \(announcement.prefix.prefix.value)",
                "watch \(announcement.symbol) \(shellQuoted(check.url.value)) \(check.withdrawAfter.value) \(interval) \(timeout) &",
                "pids=\"$pids $!\"",
            ]
        }
        if context.announcements.isEmpty { lines.append("# (This node announces no prefix: nothing to check.)") }
        lines.append("wait")
        let text = lines.joined(separator: "\n") + "\n"
        return OutputFile(path: context.directory + "/check-health", bytes: Array(text.utf8), subjects: subjects)
    }

    /// A duration ("5s", "1m30s", "500ms") as seconds for sleep ("5", "90", "0.5"); nil when it
    /// does not parse or is zero.
    static func seconds(_ text: String) -> String? {
        guard let millis = SpecDuration.milliseconds(text), millis > 0 else { return nil }
        if millis % 1000 == 0 { return String(millis / 1000) }
        var fraction = String(millis % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(millis / 1000).\(fraction)"
    }

    /// curl's timeout: the interval, at most 5 seconds, at least 1.
    static func timeoutSeconds(_ text: String) -> String? {
        guard let millis = SpecDuration.milliseconds(text), millis > 0 else { return nil }
        return String(max(1, min(5, millis / 1000)))
    }

    /// A single-quoted shell word.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
