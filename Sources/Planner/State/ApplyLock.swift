import Foundation

/// `ttlc-apply.lock` in the git directory: one apply at a time per state. It holds the pid of
/// its owner. A lock whose process is gone (an apply killed with SIGKILL) is taken over, and
/// with it any reference lock that process left; a live owner is waited for a few seconds,
/// then named in the error with the remedy.
public final class ApplyLock {
    public let path: String
    private var held = false

    private init(path: String) { self.path = path }

    public static func acquire(gitDirectory: String, branch: String, wait seconds: Double = 5) throws(StateError) -> ApplyLock {
        let lock = ApplyLock(path: gitDirectory + "ttlc-apply.lock")
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let fd = Glibc.open(lock.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                let text = "\(getpid())\n"
                _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
                close(fd)
                lock.held = true
                return lock
            }
            let error = errno
            guard error == EEXIST else {
                throw StateError.io("cannot lock the state at \(lock.path): \(String(cString: strerror(error)))")
            }
            let owner = (try? String(contentsOfFile: lock.path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let owner, owner > 0, kill(owner, 0) != 0, errno == ESRCH {
                // The owner died mid-apply. Its commit objects are harmless; a ref lock it may
                // have left would block every later apply, so it goes with the apply lock.
                unlink(gitDirectory + "refs/heads/" + branch + ".lock")
                unlink(lock.path)
                continue
            }
            if Date() >= deadline {
                throw StateError.locked(path: lock.path, owner: owner.map { "process \($0)" } ?? "an unreadable lock file")
            }
            usleep(50_000)
        }
    }

    public func release() {
        guard held else { return }
        unlink(path)
        held = false
    }

    deinit { release() }
}
