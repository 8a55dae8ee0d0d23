import CLibGit2

/// Pushes the state branch to a remote and checks every reference's status: a remote can
/// refuse a reference (a hook, a non-fast-forward) while the push call itself succeeds. When
/// the push fails the local branch goes back to where it was, so the state stays as before.
public enum Pushing {
    final class Statuses {
        var refused: [String] = []
    }

    public static func push(target: StateTarget, remote: String, commit: ObjectID, previous: ObjectID?) throws(StateError) {
        let repository = try GitRepository.open(target.location)
        do {
            try send(repository, branch: target.branch, remote: remote)
        } catch {
            // Undo the local move only if nobody moved the branch since.
            if let previous {
                _ = try? repository.compareAndSwap(branch: target.branch, to: previous, expected: commit, message: "ttlc apply: push refused")
            } else {
                git_reference_remove(repository.handle, "refs/heads/" + target.branch)
            }
            throw error
        }
    }

    private static func send(_ repository: GitRepository, branch: String, remote: String) throws(StateError) {
        var handle: OpaquePointer?
        if git_remote_lookup(&handle, repository.handle, remote) != 0 {
            guard git_remote_create_anonymous(&handle, repository.handle, remote) == 0 else {
                throw StateError.pushRefused("no remote \(remote): \(GitRepository.lastError())")
            }
        }
        defer { git_remote_free(handle) }
        var options = git_push_options()
        git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
        let statuses = Statuses()
        options.callbacks.payload = Unmanaged.passUnretained(statuses).toOpaque()
        options.callbacks.push_update_reference = { name, status, payload in
            guard let status, let payload else { return 0 }
            let collected = Unmanaged<Statuses>.fromOpaque(payload).takeUnretainedValue()
            collected.refused.append("\(name.map { String(cString: $0) } ?? "?"): \(String(cString: status))")
            return 0
        }
        let refspec = "refs/heads/\(branch):refs/heads/\(branch)"
        let code = refspec.withCString { spec -> Int32 in
            var pointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(mutating: spec)
            return withUnsafeMutablePointer(to: &pointer) { strings in
                var array = git_strarray(strings: strings, count: 1)
                return git_remote_push(handle, &array, &options)
            }
        }
        guard code == 0 else { throw StateError.pushRefused("\(remote): \(GitRepository.lastError())") }
        if !statuses.refused.isEmpty { throw StateError.pushRefused("\(remote) refused " + statuses.refused.joined(separator: "; ")) }
    }
}
