// The Swift side of the BitActor core: threads, allocation and event reading (rule-table issue).
import CRuntime

/// Namespace for the runtime.
public enum Runtime {
    /// The C core's ABI version, so callers can check they link the core they were built for.
    public static var coreVersion: Int { Int(bitactor_version()) }
}
