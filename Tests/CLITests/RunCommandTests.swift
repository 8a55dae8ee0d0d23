import Foundation
import TestSupport
import XCTest

/// `ttlc run` as a user runs it, and the emitted rules.c against the in-memory table.
final class RunCommandTests: XCTestCase {
    let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/rules")
    let strict = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"]

    func cc() -> URL { URL(fileURLWithPath: "/usr/bin/cc") }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The committed ops/rules/rules.c compiles on its own with the strict flags.
    func testCommittedRuleTableCompilesWithStrictFlags() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try runProcess(
            cc(), strict + ["-I", "Sources/CRuntime/include", "-c", "ops/rules/rules.c", "-o", dir.appendingPathComponent("rules.o").path])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// Builds SPEC, links its rules.c into rules_differential.c, and compares that program's
    /// verdicts on EVENTS with `ttlc run --verdicts` (the table built in memory).
    func differential(spec: String, events: String, consumers: Int = 1) throws -> String {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ops").path
        let build = try runTTLC(["build", spec, "-o", out])
        XCTAssertEqual(build.status, 0, build.stderr)
        let core = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Sources/CRuntime").path)
            .filter { $0.hasSuffix(".c") }.sorted().map { "Sources/CRuntime/\($0)" }
        let program = dir.appendingPathComponent("differential").path
        let compile = try runProcess(
            cc(),
            strict + ["-I", "Sources/CRuntime/include", "-I", "Sources/CEvents/include", "-I", "\(out)/rules"] + core
                + ["Sources/CEvents/events.c", "\(out)/rules/rules.c", "Tests/CRuntime/rules_differential.c", "-o", program, "-ljansson", "-lsodium", "-lpthread"])
        XCTAssertEqual(compile.status, 0, compile.stderr)
        let input = try Data(contentsOf: URL(fileURLWithPath: events, relativeTo: repositoryRoot))
        let emitted = try runProcess(URL(fileURLWithPath: program), [], input: input)
        XCTAssertEqual(emitted.status, 0, emitted.stderr)
        let inMemory = try runTTLC(["run", spec, "--events", events, "--verdicts", "--consumers", "\(consumers)"])
        XCTAssertEqual(inMemory.status, 0, inMemory.stderr)
        XCTAssertEqual(inMemory.stdout, emitted.stdout)
        XCTAssertEqual(inMemory.stdout.split(separator: "\n").count, input.split(separator: UInt8(ascii: "\n")).count)
        return inMemory.stdout
    }

    func testEmittedTableAndInMemoryTableGiveIdenticalVerdicts() throws {
        let verdicts = try differential(spec: "Tests/Fixtures/rules/spec", events: "Tests/Fixtures/rules/spec-events.jsonl")
        // The golden events reach every action, LOG included, over IPv4 and IPv6.
        for action in ["allow", "drop", "block", "challenge", "rate-limit", "none"] {
            XCTAssertTrue(verdicts.contains("\"action\": \"\(action)\""), action)
        }
        XCTAssertTrue(verdicts.contains("\"logs\": [\"log-ssh\"]"))
        let golden = try String(contentsOf: fixtures.appendingPathComponent("spec-verdicts.jsonl"), encoding: .utf8)
        XCTAssertEqual(verdicts, golden)
    }

    func testExampleSpecsTableAgreesWithItsEmittedTwin() throws {
        let verdicts = try differential(spec: "specs", events: "Tests/Fixtures/rules/golden-events.jsonl")
        XCTAssertTrue(verdicts.contains("{\"line\": 8, \"action\": \"block\", \"rule\": \"sql-injection\", \"logs\": []}"))
        XCTAssertTrue(verdicts.contains("{\"line\": 16, \"action\": \"challenge\", \"rule\": \"login-challenge\", \"logs\": []}"))
    }

    /// Rules dense enough in prefixes that every trie gets a direct level (BITACTOR_LPM_DIRECT_PREFIXES):
    /// the emitted rules.c carries the four levels, and its verdicts are the in-memory table's on
    /// events inside, beside and outside the prefixes, over IPv4 and IPv6.
    func testDenseTriesEmitTheirDirectLevelsAndAgreeWithMemory() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 11
        }
        /// bytes masked to len bits, as prefix text (IPv4 dotted, IPv6 eight groups).
        func text(_ bytes: [UInt8], _ len: Int) -> String {
            let masked = bytes.enumerated().map { i, b -> UInt8 in
                let keep = max(0, min(8, len - 8 * i))
                return keep == 0 ? 0 : b & UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
            }
            return address(masked) + "/\(len)"
        }
        func address(_ bytes: [UInt8]) -> String {
            bytes.count == 4 ? bytes.map(String.init).joined(separator: ".")
                : stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
        }
        func random(_ count: Int) -> [UInt8] {
            // Few first bytes, so that prefixes nest and events land in them.
            (0..<count).map { $0 == 0 ? UInt8(10 + next() % 3) : UInt8(truncatingIfNeeded: next()) }
        }
        var prefixes: [[UInt8]] = []
        var turtle = "@prefix tc: <https://w3id.org/ttlc#> .\n@prefix : <https://example.org/dense#> .\n\n"
        for rule in 0..<8 {
            var list: [String] = []
            for i in 0..<40 {
                let v6 = i % 2 == 1
                let bytes = random(v6 ? 16 : 4)
                prefixes.append(bytes)
                list.append("\"" + text(bytes, v6 ? 17 + Int(next() % 48) : 9 + Int(next() % 22)) + "\"")
            }
            let side = rule % 2 == 0 ? "sourcePrefix" : "destinationPrefix"
            let action = ["Drop", "Block", "Allow", "Challenge"][rule % 4]
            turtle += ":dense-\(rule) a tc:Rule ; tc:priority \(rule + 1) ;\n    tc:match [ tc:\(side) \(list.joined(separator: " , ")) ] ;\n    tc:action tc:\(action) .\n\n"
        }
        let spec = dir.appendingPathComponent("spec")
        try FileManager.default.createDirectory(at: spec, withIntermediateDirectories: true)
        try turtle.write(to: spec.appendingPathComponent("rules.ttl"), atomically: true, encoding: .utf8)
        var events = ""
        for line in 0..<2000 {
            // Half the addresses from a prefix's own bytes (inside, or beside it past its length).
            let pick = { (v6: Bool) -> [UInt8] in
                let from = prefixes.filter { ($0.count == 16) == v6 }
                return next() % 2 == 0 ? from[Int(next() % UInt64(from.count))] : random(v6 ? 16 : 4)
            }
            let v6 = line % 2 == 1
            events += "{\"kind\":\"packet\",\"src\":\"\(address(pick(v6)))\",\"dst\":\"\(address(pick(v6)))\",\"proto\":\"tcp\",\"sport\":1,\"dport\":2,\"ts\":\(line + 1)}\n"
        }
        let eventsFile = dir.appendingPathComponent("events.jsonl")
        try events.write(to: eventsFile, atomically: true, encoding: .utf8)

        let out = dir.appendingPathComponent("ops").path
        let build = try runTTLC(["build", spec.path, "-o", out])
        XCTAssertEqual(build.status, 0, build.stderr)
        let source = try String(contentsOfFile: "\(out)/rules/rules.c", encoding: .utf8)
        XCTAssertTrue(source.contains(".lpm_direct = {lpm_direct_0, lpm_direct_1, lpm_direct_2, lpm_direct_3},"))
        let verdicts = try differential(spec: spec.path, events: eventsFile.path)
        for action in ["drop", "block", "allow", "challenge", "none"] {
            XCTAssertTrue(verdicts.contains("\"action\": \"\(action)\""), action)
        }
    }

    /// Routing by source keeps each source's order, so per-source rates decide the same way.
    func testSeveralConsumersGiveTheSameVerdicts() throws {
        let one = try runTTLC(["run", "specs", "--events", "Tests/Fixtures/rules/golden-events.jsonl", "--verdicts"])
        let four = try runTTLC(["run", "specs", "--events", "Tests/Fixtures/rules/golden-events.jsonl", "--verdicts", "--consumers", "4"])
        XCTAssertEqual(one.status, 0)
        XCTAssertEqual(four.status, 0)
        XCTAssertEqual(one.stdout, four.stdout)
        XCTAssertTrue(four.stderr.contains("4 consumers"), four.stderr)
    }

    /// Rate rules that all count by destination: signals go to consumers by destination, so the
    /// buckets meet their signals in input order and several consumers repeat one's verdicts
    /// (routed by source, which events of a destination's burst were limited varied by run).
    /// Rules counting by several keys are said to be served by one only.
    func testConsumersAreRoutedByTheKeyTheRatesCountBy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-routing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = repositoryRoot.appendingPathComponent("Tests/Fixtures/rules/spec")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            try text.replacingOccurrences(of: "tc:BySource", with: "tc:ByDestination").replacingOccurrences(of: "tc:BySignalKey", with: "tc:ByDestination")
                .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let events = "Tests/Fixtures/rules/spec-events.jsonl"
        let one = try runTTLC(["run", dir.path, "--events", events, "--verdicts"])
        XCTAssertEqual(one.status, 0, one.text)
        XCTAssertTrue(one.stdout.contains("\"rule\": \"limit-dns-key\""), one.stdout)
        for _ in 0..<5 {
            let four = try runTTLC(["run", dir.path, "--events", events, "--verdicts", "--consumers", "4"])
            XCTAssertEqual(four.stdout, one.stdout)
            XCTAssertTrue(four.stderr.contains("4 consumers, routed by destination)"), four.stderr)
            XCTAssertFalse(four.stderr.contains("note:"), four.stderr)
        }
        let mixed = try runTTLC(["run", "Tests/Fixtures/rules/spec", "--events", events, "--consumers", "2"])
        XCTAssertTrue(
            mixed.stderr.contains("note: the rate rules count by source, destination, signal key: with 2 consumers, signals go by source"), mixed.stderr)
    }

    func testMalformedEventsAreCountedWithLineNumbersAndTheRunGoesOn() throws {
        let events = """
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","proto":"udp","sport":1,"dport":2}
            not json at all
            [1,2,3]
            {"kind":"packet","dst":"192.0.2.1"}

            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","sport":70000}
            {"kind":"packet","src":"10.0.0.1","dst":"2001:db8::1"}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","color":"red"}
            {"kind":"warp","src":"10.0.0.1","dst":"192.0.2.1"}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","ts":"soon"}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","proto":"icmp","sport":5}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","payload_hex":"zz"}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1"
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1"}
            """
        let result = try runTTLC(["run", "specs", "--events", "-"], input: Data(events.utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        let expected = [
            "events: 13 read, 2 evaluated, 11 rejected",
            "  line 2: not_json: not JSON: invalid token near 'not' at column 3",
            "  line 3: not_object: not a JSON object",
            "  line 4: missing: src: missing",
            "  line 6: range: sport: 70000 is outside 0..65535",
            "  line 7: range: dst: src and dst are of different address families",
            "  line 8: unknown_field: color: not a field of an event",
            "  line 9: range: kind: not a signal kind name",
            "  line 10: type: ts: not an integer",
            "  line 11: range: sport: ports on a protocol without ports",
            "  line 12: range: payload_hex: not a hex digit",
            "  line 13: not_json: not JSON: ",
        ]
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for (index, line) in expected.enumerated() {
            XCTAssertTrue(lines.count > index && lines[index].hasPrefix(line), "\(line)\n---\n\(result.stdout)")
        }
        XCTAssertTrue(result.stdout.contains("  drop: 2\n"), result.stdout)
    }

    /// Names with a NUL inside are not the name before it ("tcp\u0000x" was taken for tcp), and
    /// a field name's control characters are escaped in the text summary (a newline in one
    /// forged a line of the report).
    func testNamesWithNULAndControlCharacters() throws {
        let events = #"""
            {"kind":"packet\u0000evil","src":"10.0.0.1","dst":"192.0.2.1"}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","proto":"tcp\u0000x"}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","src\u0000":"1"}
            {"\n  line 9: ok\u001b[2J":1}
            """#
        // A raw NUL byte after a number, which jansson's lexer skipped.
        let raw = Data((events + "\n").utf8) + Data(#"{"kind":1"#.utf8) + Data([0]) + Data(#","src":"10.0.0.1","dst":"192.0.2.1"}"#.utf8)
        let result = try runTTLC(["run", "specs", "--events", "-"], input: raw)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[5], "  line 5: not_json: not JSON: a NUL byte at column 10")
        XCTAssertEqual(
            Array(lines.prefix(5)),
            [
                "events: 5 read, 0 evaluated, 5 rejected",
                "  line 1: range: kind: not a signal kind name",
                "  line 2: range: proto: not a protocol name (tcp, udp, icmp, icmpv6, sctp)",
                #"  line 3: not_json: not JSON: NUL byte in object key not supported near '"src\u0000"' at column 63"#,
                #"  line 4: unknown_field: \n  line 9: ok\u001b[2J: not a field of an event"#,
            ])
    }

    /// Rejections say the right reason and field: a JSON scalar is JSON but not an event, a
    /// number past 64 bits is out of range (both were "not JSON"), and a destination port on a
    /// protocol without ports is the dport's fault (it was always called sport's).
    func testRejectionReasonsForScalarsBigNumbersAndPorts() throws {
        let events = """
            "x"
            null
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","ts":99999999999999999999}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","proto":"icmp","dport":7}
            {"kind":"packet","src":"10.0.0.1","dst":"192.0.2.1","a_very_long_unknown_field_name":1}
            """
        let result = try runTTLC(["run", "specs", "--events", "-"], input: Data(events.utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        // A field name cut to the report's 23 bytes says so.
        XCTAssertTrue(result.stdout.contains("  line 5: unknown_field: a_very_long_unknown_...: not a field of an event\n"), result.stdout)
        XCTAssertEqual(
            Array(result.stdout.split(separator: "\n").map(String.init).prefix(5)),
            [
                "events: 5 read, 0 evaluated, 5 rejected",
                "  line 1: not_object: not a JSON object",
                "  line 2: not_object: not a JSON object",
                "  line 3: range: a number past 64 bits at column 77",
                "  line 4: range: dport: ports on a protocol without ports",
            ])
    }

    /// An input of several parse chunks (`RunShared.chunkLines`, parsed on every core, routed in
    /// order): verdicts come in input order with their own line numbers, refused lines are named
    /// by line wherever the chunks split, blank and CRLF lines count as before, and a per-source
    /// rate that runs dry across a chunk boundary limits the events after its first 100 in input
    /// order (routed out of order, other events would be the limited ones).
    func testLongInputKeepsLinesAndOrderAcrossParseChunks() throws {
        let count = 3 * 4096 + 123
        var text = ""
        var expected: [String] = []
        var rated = 0
        for line in 1...count {
            if (4050..<4200).contains(line), line != 4096, line != 4097 {
                // One source's HTTP requests at one instant: 100 a second pass (specs/rules.ttl).
                text += #"{"kind":"http_request","src":"45.33.2.2","dst":"198.51.100.1","proto":"tcp","sport":40000,"dport":443,"ts":5000}"# + "\n"
                rated += 1
                expected.append(rated <= 100 ? #"{"line": \#(line), "action": "none""# : #"{"line": \#(line), "action": "rate-limit", "rule": "http-per-source""#)
            } else if line % 1501 == 0 {
                text += "   \n"
            } else if line % 997 == 0 || line == 4096 || line == 4097 {
                text += "{\"kind\":\"packet\"\n"
                expected.append(#"{"line": \#(line), "rejected": "not_json""#)
            } else {
                let source = line % 2 == 0 ? "10.0.0.1" : "45.33.1.1"
                text += #"{"kind":"packet","src":"\#(source)","dst":"198.51.100.1","proto":"udp","sport":1000,"dport":9}"# + (line % 2000 == 0 ? "\r\n" : "\n")
                expected.append(line % 2 == 0 ? #"{"line": \#(line), "action": "drop", "rule": "bogon-v4""# : #"{"line": \#(line), "action": "none", "rule": null"#)
            }
        }
        let result = try runTTLC(["run", "specs", "--events", "-", "--verdicts", "--format", "json"], input: Data(text.utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        let verdicts = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(verdicts.count, expected.count)
        for (got, want) in zip(verdicts, expected) where !got.hasPrefix(want) {
            XCTFail("\(got) is not \(want)…")
            break
        }
        let summary = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        let refused = expected.filter { $0.contains("rejected") }.count
        XCTAssertEqual(summary?["evaluated"] as? Int, expected.count - refused)
        XCTAssertEqual(summary?["rejected"] as? Int, refused)
    }

    func testJSONSummaryAndVerdictLinesForRejectedEvents() throws {
        let events = "{\"kind\":\"packet\",\"src\":\"10.0.0.1\",\"dst\":\"192.0.2.1\"}\n{\"kind\":1}\n"
        let result = try runTTLC(["run", "specs", "--events", "-", "--verdicts", "--format", "json"], input: Data(events.utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(
            result.stdout,
            """
            {"line": 1, "action": "drop", "rule": "bogon-v4", "logs": []}
            {"line": 2, "rejected": "missing", "field": "src", "message": "missing"}

            """)
        let summary = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any]
        XCTAssertEqual(summary?["format_version"] as? String, "1.0")
        XCTAssertEqual(summary?["evaluated"] as? Int, 1)
        XCTAssertEqual(summary?["rejected"] as? Int, 1)
        XCTAssertEqual((summary?["actions"] as? [String: Int])?["drop"], 1)
        XCTAssertEqual((summary?["rules"] as? [String: Int])?["bogon-v4"], 1)
        XCTAssertNotNil(summary?["latency_ns"] as? [String: Int])
    }

    func testUnreadableEventsFileIsAnErrorWithExitOne() throws {
        let result = try runTTLC(["run", "specs", "--events", "/nonexistent/events.jsonl"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("error: events: cannot read /nonexistent/events.jsonl: No such file or directory"), result.stderr)
    }

    /// Events from a pipe (a process substitution) read like a file (they were refused as "no
    /// permission"); a standard input that cannot be read is an error (it trapped); verdicts
    /// that cannot be written fail the run (it exited 0).
    func testPipesClosedInputAndUnwritableOutput() throws {
        let shell = URL(fileURLWithPath: "/bin/bash")
        let ttlc = ttlcBinary().path
        let spec = "Tests/Fixtures/rules/spec", events = "Tests/Fixtures/rules/spec-events.jsonl"
        let golden = try String(contentsOf: fixtures.appendingPathComponent("spec-verdicts.jsonl"), encoding: .utf8)
        let piped = try runProcess(shell, ["-c", "\"$0\" run \"$1\" --events <(cat \"$2\") --verdicts", ttlc, spec, events])
        XCTAssertEqual(piped.status, 0, piped.text)
        XCTAssertEqual(piped.stdout, golden)
        let closed = try runProcess(shell, ["-c", "\"$0\" run \"$1\" --events - <&-", ttlc, spec])
        XCTAssertEqual(closed.status, 1, closed.text)
        // (Which error depends on what took descriptor 0 at start-up: EBADF, or EINVAL on an eventfd.)
        XCTAssertTrue(closed.stderr.contains("error: events: cannot read standard input: "), closed.stderr)
        let full = try runProcess(shell, ["-c", "\"$0\" run \"$1\" --events \"$2\" --verdicts > /dev/full", ttlc, spec, events])
        XCTAssertEqual(full.status, 1, full.text)
        XCTAssertTrue(full.stderr.hasSuffix("error: cannot write the output: No space left on device\n"), full.stderr)
    }
}

/// `ttlc run --trace` and `ttlc trace verify`, including tampered files.
final class TraceCommandTests: XCTestCase {
    func traced() throws -> (URL, [UInt8]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let trace = dir.appendingPathComponent("run.trace")
        let run = try runTTLC(["run", "specs", "--events", "Tests/Fixtures/rules/golden-events.jsonl", "--trace", trace.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("trace chain 0: head seq 23 mac "), run.stdout)
        let key = try FileManager.default.attributesOfItem(atPath: trace.path + ".key")
        XCTAssertEqual((key[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        return (trace, Array(try Data(contentsOf: trace)))
    }

    /// A trace that cannot be written: said why, the results still printed, and no key written
    /// for a trace that is not there (a generated key once replaced an earlier one).
    func testATraceThatCannotBeWrittenFailsTheRunButKeepsItsResults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttlc-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("run.trace"), withIntermediateDirectories: true)
        let trace = dir.appendingPathComponent("run.trace").path
        let run = try runTTLC(["run", "specs", "--events", "Tests/Fixtures/rules/golden-events.jsonl", "--trace", trace])
        XCTAssertEqual(run.status, 1, run.text)
        XCTAssertTrue(run.stdout.hasPrefix("events: "), run.stdout)
        XCTAssertTrue(run.stderr.contains("error: trace: cannot write \(trace): cannot put it in place: Is a directory [trace.write]"), run.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["run.trace"])
    }

    func verify(_ bytes: [UInt8], key: URL) throws -> CommandResult {
        let file = key.deletingLastPathComponent().appendingPathComponent("tampered.trace")
        try Data(bytes).write(to: file)
        return try runTTLC(["trace", "verify", file.path, "--key", key.path + ".key"])
    }

    /// A key file that cannot be read and one that holds no key are told apart, and a trace
    /// that cannot be read is said so in the system's words (both were one vague message).
    func testUnreadableKeysAndTracesAreNamedWithTheReason() throws {
        let (trace, _) = try traced()
        let missingKey = try runTTLC(["trace", "verify", trace.path, "--key", trace.path + ".nokey"])
        XCTAssertEqual(missingKey.status, 1)
        XCTAssertTrue(missingKey.stderr.contains("cannot read \(trace.path).nokey: No such file or directory [trace.key]"), missingKey.stderr)
        let notAKey = try runTTLC(["trace", "verify", trace.path, "--key", "Tests/Fixtures/rules/golden-events.jsonl"])
        XCTAssertEqual(notAKey.status, 1)
        XCTAssertTrue(notAKey.stderr.contains("Tests/Fixtures/rules/golden-events.jsonl does not hold a key: 64 hex digits expected [trace.key]"), notAKey.stderr)
        let missingTrace = try runTTLC(["trace", "verify", trace.path + ".gone", "--key", trace.path + ".key"])
        XCTAssertEqual(missingTrace.status, 1)
        XCTAssertTrue(missingTrace.stderr.contains("cannot read \(trace.path).gone: No such file or directory [trace.format]"), missingTrace.stderr)
        // The trace read from standard input verifies like the file.
        let piped = try runTTLC(["trace", "verify", "-", "--key", trace.path + ".key"], input: try Data(contentsOf: trace))
        XCTAssertEqual(piped.status, 0, piped.text)
        XCTAssertEqual(piped.stdout, "chain 0: 23 records verified\nstandard input: every chain verifies\n")
        let keyless = try runTTLC(["trace", "verify", "-"], input: try Data(contentsOf: trace))
        XCTAssertEqual(keyless.status, 1)
        XCTAssertTrue(keyless.stderr.contains("a trace read from standard input needs --key naming a key file"), keyless.stderr)
        let bothPiped = try runTTLC(["trace", "verify", "-", "--key", "-"], input: try Data(contentsOf: trace))
        XCTAssertEqual(bothPiped.status, 1)
        XCTAssertTrue(bothPiped.stderr.contains("standard input holds the trace [trace.key]"), bothPiped.stderr)
    }

    func testAnUntouchedTraceVerifies() throws {
        let (trace, _) = try traced()
        let result = try runTTLC(["trace", "verify", trace.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "chain 0: 23 records verified\n\(trace.path): every chain verifies\n")
    }

    // Layout: 8 magic + 4 count, then chain: 8 id + 8 records + 8 seq + 32 mac = 56, then 64-byte records.
    static let firstRecord = 12 + 56

    func testAnAlteredRecordIsNamed() throws {
        let (trace, bytes) = try traced()
        var altered = bytes
        altered[Self.firstRecord + 64 * 4 + 24] ^= 1 // record 5's value
        let result = try verify(altered, key: trace)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("chain 0: FAILED: record 5 altered (its mac does not match), at record index 4 (4 records verified before it)"), result.stderr)
    }

    func testARemovedRecordIsNamed() throws {
        let (trace, bytes) = try traced()
        var removed = bytes
        removed.removeSubrange(Self.firstRecord + 64 * 2..<Self.firstRecord + 64 * 3)
        removed[12 + 15] -= 1 // the record count's low byte
        let result = try verify(removed, key: trace)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("chain 0: FAILED: record 3 removed"), result.stderr)
    }

    func testReorderedRecordsAreNamed() throws {
        let (trace, bytes) = try traced()
        var swapped = bytes
        let a = Self.firstRecord + 64 * 6, b = a + 64
        swapped.replaceSubrange(a..<b + 64, with: Array(bytes[b..<b + 64]) + Array(bytes[a..<b]))
        let result = try verify(swapped, key: trace)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("out of order"), result.stderr)
    }

    func testATruncatedFileIsAFormatError() throws {
        let (trace, bytes) = try traced()
        // Into the last record: the seal's 32 bytes and 10 of the record.
        let result = try verify(Array(bytes.dropLast(42)), key: trace)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("claims 23 records; the file holds fewer"), result.stderr)
        let sealless = try verify(Array(bytes.dropLast(32)), key: trace)
        XCTAssertEqual(sealless.status, 1)
        XCTAssertTrue(sealless.stderr.contains("the file ends inside a 32-byte field"), sealless.stderr)
    }

    /// What the records' macs alone could not see, the seal does: a file of no chains, a chain
    /// cut short with its head moved back to the last record kept, and format 1's files, which
    /// had no seal (each verified before).
    func testTheSealCoversTheChainsAndTheirHeads() throws {
        let (trace, bytes) = try traced()
        let empty = Array("TTLCTRC2".utf8) + [0, 0, 0, 0] + Array(bytes.suffix(32))
        let none = try verify(empty, key: trace)
        XCTAssertEqual(none.status, 1, none.text)
        XCTAssertTrue(none.stderr.contains("seal: FAILED: the chains or their heads are not the ones the run sealed"), none.stderr)

        // Keep 20 of the 23 records; the head becomes record 20's seq and mac.
        let kept = 20
        var cut = Array(bytes[..<(Self.firstRecord + 64 * kept)]) + Array(bytes.suffix(32))
        cut[12 + 15] = UInt8(kept)  // the record count's low byte
        let last = Self.firstRecord + 64 * (kept - 1)
        cut.replaceSubrange(12 + 16..<12 + 24, with: bytes[last..<last + 8])  // head seq
        cut.replaceSubrange(12 + 24..<12 + 56, with: bytes[last + 32..<last + 64])  // head mac
        let short = try verify(cut, key: trace)
        XCTAssertEqual(short.status, 1, short.text)
        XCTAssertTrue(short.stderr.contains("chain 0: 20 records verified\nseal: FAILED: the chains or their heads are not the ones the run sealed"), short.stderr)

        var formatOne = Array(bytes.dropLast(32))
        formatOne.replaceSubrange(0..<8, with: Array("TTLCTRC1".utf8))
        let old = try verify(formatOne, key: trace)
        XCTAssertEqual(old.status, 1, old.text)
        XCTAssertTrue(old.stderr.contains("a format-1 trace (TTLCTRC1), which has no seal over its chains"), old.stderr)
    }

    func testTheWrongKeyFailsAtTheFirstRecord() throws {
        let (trace, bytes) = try traced()
        try String(repeating: "ab", count: 32).write(toFile: trace.path + ".key", atomically: true, encoding: .utf8)
        let result = try verify(bytes, key: trace)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("record 1 altered"), result.stderr)
        XCTAssertTrue(result.stderr.contains("seal: FAILED: this key did not write the trace (every chain fails at its first record)"), result.stderr)
    }
}

/// `ttlc run --listen`: real datagrams over loopback, corrupted ones among them.
final class ListenCommandTests: XCTestCase {
    /// A wire signal: the 64-byte big-endian header, then the payload.
    func wire(kind: UInt16, family: UInt8, proto: UInt8, sport: UInt16, dport: UInt16, src: [UInt8], dst: [UInt8], payload: String = "", timestamp: UInt64 = 1) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 64)
        func put16(_ at: Int, _ v: UInt16) { h[at] = UInt8(v >> 8); h[at + 1] = UInt8(v & 0xFF) }
        put16(0, kind)
        h[4] = family
        h[5] = proto
        put16(6, sport)
        put16(8, dport)
        put16(10, UInt16(payload.utf8.count))
        for i in 0..<8 { h[16 + i] = UInt8(truncatingIfNeeded: timestamp >> UInt64(56 - 8 * i)) }
        for (i, b) in src.enumerated() { h[32 + i] = b }
        for (i, b) in dst.enumerated() { h[48 + i] = b }
        return h + Array(payload.utf8)
    }

    func send(_ datagrams: [[UInt8]], port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        for d in datagrams {
            let sent = d.withUnsafeBytes { raw in
                withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            }
            XCTAssertEqual(sent, d.count)
        }
    }

    func testDatagramsOverLoopbackIncludingCorruptedOnes() throws {
        let process = Process()
        process.executableURL = ttlcBinary()
        process.currentDirectoryURL = repositoryRoot
        process.arguments = ["run", "specs", "--listen", "udp://127.0.0.1:0", "--stop-after", "7", "--idle", "10", "--verdicts"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The first line on standard error names the bound port.
        var first = Data()
        while !first.contains(UInt8(ascii: "\n")) {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first += chunk
        }
        let line = String(decoding: first, as: UTF8.self)
        guard let range = line.range(of: "listening on udp://127.0.0.1:"), let port = UInt16(line[range.upperBound...].prefix { $0.isNumber }) else {
            return XCTFail("no listening line: \(line)")
        }
        let tcp: UInt8 = 6, v4: UInt8 = 4, v6: UInt8 = 6
        let good1 = wire(kind: 1, family: v4, proto: tcp, sport: 1000, dport: 80, src: [10, 0, 0, 1], dst: [192, 0, 2, 1])
        let good2 = wire(kind: 1, family: v6, proto: 17, sport: 546, dport: 547, src: [0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [1], dst: [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1])
        let good3 = wire(kind: 2, family: v4, proto: tcp, sport: 1000, dport: 80, src: [203, 0, 113, 7], dst: [192, 0, 2, 1], payload: "GET /?x=1 UNION SELECT y")
        var badKind = good1
        badKind[0] = 0
        badKind[1] = 0
        let truncated = Array(good1.prefix(40))
        var extra = good3
        extra.append(0x41)
        var badFamily = good1
        badFamily[4] = 9
        send([good1, truncated, good2, badKind, good3, extra, badFamily], port: port)
        process.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = line + String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, stderr)
        XCTAssertEqual(
            stdout,
            """
            {"line": 1, "action": "drop", "rule": "bogon-v4", "logs": []}
            {"line": 2, "rejected": "wire", "field": "", "message": "truncated"}
            {"line": 3, "action": "drop", "rule": "bogon-v6", "logs": []}
            {"line": 4, "rejected": "wire", "field": "", "message": "bad kind"}
            {"line": 5, "action": "block", "rule": "sql-injection", "logs": []}
            {"line": 6, "rejected": "wire", "field": "", "message": "bad length"}
            {"line": 7, "rejected": "wire", "field": "", "message": "bad address family"}

            """)
        XCTAssertTrue(stderr.contains("events: 7 read, 3 evaluated, 4 rejected"), stderr)
        XCTAssertTrue(stderr.contains("  datagram 4: wire: bad kind"), stderr)
    }
}
