/// `.ttlc/audit.jsonl` in the state: one JSON line per apply or rollback, written in the same
/// commit as the change it describes (so its own commit id cannot be in it: the commit is the
/// one whose first parent is `base`). Names subjects, files and verdicts, never a value of a
/// secret (the spec only holds references to secrets).
public struct AuditRecord: Sendable, Equatable {
    public static let path = ".ttlc/audit.jsonl"

    public struct Entry: Sendable, Equatable {
        public var action: String
        public var target: String
        public var file: String
        public var operation: String
        public var verdict: String
        public var rule: String
    }

    public var time: String
    public var author: String
    /// "apply" or "rollback".
    public var kind: String
    public var specDigest: String
    public var base: String?
    public var planDigest: String
    /// Who approved, for approval-level changes applied from a saved plan.
    public var approver: String?
    /// For a rollback: the commit whose tree was restored.
    public var rollbackOf: String?
    public var message: String
    public var changes: [Entry]

    public func line() -> String {
        JSONText.object([
            ("time", .string(time)), ("author", .string(author)), ("kind", .string(kind)),
            ("spec_digest", .string(specDigest)), ("base", base.map { .string($0) } ?? .null),
            ("plan_digest", .string(planDigest)),
            ("approval", approver.map { .object([("approver", .string($0)), ("plan_digest", .string(planDigest))]) } ?? .null),
            ("rollback_of", rollbackOf.map { .string($0) } ?? .null),
            ("message", .string(message)),
            ("changes", .array(changes.map { change in
                .object([
                    ("action", .string(change.action)), ("target", .string(change.target)), ("file", .string(change.file)),
                    ("operation", .string(change.operation)), ("verdict", .string(change.verdict)), ("rule", .string(change.rule)),
                ])
            })),
        ]).compact() + "\n"
    }

    /// The last record of a log (the line before the final newline), if it is one.
    public static func last(_ bytes: [UInt8]) -> AuditRecord? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return read(Array(bytes[start..<end]), only: ["time", "author", "kind", "spec_digest", "base", "plan_digest", "approval", "rollback_of", "message"]).last
    }

    /// The records of a log, oldest first; lines that are not records are skipped.
    public static func read(_ bytes: [UInt8], only keys: Set<String>? = nil) -> [AuditRecord] {
        bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard case .success(let json) = JSONValue.parse(Array(line), only: keys), let time = json["time"]?.string else { return nil }
            return AuditRecord(
                time: time, author: json["author"]?.string ?? "", kind: json["kind"]?.string ?? "apply",
                specDigest: json["spec_digest"]?.string ?? "", base: json["base"]?.string, planDigest: json["plan_digest"]?.string ?? "",
                approver: json["approval"]?["approver"]?.string, rollbackOf: json["rollback_of"]?.string,
                message: json["message"]?.string ?? "",
                changes: (json["changes"]?.array ?? []).map { change in
                    Entry(
                        action: change["action"]?.string ?? "", target: change["target"]?.string ?? "", file: change["file"]?.string ?? "",
                        operation: change["operation"]?.string ?? "", verdict: change["verdict"]?.string ?? "", rule: change["rule"]?.string ?? "")
                })
        }
    }
}
