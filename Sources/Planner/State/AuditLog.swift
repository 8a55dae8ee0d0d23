/// `.ttlc/audit.jsonl` in the state: one JSON line per apply, rollback, scaling operation or
/// verification, each with an id (`op-N`: its line number), written in the same
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
    /// "apply", "rollback", "scale" (`ttlc decide --apply`), "verify" or "scale-rollback".
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
    /// `op-N`, N its line in the log (records written before ids had one by position).
    public var id: String? = nil
    /// For a verification or a scale rollback: the scaling operation it is about.
    public var operation: String? = nil
    /// For a scale rollback: the verification that failed.
    public var causedBy: String? = nil
    /// For a scaling operation: the decisions it applied.
    public var scaling: [AuditScaling] = []
    public var verification: AuditVerification? = nil

    /// The id of the record on line `line` (1-based) of the log.
    public static func id(line: Int) -> String { "op-\(line)" }

    /// The id the next record of a log gets.
    public static func nextID(_ log: [UInt8]) -> String {
        id(line: log.split(separator: UInt8(ascii: "\n")).count + 1)
    }

    public func line() -> String {
        var fields: [(String, JSONText)] = [("time", .string(time)), ("author", .string(author)), ("kind", .string(kind))]
        if let id { fields.append(("id", .string(id))) }
        fields += [
            ("spec_digest", .string(specDigest)), ("base", base.map { .string($0) } ?? .null),
            ("plan_digest", .string(planDigest)),
            ("approval", approver.map { .object([("approver", .string($0)), ("plan_digest", .string(planDigest))]) } ?? .null),
            ("rollback_of", rollbackOf.map { .string($0) } ?? .null),
            ("message", .string(message)),
        ]
        if let operation { fields.append(("operation", .string(operation))) }
        if let causedBy { fields.append(("caused_by", .string(causedBy))) }
        if !scaling.isEmpty { fields.append(("scaling", .array(scaling.map(\.json)))) }
        if let verification { fields.append(("verification", verification.json)) }
        fields.append(
            ("changes", .array(changes.map { change in
                .object([
                    ("action", .string(change.action)), ("target", .string(change.target)), ("file", .string(change.file)),
                    ("operation", .string(change.operation)), ("verdict", .string(change.verdict)), ("rule", .string(change.rule)),
                ])
            })))
        return JSONText.object(fields).compact() + "\n"
    }

    /// The last record of a log (the line before the final newline), if it is one.
    public static func last(_ bytes: [UInt8]) -> AuditRecord? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        // Its line number: the non-empty lines before it, plus one.
        var line = 1
        for index in 0..<start where index > 0 && bytes[index] == UInt8(ascii: "\n") && bytes[index - 1] != UInt8(ascii: "\n") { line += 1 }
        return read(
            withoutChanges(bytes[start..<end]), only: ["time", "author", "kind", "id", "spec_digest", "base", "plan_digest", "approval", "rollback_of", "message"],
            firstLine: line
        ).last
    }

    /// A record's line with its top-level "changes" emptied (`[]`): the last record is read on
    /// every plan for its header alone, and the list of a 10,000-file apply is most of the line
    /// (parsing it was a fifth of a plan's time). Scanned once, strings skipped; a line this
    /// scan does not understand is returned whole, for the JSON parser to judge.
    static func withoutChanges(_ line: ArraySlice<UInt8>) -> [UInt8] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var index = line.startIndex
        var depth = 0
        /// The index after the string that opens at `index`.
        func endOfString(_ index: Int) -> Int? {
            var next = index + 1
            while next < line.endIndex {
                if line[next] == backslash {
                    next += 2
                } else if line[next] == quote {
                    return next + 1
                } else {
                    next += 1
                }
            }
            return nil
        }
        func skipSpace(_ index: Int) -> Int {
            var next = index
            while next < line.endIndex, line[next] == 0x20 || line[next] == 0x09 || line[next] == 0x0A || line[next] == 0x0D { next += 1 }
            return next
        }
        while index < line.endIndex {
            switch line[index] {
            case quote:
                guard let end = endOfString(index) else { return Array(line) }
                let colon = skipSpace(end)
                guard depth == 1, line[index..<end].elementsEqual("\"changes\"".utf8), colon < line.endIndex, line[colon] == UInt8(ascii: ":") else {
                    index = end
                    continue
                }
                // The value: a list or object to its matching close, or a scalar to the next , or }.
                let valueStart = skipSpace(colon + 1)
                var valueEnd = valueStart
                var level = 0
                while valueEnd < line.endIndex {
                    let byte = line[valueEnd]
                    if byte == quote {
                        guard let after = endOfString(valueEnd) else { return Array(line) }
                        valueEnd = after
                        if level == 0 { break }
                        continue
                    }
                    if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                        level += 1
                    } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                        if level == 0 { break }
                        level -= 1
                        if level == 0 {
                            valueEnd += 1
                            break
                        }
                    } else if level == 0, byte == UInt8(ascii: ",") {
                        break
                    }
                    valueEnd += 1
                }
                guard level == 0 else { return Array(line) }
                return Array(line[line.startIndex..<valueStart]) + Array("[]".utf8) + Array(line[valueEnd...])
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            default:
                break
            }
            index += 1
        }
        return Array(line)
    }

    /// The records of a log, oldest first; lines that are not records are skipped. `firstLine`:
    /// the line of the log the bytes start at (a record without an id is named by its line).
    public static func read(_ bytes: [UInt8], only keys: Set<String>? = nil, firstLine: Int = 1) -> [AuditRecord] {
        bytes.split(separator: UInt8(ascii: "\n")).enumerated().compactMap { index, line in
            guard case .success(let json) = JSONValue.parse(Array(line), only: keys), let time = json["time"]?.string else { return nil }
            var record = AuditRecord(
                time: time, author: json["author"]?.string ?? "", kind: json["kind"]?.string ?? "apply",
                specDigest: json["spec_digest"]?.string ?? "", base: json["base"]?.string, planDigest: json["plan_digest"]?.string ?? "",
                approver: json["approval"]?["approver"]?.string, rollbackOf: json["rollback_of"]?.string,
                message: json["message"]?.string ?? "",
                changes: (json["changes"]?.array ?? []).map { change in
                    Entry(
                        action: change["action"]?.string ?? "", target: change["target"]?.string ?? "", file: change["file"]?.string ?? "",
                        operation: change["operation"]?.string ?? "", verdict: change["verdict"]?.string ?? "", rule: change["rule"]?.string ?? "")
                })
            record.id = json["id"]?.string ?? id(line: index + firstLine)
            record.operation = json["operation"]?.string
            record.causedBy = json["caused_by"]?.string
            record.scaling = (json["scaling"]?.array ?? []).compactMap(AuditScaling.read)
            record.verification = json["verification"].flatMap(AuditVerification.read)
            return record
        }
    }
}
