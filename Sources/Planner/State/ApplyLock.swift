import Foundation

/// `ttlc-apply.lock` in the git directory: one apply at a time per state. It holds the pid of
/// its owner. A lock whose process is gone (an apply killed with SIGKILL) is taken over, and
/// with it any reference lock that process left; a live owner is waited for a few seconds,
/// then named in the error with the remedy.
///
/// Taking over is done under an exclusive `flock` of the git directory and only while the lock
/// still names the dead owner: two applies that both found it dead would otherwise both remove
/// "its" lock, the second removing the first's fresh one (and the reference lock of its commit),
/// and both would go on as the owner.
///
/// The lock appears with its pid already in it: the pid is written to a file of this process's
/// own, which is then hard-linked to the lock's name (link fails when the name exists, so the
/// take stays exclusive). Created empty and written after, a lock killed in between was empty
/// for ever, and every later apply stopped at it. Such a lock (left by a ttlc before the fix, or
/// on a filesystem without hard links), or one holding anything but a pid (0, -1, garbage: no
/// ttlc writes those), is taken over once it has stayed so for `unownedLockAge` seconds: no
/// live apply leaves its lock without its pid longer than one write takes. A lock that is not
/// a regular file (a folder, a link) is never removed: it is named in the error.
public final class ApplyLock {
    public let path: String
    /// How long a lock must have stayed without a pid to count as left by a dead apply.
    static let unownedLockAge: Double = 10
    private var held = false

    private init(path: String) { self.path = path }

    public static func acquire(gitDirectory: String, branch: String, wait seconds: Double = 5) throws(StateError) -> ApplyLock {
        try acquire(gitDirectory: gitDirectory, branch: branch, wait: seconds, beforeTakeover: {})
    }

    /// `acquire`, calling `beforeTakeover` each time it has found the lock's owner dead and is
    /// about to take the lock over (tests hold two takers there to make them race).
    static func acquire(gitDirectory: String, branch: String, wait seconds: Double, beforeTakeover: () -> Void) throws(StateError) -> ApplyLock {
        let lock = ApplyLock(path: gitDirectory + "ttlc-apply.lock")
        let deadline = Date().addingTimeInterval(seconds)
        let own = try ownFile(lock.path)
        defer { unlink(own) }
        while true {
            var taken = link(own, lock.path) == 0
            var error = errno
            if !taken, error == EPERM || error == EOPNOTSUPP || error == ENOTSUP {
                // A filesystem without hard links: created exclusively, then written (a kill in
                // between leaves it empty).
                error = writePid(to: lock.path, exclusive: true)
                taken = error == 0
            }
            if taken {
                lock.held = true
                removeStrayFiles(of: lock.path, in: gitDirectory)
                return lock
            }
            guard error == EEXIST else {
                throw StateError.io("cannot lock the state at \(lock.path): \(String(cString: strerror(error)))")
            }
            let owner = readOwner(lock.path)
            if let owner, owner > 0, kill(owner, 0) != 0, errno == ESRCH {
                beforeTakeover()
                try takeOver(lock.path, from: owner, gitDirectory: gitDirectory, branch: branch)
                continue
            }
            if owner.map({ $0 <= 0 }) ?? true, let inode = unownedAndStale(lock.path) {
                beforeTakeover()
                try takeOverUnowned(lock.path, inode: inode, gitDirectory: gitDirectory)
                continue
            }
            if Date() >= deadline {
                throw StateError.locked(path: lock.path, owner: owner.flatMap { $0 > 0 ? "process \($0)" : nil } ?? "an unreadable lock file")
            }
            usleep(50_000)
        }
    }

    /// The pid in the lock file, if it holds one.
    private static func readOwner(_ lock: String) -> Int32? {
        (try? String(contentsOfFile: lock, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Removes the lock of `dead`, which died mid-apply, if it is still that process's: under the
    /// git directory's flock, so that of two takers the second sees the first's lock and leaves it. The
    /// dead owner's commit objects are harmless; a ref lock it may have left would block every
    /// later apply, so it goes with the apply lock.
    private static func takeOver(_ lock: String, from dead: Int32, gitDirectory: String, branch: String) throws(StateError) {
        try underDirectoryLock(lock, gitDirectory: gitDirectory) {
            guard readOwner(lock) == dead else { return }
            unlink(gitDirectory + "refs/heads/" + branch + ".lock")
            unlink(lock)
        }
    }

    /// The inode of the lock when it is a regular file without a pid in it (empty, 0, -1,
    /// garbage) last written `unownedLockAge` seconds ago or more; nil otherwise (a lock with a
    /// pid, a fresh one, one that is not a regular file, or none).
    private static func unownedAndStale(_ lock: String) -> UInt? {
        var info = stat()
        guard lstat(lock, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        if let owner = readOwner(lock), owner > 0 { return nil }
        let age = Date().timeIntervalSince1970 - (Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        return age >= unownedLockAge ? UInt(info.st_ino) : nil
    }

    /// Removes a lock without a pid found stale, if it is still that file and still without one
    /// (another taker may have replaced it in between). Its apply never wrote its pid, so it got
    /// no further than the lock: there is no reference lock of its to remove.
    private static func takeOverUnowned(_ lock: String, inode: UInt, gitDirectory: String) throws(StateError) {
        try underDirectoryLock(lock, gitDirectory: gitDirectory) {
            guard unownedAndStale(lock) == inode else { return }
            unlink(lock)
        }
    }

    /// Runs `body` holding an exclusive flock of the git directory (released when the
    /// descriptor closes, or when this process dies).
    private static func underDirectoryLock(_ lock: String, gitDirectory: String, _ body: () -> Void) throws(StateError) {
        let fd = Glibc.open(gitDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StateError.io("cannot lock the state at \(lock): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StateError.io("cannot lock the state at \(lock): \(String(cString: strerror(errno)))") }
        }
        body()
    }

    /// `<lock>.<pid>.<unique>.tmp` holding this process's pid (unique: each acquire has its own,
    /// so that two in one process do not share one).
    private static func ownFile(_ lock: String) throws(StateError) -> String {
        let path = "\(lock).\(getpid()).\(UUID().uuidString).tmp"
        let error = writePid(to: path, exclusive: false)
        guard error == 0 else { throw StateError.io("cannot lock the state at \(lock): \(String(cString: strerror(error)))") }
        return path
    }

    /// Creates `path` (failing when it exists, if `exclusive`) holding this process's pid; 0, or
    /// the errno of what failed (a file left half written is removed).
    private static func writePid(to path: String, exclusive: Bool) -> Int32 {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC), 0o644)
        guard fd >= 0 else { return errno }
        let text = "\(getpid())\n"
        let written = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        let error = written == text.utf8.count ? 0 : (errno != 0 ? errno : EIO)
        close(fd)
        if error != 0 { unlink(path) }
        return error
    }

    /// The pid files of applies killed before they took the lock: those whose process is gone
    /// (an apply waiting for the lock keeps its own).
    private static func removeStrayFiles(of lock: String, in gitDirectory: String) {
        let prefix = (lock as NSString).lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: gitDirectory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            // `<pid>.tmp` from a ttlc before unique names, `<pid>.<unique>.tmp` since.
            let pid = name.dropFirst(prefix.count).dropLast(".tmp".count).split(separator: ".").first.flatMap { Int32($0) }
            if let pid, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { unlink(gitDirectory + name) }
        }
    }

    public func release() {
        guard held else { return }
        unlink(path)
        held = false
    }

    deinit { release() }
}
