import Foundation
import XCTest

/// The spec holds only references to secrets, so no secret value can reach a plan, a diff, a
/// plan file, the audit log or any object of the state. The test puts real values where an
/// operator would have them (the BIRD password files, the environment) and looks everywhere.
final class SecretTests: XCTestCase {
    func testNoSecretValueInPlansDiffsAuditOrState() throws {
        let space = try Workspace()
        let value = "S3cr3t-\(UUID().uuidString)"
        let secrets = space.root.appendingPathComponent("specs/secrets").path
        try FileManager.default.createDirectory(atPath: secrets, withIntermediateDirectories: true)
        try "password \"\(value)\";\n".write(toFile: secrets + "/transit-a.conf", atomically: true, encoding: .utf8)
        setenv("TTLC_TEST_SECRET", value, 1)
        defer { unsetenv("TTLC_TEST_SECRET") }

        var seen = ""
        for format in ["text", "json"] {
            seen += try space.ttlc(["plan", "specs", "--state", space.state, "--format", format, "--out", "plan.json"]).text
        }
        seen += try String(contentsOf: space.root.appendingPathComponent("plan.json"), encoding: .utf8)
        seen += try space.ttlc(["apply", "plan.json", "--approve", "--format", "json"]).text
        try space.edit("aegis.ttl", "tc:maxPrefixes 1000 ;", "tc:maxPrefixes 2000 ;")
        seen += try space.ttlc(["plan", "specs", "--state", space.state]).text
        try space.approveAndApply()
        seen += try space.ttlc(["history", "--state", space.state, "--format", "json"]).text
        seen += try space.git(["show", "main:.ttlc/audit.jsonl"]).stdout
        // Every object in the state, blobs, trees and commits alike.
        seen += try space.git(["cat-file", "--batch-all-objects", "--batch"]).stdout

        XCTAssertTrue(seen.contains("bgp-transit-a"), "the reference (the Secret's name) is there")
        XCTAssertTrue(seen.contains("include \"secrets/transit-a.conf\""), "BIRD reads the password through an include")
        XCTAssertFalse(seen.contains(value), "a secret value leaked")
    }
}
