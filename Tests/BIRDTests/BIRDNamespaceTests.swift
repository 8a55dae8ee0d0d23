import Foundation
import Planner
import XCTest

@testable import Emitters

/// The generated configuration of a node, run by real BIRD against real neighbours.
///
/// Three network namespaces made for the test (iproute2), joined by veth pairs, with private
/// addresses that exist only inside them: the node (`n`, the generated config of
/// Tests/Fixtures/bgp/netns.ttl, plus a static ROA as the RTR cache is absent), a transit
/// provider (`t`, one BIRD, IPv4 and IPv6 sessions with BFD and TCP-MD5), and an exchange LAN
/// (`x`, two BIRDs: the route server and a bilateral peer, each bound to its own address). BIRD
/// runs in the foreground with its control socket in the test's temporary folder and is asked
/// with birdc. Every wait is bounded; every process is stopped and every namespace removed,
/// whatever happens. Needs root and network namespaces: without them the test fails, saying so.
final class BIRDNamespaceTests: XCTestCase {
    func testGeneratedNodeConfigAgainstRealPeers() throws {
        let lab = try NamespaceLab()
        defer { lab.tearDown() }
        try lab.start()

        // Sessions reach Established, BFD comes up on the transit link.
        for peer in ["peer_lab_transit4", "peer_lab_transit6", "peer_lab_rs", "peer_lab_ixp"] {
            lab.waitFor("\(peer) Established", timeout: 60) { lab.birdc("n", "show protocols \(peer)").contains("Established") }
        }
        lab.waitFor("BFD sessions up", timeout: 30) {
            let sessions = lab.birdc("n", "show bfd sessions")
            return ["10.255.1.2", "fd00:255:1::2"].allSatisfy { address in sessions.split(separator: "\n").contains { $0.hasPrefix(address) && $0.contains("Up") } }
        }

        // Each peer receives exactly the node's anycast prefixes of its family; the routes the
        // node learned from the transit never reach the exchange (no transit between peers).
        lab.waitFor("anycast routes at the peers", timeout: 30) { lab.exported("t", "node4") == ["203.0.113.0/24"] && lab.exported("t", "node6") == ["2001:db8:100::/48"] }
        XCTAssertEqual(lab.exported("t", "node4"), ["203.0.113.0/24"])
        XCTAssertEqual(lab.exported("t", "node6"), ["2001:db8:100::/48"])
        lab.waitFor("routes from the exchange", timeout: 30) { lab.routes("n", "master4").contains("9.9.5.0/24") && lab.routes("n", "master4").contains("9.9.3.0/24") }
        XCTAssertEqual(lab.exported("rs", "rs_session"), ["203.0.113.0/24"])
        XCTAssertEqual(lab.exported("ixp", "ixp_session"), ["203.0.113.0/24"])

        // The import filters: what the node keeps, and what it received and rejected.
        lab.waitFor("routes from the transit", timeout: 30) { lab.filtered("n", "master4").count >= 6 && lab.filtered("n", "master6").count >= 2 }
        let accepted4 = lab.routes("n", "master4")
        let filtered4 = lab.filtered("n", "master4")
        for prefix in ["9.9.9.0/24", "9.9.5.0/24", "9.9.3.0/24"] { XCTAssertTrue(accepted4.contains(prefix), "\(prefix) accepted: \(accepted4)") }
        let rejected4 = [
            "192.168.0.0/16": "bogon prefix", "9.9.8.0/24": "private ASN in the path", "203.0.113.128/25": "more-specific of our own prefix",
            "9.9.7.0/25": "too long", "9.9.10.0/24": "AS path too long", "9.9.6.0/24": "RPKI-invalid", "9.9.4.0/24": "IXP next hop not the peer",
        ]
        for (prefix, why) in rejected4 {
            XCTAssertTrue(filtered4.contains(prefix), "\(prefix) (\(why)) not received and filtered: \(filtered4)")
            XCTAssertFalse(accepted4.contains(prefix), "\(prefix) (\(why)) accepted")
        }
        XCTAssertEqual(lab.routes("n", "master6"), ["2001:db8:100::/48", "2a00:1000::/32"])
        XCTAssertEqual(Set(lab.filtered("n", "master6")), ["fc00:1::/48", "2001:db8:100:1::/64"])
        // The route server's route keeps the next hop of the member that sent it.
        XCTAssertTrue(lab.birdc("n", "show route 9.9.5.0/24 table master4").contains("via 10.255.2.9"))
        // The RTR protocol is there (its cache is not: the ROA came from the test's static table).
        XCTAssertTrue(lab.birdc("n", "show protocols rtr_lab_rtr").contains("RPKI"))
        // The kernel gets the accepted BGP routes, never the anycast blackholes.
        XCTAssertTrue(lab.ip("n", ["route", "show", "9.9.9.0/24"]).contains("via 10.255.1.2"))
        XCTAssertEqual(lab.ip("n", ["route", "show", "203.0.113.0/24"]).trimmingCharacters(in: .whitespacesAndNewlines), "")

        // Health check: the generated check-health script withdraws the IPv4 prefix when its URL
        // fails twice (the peer loses the route, the IPv6 prefix stays), and announces it again
        // when the URL answers.
        try lab.startHealthCheck()
        Thread.sleep(forTimeInterval: 3)
        XCTAssertEqual(lab.exported("t", "node4"), ["203.0.113.0/24"])
        try lab.setHealthy("v4", false)
        lab.waitFor("IPv4 prefix withdrawn at the peer", timeout: 20) { lab.exported("t", "node4").isEmpty }
        XCTAssertTrue(lab.birdc("n", "show protocols static_lab_v4").contains(" down "))
        XCTAssertEqual(lab.exported("t", "node6"), ["2001:db8:100::/48"])
        try lab.setHealthy("v4", true)
        lab.waitFor("IPv4 prefix announced again", timeout: 20) { lab.exported("t", "node4") == ["203.0.113.0/24"] }

        // Import limit: the route server sends more routes than maxPrefixes (5); the session is
        // torn down and set up again (action restart).
        XCTAssertTrue(lab.birdc("rs", "enable flood").contains("flood: enabled"))
        lab.waitFor("import limit hit", timeout: 20) { lab.birdc("n", "show protocols all peer_lab_rs").contains("Route limit exceeded") }
        let status = lab.birdc("n", "show protocols all peer_lab_rs")
        XCTAssertTrue(status.contains("Import limit:   5 [HIT]") && status.contains("Action:       restart"), status)
        lab.waitFor("limit logged", timeout: 10) { lab.log("n").contains("peer_lab_rs hits route import limit (5), action: restart") }
    }
}

/// The namespaces, processes and files of one run of the namespace test.
final class NamespaceLab {
    let folder: URL
    let names: [String: String]
    let model: SystemModel
    let node: BIRDNodeContext
    let ip: String
    let bird: String
    let birdc: String
    private var processes: [(name: String, process: Process)] = []
    private var created: [String] = []
    private let file: StaticString
    private let line: UInt

    static let prefix = "ttlcb"

    init(file: StaticString = #filePath, line: UInt = #line) throws {
        self.file = file
        self.line = line
        guard getuid() == 0 else { throw Failure("the namespace test needs root (ip netns, veth pairs); it runs as uid \(getuid())") }
        guard let ip = executable("ip") else { throw Failure("iproute2 (ip) is not installed") }
        guard let bird = executable("bird"), let birdc = executable("birdc") else { throw Failure("bird2 (bird, birdc) is not installed") }
        for tool in ["python3", "curl"] where executable(tool) == nil { throw Failure("\(tool) is not installed (the health-check part needs it)") }
        self.ip = ip
        self.bird = bird
        self.birdc = birdc
        let id = getpid()
        names = ["n": "\(Self.prefix)\(id)n", "t": "\(Self.prefix)\(id)t", "x": "\(Self.prefix)\(id)x"]
        folder = try temporaryFolder("netns")
        model = try fixtureModel("netns")
        let node = try XCTUnwrap(model.nodes.first)
        self.node = BIRDNodeContext(node: node, model: model)
        Self.removeStaleNamespaces(ip: ip)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: Setting up

    func start() throws {
        // The namespaces and links: n—t (10.255.1.0/24, fd00:255:1::/64), n—x (10.255.2.0/24).
        for key in ["n", "t", "x"] {
            try must([ip, "netns", "add", names[key]!])
            created.append(names[key]!)
            try must([ip, "-n", names[key]!, "link", "set", "lo", "up"])
        }
        let (n, t, x) = (names["n"]!, names["t"]!, names["x"]!)
        try must([ip, "-n", n, "link", "add", "eth-t", "type", "veth", "peer", "name", "eth-n", "netns", t])
        try must([ip, "-n", n, "link", "add", "eth-x", "type", "veth", "peer", "name", "eth-n", "netns", x])
        for (ns, address, device) in [
            (n, "10.255.0.1/32", "lo"), (n, "10.255.1.1/24", "eth-t"), (n, "fd00:255:1::1/64", "eth-t"), (n, "10.255.2.1/24", "eth-x"),
            (t, "10.255.1.2/24", "eth-n"), (t, "fd00:255:1::2/64", "eth-n"), (x, "10.255.2.2/24", "eth-n"), (x, "10.255.2.3/24", "eth-n"),
        ] {
            try must([ip, "-n", ns, "addr", "add", address, "dev", device] + (address.contains(":") ? ["nodad"] : []))
        }
        for (ns, device) in [(n, "eth-t"), (n, "eth-x"), (t, "eth-n"), (x, "eth-n")] { try must([ip, "-n", ns, "link", "set", device, "up"]) }

        // The node: the generated files, stub secrets, and a static ROA standing in for the cache.
        let nodeFolder = folder.appendingPathComponent("node")
        try FileManager.default.createDirectory(at: nodeFolder, withIntermediateDirectories: true)
        try writeNode(node, to: nodeFolder)
        try write(
            "node/lab.conf",
            """
            include "bird.conf";
            # The test's RPKI data: 9.9.6.0/24 may only be originated by AS1111.
            protocol static test_roa4 { roa4 { table roa_v4; }; route 9.9.6.0/24 max 24 as 1111; }
            """)
        try write("transit.conf", transitConfig())
        try write("rs.conf", routeServerConfig())
        try write("ixp.conf", bilateralConfig())
        for (key, path) in [("n", "node/lab.conf"), ("t", "transit.conf"), ("rs", "rs.conf"), ("ixp", "ixp.conf")] {
            let check = runCommand([bird, "-p", "-c", folder.appendingPathComponent(path).path])
            guard check.status == 0 else { throw Failure("bird -p refused \(key)'s config: \(check.output)") }
        }
        try startBIRD("n", in: n, config: "node/lab.conf")
        try startBIRD("t", in: t, config: "transit.conf")
        try startBIRD("rs", in: x, config: "rs.conf")
        try startBIRD("ixp", in: x, config: "ixp.conf")
    }

    private func peer(_ name: String) -> Peer { model.peers.first { $0.name == name }! }

    private var nodeASN: Int { node.node.asn.value }

    /// The transit: IPv4 and IPv6 sessions with BFD and passwords; it sends a good route per
    /// family and one of each kind the node must reject.
    private func transitConfig() -> String {
        let v4 = peer("lab-transit4")
        let v6 = peer("lab-transit6")
        let longPath = String(repeating: "bgp_path.prepend(\(v4.remoteAsn.value)); ", count: 70)
        return """
            log stderr all;
            router id \(v4.neighbor.value);
            protocol device {}
            protocol bfd { interface "*" { min rx interval 300 ms; min tx interval 300 ms; multiplier 3; }; }
            protocol static good4 { ipv4; route 9.9.9.0/24 blackhole; }
            protocol static bad4 { ipv4; route 192.168.0.0/16 blackhole; route 203.0.113.128/25 blackhole; route 9.9.7.0/25 blackhole; route 9.9.6.0/24 blackhole; }
            protocol static private4 { ipv4; route 9.9.8.0/24 blackhole; }
            protocol static long4 { ipv4; route 9.9.10.0/24 blackhole; }
            protocol static routes6 { ipv6; route 2a00:1000::/32 blackhole; route fc00:1::/48 blackhole; route 2001:db8:100:1::/64 blackhole; }
            protocol bgp node4 {
                local \(v4.neighbor.value) as \(v4.remoteAsn.value);
                neighbor 10.255.1.1 as \(nodeASN);
                password "\(stubPassword("lab-transit4"))";
                bfd on;
                ipv4 {
                    import all;
                    export filter {
                        if proto = "private4" then bgp_path.prepend(64512);
                        if proto = "long4" then { \(longPath)}
                        accept;
                    };
                };
            }
            protocol bgp node6 {
                local \(v6.neighbor.value) as \(v6.remoteAsn.value);
                neighbor fd00:255:1::1 as \(nodeASN);
                password "\(stubPassword("lab-transit6"))";
                bfd on;
                ipv6 { import all; export all; };
            }
            """
    }

    /// The exchange's route server: passes on a member's route with that member (10.255.2.9) as
    /// next hop, and holds six more routes back (`flood`) for the import-limit step.
    private func routeServerConfig() -> String {
        let rs = peer("lab-rs")
        let flood = (20...25).map { "route 9.9.\($0).0/24 blackhole;" }.joined(separator: " ")
        return """
            log stderr all;
            router id \(rs.neighbor.value);
            protocol device {}
            protocol static member_routes { ipv4; route 9.9.5.0/24 via 10.255.2.9; }
            protocol static flood { disabled; ipv4; \(flood) }
            protocol bgp rs_session {
                local \(rs.neighbor.value) as \(rs.remoteAsn.value);
                neighbor 10.255.2.1 as \(nodeASN);
                strict bind on;
                ipv4 { import all; export where proto = "member_routes" || proto = "flood"; };
            }
            """
    }

    /// A bilateral exchange peer: one route with itself as next hop, one with another member.
    private func bilateralConfig() -> String {
        let ixp = peer("lab-ixp")
        return """
            log stderr all;
            router id \(ixp.neighbor.value);
            protocol device {}
            protocol static own { ipv4; route 9.9.3.0/24 blackhole; }
            protocol static third_party { ipv4; route 9.9.4.0/24 via 10.255.2.9; }
            protocol bgp ixp_session {
                local \(ixp.neighbor.value) as \(ixp.remoteAsn.value);
                neighbor 10.255.2.1 as \(nodeASN);
                password "\(stubPassword("lab-ixp"))";
                strict bind on;
                ipv4 { import all; export where proto = "own" || proto = "third_party"; };
            }
            """
    }

    private func startBIRD(_ key: String, in namespace: String, config: String) throws {
        try spawn(key, [ip, "netns", "exec", namespace, bird, "-f", "-c", folder.appendingPathComponent(config).path, "-s", socket(key)])
    }

    /// An HTTP server in the node's namespace answering the two health URLs, and the generated
    /// check-health script, talking to the node's BIRD.
    func startHealthCheck() throws {
        let www = folder.appendingPathComponent("www")
        for family in ["v4", "v6"] { try setHealthy(family, true) }
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : executable("python3")!
        try spawn("http", [ip, "netns", "exec", names["n"]!, python, "-m", "http.server", "18080", "--bind", "127.0.0.1", "--directory", www.path])
        waitFor("health server up", timeout: 10) { self.curl("http://127.0.0.1:18080/v4/healthz") }
        try spawn(
            "check-health", [ip, "netns", "exec", names["n"]!, "/bin/sh", folder.appendingPathComponent("node/check-health").path],
            environment: ["BIRD_SOCKET": socket("n"), "WITHDRAWN_DIR": folder.appendingPathComponent("withdrawn").path])
    }

    func setHealthy(_ family: String, _ healthy: Bool) throws {
        let url = folder.appendingPathComponent("www/\(family)/healthz")
        if healthy {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("ok\n".utf8).write(to: url)
        } else {
            try FileManager.default.removeItem(at: url)
        }
    }

    private func curl(_ url: String) -> Bool {
        runCommand([ip, "netns", "exec", names["n"]!, executable("curl")!, "-fsS", "-o", "/dev/null", "--max-time", "2", url]).status == 0
    }

    // MARK: Asking

    func socket(_ key: String) -> String { folder.appendingPathComponent("\(key).ctl").path }

    func birdc(_ key: String, _ command: String) -> String {
        runCommand([birdc, "-s", socket(key)] + command.split(separator: " ").map(String.init), timeout: 10).output
    }

    func ip(_ key: String, _ arguments: [String]) -> String {
        runCommand([ip, "-n", names[key == "rs" || key == "ixp" ? "x" : key]!] + arguments).output
    }

    /// The prefixes at the start of birdc route lines.
    static func prefixes(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            guard let first = line.split(separator: " ").first, first.contains("/"), !line.hasPrefix(" "), !line.hasPrefix("\t") else { return nil }
            return String(first)
        }.sorted()
    }

    /// What `key`'s BIRD sends on protocol `session`, read at the receiving side: the routes it
    /// imported from that session.
    func exported(_ key: String, _ session: String) -> [String] { Self.prefixes(birdc(key, "show route protocol \(session)")) }

    func routes(_ key: String, _ table: String) -> [String] { Self.prefixes(birdc(key, "show route table \(table)")) }

    func filtered(_ key: String, _ table: String) -> [String] { Self.prefixes(birdc(key, "show route filtered table \(table)")) }

    func log(_ key: String) -> String { (try? String(contentsOf: folder.appendingPathComponent("\(key).log"), encoding: .utf8)) ?? "" }

    /// Polls `condition` every 0.25 s for at most `timeout` seconds; a failure names what was
    /// awaited and shows the end of every BIRD log.
    func waitFor(_ what: String, timeout: TimeInterval, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        if condition() { return }
        XCTFail("timed out after \(Int(timeout)) s waiting for: \(what)\n\(logTails())", file: file, line: line)
    }

    func logTails() -> String {
        processes.map { entry in
            let lines = log(entry.name).split(separator: "\n").suffix(15).joined(separator: "\n")
            return "--- \(entry.name).log\n\(lines)"
        }.joined(separator: "\n")
    }

    // MARK: Processes and cleanup

    private func must(_ arguments: [String]) throws {
        let result = runCommand(arguments)
        guard result.status == 0 else { throw Failure("\(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)") }
    }

    private func write(_ path: String, _ content: String) throws {
        try Data((content + "\n").utf8).write(to: folder.appendingPathComponent(path))
    }

    private func spawn(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let log = folder.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        try process.run()
        processes.append((name, process))
    }

    /// Stops every process this lab started (TERM, then KILL after 5 s), then any process still
    /// inside its namespaces (children of those, such as a health check's curl), and removes the
    /// namespaces and the folder.
    func tearDown() {
        for (_, process) in processes.reversed() where process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while processes.contains(where: { $0.process.isRunning }) && Date() < deadline { usleep(50_000) }
        for (_, process) in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for (_, process) in processes { process.waitUntilExit() }
        for namespace in created.reversed() { Self.remove(namespace, ip: ip) }
        if FileManager.default.fileExists(atPath: folder.path) { try? FileManager.default.removeItem(at: folder) }
    }

    private static func remove(_ namespace: String, ip: String) {
        for pid in runCommand([ip, "netns", "pids", namespace]).output.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
        runCommand([ip, "netns", "del", namespace])
    }

    /// Namespaces a crashed earlier run of this test left behind (its process is gone).
    private static func removeStaleNamespaces(ip: String) {
        for line in runCommand([ip, "netns", "list"]).output.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            guard let match = name.wholeMatch(of: /ttlcb([0-9]+)[ntx]/), let pid = Int32(match.1), pid != getpid(), kill(pid, 0) != 0 else { continue }
            remove(name, ip: ip)
        }
    }
}
