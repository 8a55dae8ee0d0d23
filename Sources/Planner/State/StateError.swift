/// Why plan or apply could not go on. Every case is a message for a person: what is wrong,
/// where, and what to do about it.
public enum StateError: Error, Sendable, Equatable, CustomStringConvertible {
    case notARepository(String, detail: String)
    case missingBranch(String, state: String)
    case nothingApplied(branch: String, state: String)
    case corruptState(String)
    case git(String, String)
    case unknownCommit(String)
    case stale(expected: String, actual: String)
    case locked(path: String, owner: String)
    case io(String)
    case contradiction(String)
    case approvalNeeded(Int)
    case forbidden(Int)
    case planMismatch(String)
    case pushRefused(String)
    case invalidPlanFile(String, String)
    case unknownOperation(String, state: String)

    public var description: String {
        switch self {
        case .notARepository(let path, let detail): "the state \(path) is not a git repository (\(detail))"
        case .missingBranch(let branch, let state):
            "the state \(state) has commits but no branch \(branch); check --branch and the System's tc:branch"
        case .nothingApplied(let branch, let state):
            "nothing has been applied to the state \(state) yet (no branch \(branch)); `ttlc apply` makes its first commit"
        case .corruptState(let detail): "the state repository is damaged: \(detail)"
        case .git(let what, let detail): "\(what): \(detail)"
        case .unknownCommit(let id): "no commit \(id) in the state"
        case .stale(let expected, let actual):
            "state changed since plan; run plan again (the plan was made against \(expected), the branch is now at \(actual))"
        case .locked(let path, let owner):
            "the state is locked by \(owner): \(path); wait for that apply to finish, or, if that process is gone, remove the file"
        case .io(let detail): detail
        case .contradiction(let detail): detail
        case .approvalNeeded(let count):
            "\(count) change\(count == 1 ? " needs" : "s need") approval; save the plan with `ttlc plan --out PLANFILE`, review it, then run `ttlc apply PLANFILE --approve`"
        case .forbidden(let count): "\(count) forbidden change\(count == 1 ? "" : "s"); nothing applied"
        case .planMismatch(let detail): detail
        case .pushRefused(let detail): "push refused: \(detail)"
        case .invalidPlanFile(let path, let detail): "\(path) is not a ttlc plan file: \(detail)"
        case .unknownOperation(let id, let state): "no operation \(id) in the audit log of \(state); see `ttlc history`"
        }
    }
}
