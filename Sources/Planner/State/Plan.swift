/// A plan: what applying the desired tree to the state would change, each change with its
/// governance verdict. A value; the command line renders it as text or JSON.
public struct Plan: Sendable {
    public var target: StateTarget
    /// The branch head the plan was made against; nil for a new state.
    public var base: ObjectID?
    /// Changes in the model (per spec subject and property) since the last apply.
    public var summary: [ModelChange]
    public var changes: [Change]
    /// Resources and files that stay as they are.
    public var unchanged: Int
    /// Files in the state that differ from what the last apply recorded.
    public var drift: [Drift]
    /// Set when the state's head is a rollback: applying over it needs approval.
    public var overRollback: AuditRecord?
    /// Identifies exactly what was planned (base, desired content, changes); an approval names it.
    public var digest: String
    /// The replica counts `ttlc decide` recorded in the state that the desired tree uses.
    public var overrides = ReplicaOverrides()

    public var hasChanges: Bool { !changes.isEmpty || !drift.isEmpty }
    public var forbidden: [Change] { changes.filter { $0.verdict.verdict == .forbidden } }
    public var needingApproval: [Change] { changes.filter { $0.verdict.verdict == .requiresApproval } }
}

/// Where the state is: the repository, the branch, and the folder the output tree sits in.
public struct StateTarget: Sendable, Equatable {
    public var location: String
    public var branch: String
    /// The folder in the repository that holds the output tree ("" for the root).
    public var path: String

    public init(location: String, branch: String, path: String) {
        self.location = location
        self.branch = branch
        self.path = path
    }
}

/// One change: a Kubernetes object (by identity) or a whole non-YAML file.
public struct Change: Sendable {
    public enum Action: String, Sendable { case create = "+", update = "~", delete = "-" }

    public var action: Action
    public var operation: Operation
    /// `Deployment/edge/river-proxy`, or the file path for non-YAML files.
    public var target: String
    public var kind: String
    public var namespace: String?
    /// The file the change is in, relative to the output tree.
    public var file: String
    /// Field-level differences of an updated object.
    public var fields: [FieldChange]
    /// A unified line diff for files that are not Kubernetes objects.
    public var lines: [String]
    public var verdict: Classification
}

/// What a change does, as governance sees it.
public enum Operation: String, Sendable, CaseIterable {
    case create, update, delete, scale
}

public struct FieldChange: Sendable, Equatable {
    public var path: String
    public var before: String?
    public var after: String?
    /// The spec subject and property that produce the field now (or produced it before).
    public var origin: Origin?
}

/// A change in the model: a subject added or removed, or a property's values changed.
public struct ModelChange: Sendable, Equatable {
    public var subject: String
    public var kind: String
    /// nil when the subject as a whole is added or removed.
    public var property: String?
    public var before: String?
    public var after: String?
}

/// A file changed in the state outside ttlc.
public struct Drift: Sendable, Equatable {
    public enum Kind: String, Sendable { case changed, added, removed }
    public var path: String
    public var kind: Kind
}

/// A governance verdict and the rule that decided it.
public struct Classification: Sendable, Equatable {
    public enum Verdict: String, Sendable, Comparable {
        case autonomous, requiresApproval = "requires-approval", forbidden

        var rank: Int {
            switch self {
            case .autonomous: 0
            case .requiresApproval: 1
            case .forbidden: 2
            }
        }

        public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
    }

    public var verdict: Verdict
    /// The governance rule that decided it, as a reader can find it (`specs/governance.ttl:21:9 …`).
    public var rule: String
}
