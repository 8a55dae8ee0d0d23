/// The applies recorded in the state's audit log, each paired with its commit: the commit on
/// the branch's first-parent line whose parent is the record's base.
public enum History {
    public struct Entry: Sendable {
        public var record: AuditRecord
        public var commit: ObjectID?
    }

    public static func entries(_ repository: GitRepository, head: ObjectID, records: [AuditRecord]) throws(StateError) -> [Entry] {
        var byParent: [String: ObjectID] = [:]
        var current: ObjectID? = head
        var steps = 0
        while let commit = current, steps < 100_000 {
            let info = try repository.commitInfo(commit)
            byParent[info.parent?.hex ?? "-"] = commit
            current = info.parent
            steps += 1
        }
        return records.map { Entry(record: $0, commit: byParent[$0.base ?? "-"]) }
    }

    /// The desired state of an earlier commit: its files (without the audit log), its model.
    public static func desiredState(at commit: ObjectID, in repository: GitRepository, path: String, governance: Governance?) throws(StateError) -> DesiredState {
        let snapshot = try StateSnapshot.read(repository, commit: commit, path: path)
        guard let last = snapshot.lastAudit else { throw StateError.unknownCommit("\(commit.short) (not a commit written by ttlc apply)") }
        var files: [OutputFile] = []
        for (file, id) in try snapshot.files() where file != AuditRecord.path && file != CompiledModel.path && file != ReplicaOverrides.path {
            files.append(OutputFile(path: file, bytes: try repository.blob(id), subjects: []))
        }
        return DesiredState(
            files: files.sorted { $0.path < $1.path }, model: snapshot.model ?? CompiledModel(), resources: [],
            specDigest: last.specDigest, governance: governance, overrides: snapshot.overrides)
    }
}
