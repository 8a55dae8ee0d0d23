import Foundation

/// Writes a plan into the state as one commit: the desired files, the compiled model and the
/// audit log (old lines + one record) built as blobs and trees in the object database, then the
/// branch moved by compare-and-swap from the plan's base. Governance is enforced here too, so no
/// caller can apply a forbidden change or an unapproved approval-level one.
public enum Applying {
    public struct Request: Sendable {
        public var author: Identity
        /// Set when a person approved this exact plan (by its digest).
        public var approver: Identity?
        public var message: String
        /// "apply", "rollback", "scale" or "scale-rollback".
        public var kind: String
        public var rollbackOf: String?
        /// What a scaling operation adds to its record (links, decisions).
        public var operation: String?
        public var causedBy: String?
        public var scaling: [AuditScaling]

        public init(
            author: Identity, approver: Identity?, message: String, kind: String = "apply", rollbackOf: String? = nil, operation: String? = nil,
            causedBy: String? = nil, scaling: [AuditScaling] = []
        ) {
            self.author = author
            self.approver = approver
            self.message = message
            self.kind = kind
            self.rollbackOf = rollbackOf
            self.operation = operation
            self.causedBy = causedBy
            self.scaling = scaling
        }
    }

    /// The new commit, or nil when the plan has nothing to change.
    public static func apply(_ plan: Plan, desired: DesiredState, state: StateSnapshot, request: Request, now: Date = Date()) throws(StateError) -> ObjectID? {
        if !plan.forbidden.isEmpty { throw StateError.forbidden(plan.forbidden.count) }
        if !plan.needingApproval.isEmpty, request.approver == nil { throw StateError.approvalNeeded(plan.needingApproval.count) }
        guard plan.hasChanges else { return nil }

        let repository: GitRepository
        if let existing = state.repository {
            repository = existing
        } else {
            repository = try GitRepository.create(plan.target.location, branch: plan.target.branch)
        }
        let lock = try ApplyLock.acquire(gitDirectory: repository.gitDirectory, branch: plan.target.branch)
        defer { lock.release() }
        let head = try repository.head(of: plan.target.branch)
        guard head == plan.base else { throw StateError.stale(expected: plan.base?.short ?? "an empty state", actual: head?.short ?? "nothing") }

        var record = AuditRecord(
            time: Self.timestamp(now), author: request.author.description, kind: request.kind, specDigest: desired.specDigest,
            base: plan.base?.hex, planDigest: plan.digest, approver: request.approver?.description, rollbackOf: request.rollbackOf,
            message: request.message,
            changes: plan.changes.map {
                AuditRecord.Entry(
                    action: $0.action.rawValue, target: $0.target, file: $0.file, operation: $0.operation.rawValue,
                    verdict: $0.verdict.verdict.rawValue, rule: $0.verdict.rule)
            })
        record.id = AuditRecord.nextID(state.auditBytes)
        record.operation = request.operation
        record.causedBy = request.causedBy
        record.scaling = request.scaling
        var files = desired.treeFiles
        files[AuditRecord.path] = state.auditBytes + Array(record.line().utf8)

        // Blobs the state already holds are named, not rewritten.
        var tree: [String: ObjectID] = [:]
        let prefix = plan.target.path.isEmpty ? "" : plan.target.path + "/"
        if !prefix.isEmpty, let head {
            for (path, id) in try repository.files(of: head, under: "") where !path.hasPrefix(prefix) { tree[path] = id }
        }
        for (path, bytes) in files {
            let known = GitRepository.blobID(bytes)
            tree[prefix + path] = repository.contains(known) ? known : try repository.writeBlob(bytes)
        }
        let subject = request.message.isEmpty ? "ttlc \(request.kind): \(plan.changes.count) change\(plan.changes.count == 1 ? "" : "s")" : request.message
        return try commit(
            tree, in: repository, branch: plan.target.branch, base: plan.base, message: subject + "\n\nPlan: \(plan.digest)\nSpec: \(desired.specDigest)\n",
            author: request.author, kind: request.kind)
    }

    /// Adds one record to the audit log of the state as a commit that changes nothing else (a
    /// verification), under the same lock and compare-and-swap as an apply. Returns the commit;
    /// the record gets its id here.
    public static func appendRecord(_ record: AuditRecord, state: StateSnapshot, target: StateTarget, author: Identity) throws(StateError) -> (ObjectID, AuditRecord) {
        guard let repository = state.repository, let base = state.head else { throw StateError.nothingApplied(branch: target.branch, state: target.location) }
        let lock = try ApplyLock.acquire(gitDirectory: repository.gitDirectory, branch: target.branch)
        defer { lock.release() }
        let head = try repository.head(of: target.branch)
        guard head == base else { throw StateError.stale(expected: base.short, actual: head?.short ?? "nothing") }
        var record = record
        record.id = AuditRecord.nextID(state.auditBytes)
        record.base = base.hex
        var tree = try repository.files(of: base, under: "")
        let prefix = target.path.isEmpty ? "" : target.path + "/"
        tree[prefix + AuditRecord.path] = try repository.writeBlob(state.auditBytes + Array(record.line().utf8))
        let subject = record.message.isEmpty ? "ttlc \(record.kind)" : record.message
        let commit = try commit(tree, in: repository, branch: target.branch, base: base, message: subject + "\n", author: author, kind: record.kind)
        return (commit, record)
    }

    /// Writes the tree and its commit, then moves the branch from `base` (compare-and-swap).
    private static func commit(
        _ tree: [String: ObjectID], in repository: GitRepository, branch: String, base: ObjectID?, message: String, author: Identity, kind: String
    ) throws(StateError) -> ObjectID {
        let treeID = try repository.writeTree(tree)
        let commit = try repository.commit(tree: treeID, parent: base, message: message, author: author)
        guard try repository.compareAndSwap(branch: branch, to: commit, expected: base, message: "ttlc \(kind)") else {
            let now = try? repository.head(of: branch)
            throw StateError.stale(expected: base?.short ?? "an empty state", actual: (now ?? nil)?.short ?? "nothing")
        }
        return commit
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
