import Dispatch

/// Hands a large value that is no longer needed to another thread to be freed there. Freeing
/// tens of thousands of objects is a pass on one core; done on the way from one phase to the
/// next it kept the other core waiting (at 10,000 services the emitters' shared context took
/// 25 ms to free, one core idle).
public enum FreedElsewhere {
    private final class Holder<Value>: @unchecked Sendable {
        // Set once here, emptied once on the freeing thread.
        var value: Value?
        init(_ value: Value) { self.value = value }
    }

    /// `value` must be the last reference to what it holds (consumed here): otherwise the
    /// caller's reference frees it where it is released, which is merely the old cost.
    public static func free<Value>(_ value: consuming Value) {
        let holder = Holder(value)
        DispatchQueue.global(qos: .utility).async { holder.value = nil }
    }
}
