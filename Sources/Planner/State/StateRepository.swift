// Plan and apply against the git state repository live here (issue: plan/apply).
import CLibGit2

/// Namespace for the git-backed state; filled by the plan/apply issue.
public enum State {}
