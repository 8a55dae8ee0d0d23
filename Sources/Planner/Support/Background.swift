import Dispatch
import Foundation

/// A computation started on another thread now, its value taken later (waiting if it is not
/// done). For work on one core that no step needs until later: it runs in the gaps the steps
/// between leave on the other core, instead of standing in line after them.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once, before `done` is left; read only after waiting on it.
    private var result: Value?

    /// Starts `work`; in `group` too, when one is given (for a caller that must wait for all
    /// such work before it exits, whether or not it takes the values). With `ownThread`, on a
    /// thread made for it rather than a worker of Dispatch's pool: at a process's start the pool
    /// has one worker, and a second piece of work queued then waited 1–2 ms for Dispatch to add
    /// one (in this VM), where a new thread runs within about 0.1 ms.
    public init(in group: DispatchGroup? = nil, ownThread: Bool = false, _ work: @escaping @Sendable () -> Value) {
        done.enter()
        guard ownThread else {
            DispatchQueue.global().async(group: group) {
                self.result = work()
                self.done.leave()
            }
            return
        }
        group?.enter()
        Thread {
            self.result = work()
            self.done.leave()
            group?.leave()
        }.start()
    }

    /// The computation's value, once it is done.
    public var value: Value {
        done.wait()
        return result!
    }
}
