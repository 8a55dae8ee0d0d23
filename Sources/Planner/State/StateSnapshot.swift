import Foundation

/// The state as plan and apply read it: the branch head, the tree of the output tree at it, and
/// what the last apply left under `.ttlc/` (inventory, model, audit). Only those three files are
/// read here; the plan compares trees by id and reads no other file that did not change.
public struct StateSnapshot {
    /// Nil when the state does not exist yet (the first apply creates it).
    public var repository: GitRepository?
    public var head: ObjectID?
    /// The tree holding the output tree (the branch's tree at the state path).
    public var tree: ObjectID?
    public var path: String
    public var model: CompiledModel?
    /// The last record of the audit log (what the head commit did), parsed; the log itself raw.
    public var lastAudit: AuditRecord?
    public var auditBytes: [UInt8]
    /// The replica counts `ttlc decide --apply` recorded (`.ttlc/overrides.json`).
    public var overrides = ReplicaOverrides()

    /// Every record of the audit log, oldest first.
    public var audit: [AuditRecord] { AuditRecord.read(auditBytes) }

    public static let inventoryPath = ".ttlc/inventory.json"

    /// Reads the state. A missing location is an empty state; a location that is not a git
    /// repository, a branch missing from a repository that has others, or a damaged ref is an error.
    public static func read(_ target: StateTarget) throws(StateError) -> StateSnapshot {
        let empty = StateSnapshot(repository: nil, head: nil, tree: nil, path: target.path, model: nil, lastAudit: nil, auditBytes: [])
        guard FileManager.default.fileExists(atPath: target.location) else {
            // A new state would otherwise plan a first commit onto a branch no apply can make
            // (an existing one checks the name as it reads the branch, `head(of:)`).
            try GitRepository.checkBranchName(target.branch)
            return empty
        }
        let repository = try GitRepository.open(target.location)
        guard let head = try repository.head(of: target.branch) else {
            if repository.hasBranches() { throw StateError.missingBranch(target.branch, state: target.location) }
            var snapshot = empty
            snapshot.repository = repository
            return snapshot
        }
        return try read(repository, commit: head, path: target.path)
    }

    /// The output tree as it is at one commit.
    public static func read(_ repository: GitRepository, commit: ObjectID, path: String) throws(StateError) -> StateSnapshot {
        let tree = try repository.subtree(of: commit, at: path)
        func bytes(_ file: String) throws(StateError) -> [UInt8]? {
            guard let tree, let id = try repository.blob(in: tree, at: file) else { return nil }
            return try repository.blob(id)
        }
        let model = try bytes(CompiledModel.path).flatMap { CompiledModel.read($0) }
        let auditBytes = try bytes(AuditRecord.path) ?? []
        var overrides = ReplicaOverrides()
        if let file = try bytes(ReplicaOverrides.path) { overrides = try ReplicaOverrides.read(file) }
        return StateSnapshot(
            repository: repository, head: commit, tree: tree, path: path, model: model, lastAudit: AuditRecord.last(auditBytes),
            auditBytes: auditBytes, overrides: overrides)
    }

    /// Path → SHA-256 from the state's `.ttlc/inventory.json` (read when drift needs it).
    public func inventory() throws(StateError) -> [String: String] {
        guard let repository, let tree, let id = try repository.blob(in: tree, at: Self.inventoryPath) else { return [:] }
        return Self.digests(try repository.blob(id))
    }

    /// The commit the last apply wrote: on the branch's first-parent line, the one whose parent
    /// is the last audit record's base. Nil when there is none (no record, or history rewritten).
    public func lastApplyCommit() throws(StateError) -> ObjectID? {
        guard let repository, let record = lastAudit else { return nil }
        var current = head
        var steps = 0
        while let commit = current, steps < 10_000 {
            let parent = try repository.commitInfo(commit).parent
            if parent?.hex == record.base { return commit }
            current = parent
            steps += 1
        }
        return nil
    }

    /// Path → SHA-256 of an inventory file.
    static func digests(_ inventory: [UInt8]) -> [String: String] {
        JSONValue.pairs(inventory, list: "files", key: "path", value: "sha256")
    }

    /// Every file of the output tree, by path (a rollback restores them all).
    public func files() throws(StateError) -> [String: ObjectID] {
        guard let repository, let head else { return [:] }
        return try repository.files(of: head, under: path)
    }

    /// Files plan and apply keep for themselves; never reported as changes.
    static let bookkeeping: Set<String> = [AuditRecord.path, CompiledModel.path, inventoryPath, ReplicaOverrides.path]
    /// The bookkeeping files that are outputs of the spec: drift when edited by hand.
    static let restored: Set<String> = [CompiledModel.path, inventoryPath]
}
