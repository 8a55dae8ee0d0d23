import Foundation

/// The state as plan and apply read it: the branch head, the files of the output tree at it (by
/// path, as blob ids), and what the last apply left under `.ttlc/` (inventory, model, audit).
public struct StateSnapshot {
    /// Nil when the state does not exist yet (the first apply creates it).
    public var repository: GitRepository?
    public var head: ObjectID?
    public var files: [String: ObjectID]
    /// Path → SHA-256 from the state's `.ttlc/inventory.json`.
    public var inventory: [String: String]
    public var model: CompiledModel?
    public var audit: [AuditRecord]
    public var auditBytes: [UInt8]

    public static let inventoryPath = ".ttlc/inventory.json"

    /// Reads the state. A missing location is an empty state; a location that is not a git
    /// repository, a branch missing from a repository that has others, or a damaged ref is an error.
    public static func read(_ target: StateTarget) throws(StateError) -> StateSnapshot {
        let empty = StateSnapshot(repository: nil, head: nil, files: [:], inventory: [:], model: nil, audit: [], auditBytes: [])
        guard FileManager.default.fileExists(atPath: target.location) else { return empty }
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
        let files = try repository.files(of: commit, under: path)
        var inventory: [String: String] = [:]
        if let id = files[inventoryPath], case .success(let json) = JSONValue.parse(try repository.blob(id)) {
            for entry in json["files"]?.array ?? [] {
                if let path = entry["path"]?.string, let sha = entry["sha256"]?.string { inventory[path] = sha }
            }
        }
        let model = try files[CompiledModel.path].flatMap { id throws(StateError) in CompiledModel.read(try repository.blob(id)) }
        let auditBytes = try files[AuditRecord.path].map { id throws(StateError) in try repository.blob(id) } ?? []
        return StateSnapshot(
            repository: repository, head: commit, files: files, inventory: inventory, model: model, audit: AuditRecord.read(auditBytes),
            auditBytes: auditBytes)
    }

    /// Files plan and apply keep for themselves; never reported as changes.
    static let bookkeeping: Set<String> = [AuditRecord.path, CompiledModel.path, inventoryPath]
}
