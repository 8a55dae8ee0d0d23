import Foundation
import XCTest

@testable import Planner

/// The apply lock's takeover of a dead owner's lock, raced by two takers held at the point where
/// both have found the owner dead.
final class ApplyLockTests: XCTestCase {
    /// What a taker thread ended with.
    private final class Outcome: @unchecked Sendable {
        private let guardLock = NSLock()
        private var value: Result<ApplyLock, StateError>?
        func set(_ result: Result<ApplyLock, StateError>) { guardLock.withLock { value = result } }
        var result: Result<ApplyLock, StateError>? { guardLock.withLock { value } }
    }

    /// A git directory (only what the lock touches) whose apply lock names a process that exited.
    private func stateWithADeadOwnersLock() throws -> (gitDirectory: String, dead: Int32) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("applylock-\(UUID().uuidString)").path + "/"
        try FileManager.default.createDirectory(atPath: dir + "refs/heads", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        try "\(exited.processIdentifier)\n".write(toFile: dir + "ttlc-apply.lock", atomically: true, encoding: .utf8)
        try "".write(toFile: dir + "refs/heads/main.lock", atomically: true, encoding: .utf8)
        return (dir, exited.processIdentifier)
    }

    /// Starts a taker that stops where it has found the owner dead until `go` is signalled.
    private func taker(_ dir: String, arrived: DispatchSemaphore, go: DispatchSemaphore, done: DispatchSemaphore) -> Outcome {
        let outcome = Outcome()
        Thread.detachNewThread {
            do throws(StateError) {
                let lock = try ApplyLock.acquire(gitDirectory: dir, branch: "main", wait: 0.5, beforeTakeover: {
                    arrived.signal()
                    go.wait()
                })
                outcome.set(.success(lock))
            } catch {
                outcome.set(.failure(error))
            }
            done.signal()
        }
        return outcome
    }

    func testOfTwoTakersOfADeadOwnersLockOnlyTheFirstHoldsIt() throws {
        let (dir, dead) = try stateWithADeadOwnersLock()
        let (arrivedA, goA, doneA) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let (arrivedB, goB, doneB) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let a = taker(dir, arrived: arrivedA, go: goA, done: doneA)
        let b = taker(dir, arrived: arrivedB, go: goB, done: doneB)
        // Both have read the dead owner's pid from the lock.
        XCTAssertEqual(arrivedA.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(arrivedB.wait(timeout: .now() + 10), .success)
        // A takes the lock over; then B goes on from where it stood.
        goA.signal()
        XCTAssertEqual(doneA.wait(timeout: .now() + 10), .success)
        guard case .success(let held)? = a.result else { return XCTFail("the first taker did not get the lock: \(String(describing: a.result))") }
        XCTAssertEqual(try String(contentsOfFile: dir + "ttlc-apply.lock", encoding: .utf8), "\(getpid())\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "refs/heads/main.lock"), "the dead owner's ref lock goes with its lock")
        goB.signal()
        XCTAssertEqual(doneB.wait(timeout: .now() + 10), .success)
        switch b.result {
        case .failure(.locked(let path, let owner))?:
            XCTAssertEqual(path, dir + "ttlc-apply.lock")
            XCTAssertEqual(owner, "process \(getpid())")
        default:
            XCTFail("the second taker must wait for the first, not take its lock: \(String(describing: b.result))")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "ttlc-apply.lock"), "the first taker's lock is still there")
        XCTAssertNotEqual(dead, getpid())
        held.release()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "ttlc-apply.lock"))
        // Neither taker's pid file is left.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(left, [])
    }

    /// A git directory (only what the lock touches) holding an apply lock with `contents` (empty
    /// by default) last written `age` seconds ago, and a reference lock.
    private func stateWithAnEmptyLock(age: Double, contents: String = "") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("applylock-\(UUID().uuidString)").path + "/"
        try FileManager.default.createDirectory(atPath: dir + "refs/heads", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertTrue(FileManager.default.createFile(atPath: dir + "ttlc-apply.lock", contents: Data(contents.utf8)))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: dir + "ttlc-apply.lock")
        try "".write(toFile: dir + "refs/heads/main.lock", atomically: true, encoding: .utf8)
        return dir
    }

    /// An apply killed between creating its lock and writing its pid (a ttlc before the lock
    /// was written whole, or a filesystem without hard links) left it empty: once it has stayed
    /// empty longer than any write takes, it is taken over. The reference lock is not the dead
    /// apply's (it never got past its lock), so it stays.
    func testAnEmptyLockLeftLongAgoIsTakenOver() throws {
        let dir = try stateWithAnEmptyLock(age: ApplyLock.unownedLockAge + 50)
        let held = try ApplyLock.acquire(gitDirectory: dir, branch: "main", wait: 0.2)
        XCTAssertEqual(try String(contentsOfFile: dir + "ttlc-apply.lock", encoding: .utf8), "\(getpid())\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "refs/heads/main.lock"))
        held.release()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "ttlc-apply.lock"))
    }

    /// A lock holding no pid (0, -1, garbage: nothing a ttlc writes) is taken over the same way
    /// once old; `-1` was once taken for a live process's for ever.
    func testALockHoldingNoPidLeftLongAgoIsTakenOver() throws {
        for contents in ["0\n", "-1\n", "not a pid"] {
            let dir = try stateWithAnEmptyLock(age: ApplyLock.unownedLockAge + 50, contents: contents)
            let held = try ApplyLock.acquire(gitDirectory: dir, branch: "main", wait: 0.2)
            XCTAssertEqual(try String(contentsOfFile: dir + "ttlc-apply.lock", encoding: .utf8), "\(getpid())\n", contents)
            held.release()
        }
    }

    /// A lock that is a folder is not a file any ttlc wrote: never removed, named in the error.
    func testALockThatIsAFolderIsNamedNotRemoved() throws {
        let dir = try stateWithAnEmptyLock(age: 0)
        try FileManager.default.removeItem(atPath: dir + "ttlc-apply.lock")
        try FileManager.default.createDirectory(atPath: dir + "ttlc-apply.lock", withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-100)], ofItemAtPath: dir + "ttlc-apply.lock")
        do {
            let held = try ApplyLock.acquire(gitDirectory: dir, branch: "main", wait: 0.2)
            held.release()
            XCTFail("a folder was taken for a lock")
        } catch .locked(_, let owner) {
            XCTAssertEqual(owner, "an unreadable lock file")
        }
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "ttlc-apply.lock", isDirectory: &isFolder) && isFolder.boolValue)
    }

    /// An empty lock written a moment ago may be a live apply's between its create and its
    /// write: it is waited for, then named in the error, and left in place.
    func testAFreshEmptyLockIsWaitedForNotTakenOver() throws {
        let dir = try stateWithAnEmptyLock(age: 0)
        do {
            let held = try ApplyLock.acquire(gitDirectory: dir, branch: "main", wait: 0.2)
            held.release()
            XCTFail("a fresh empty lock was taken over")
        } catch .locked(let path, let owner) {
            XCTAssertEqual(path, dir + "ttlc-apply.lock")
            XCTAssertEqual(owner, "an unreadable lock file")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "ttlc-apply.lock")), Data())
    }
}
