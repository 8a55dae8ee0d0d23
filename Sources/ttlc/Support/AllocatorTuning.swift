import CAllocator

/// How glibc's allocator serves this process: a command that runs for seconds and then exits,
/// allocating hundreds of megabytes on every core (a 10,000-service build peaks at 460 MB).
///
/// By default glibc gives memory back to the system as soon as 128 KiB are free at the top of
/// a heap, grows a heap by no more than each request, and serves large blocks (from 128 KiB,
/// raised as such blocks are freed) from fresh mappings unmapped on free. Each of those
/// becomes page faults on memory the build just had: every freed-then-needed page is zeroed by
/// the kernel again. Keeping freed memory, growing in 64 MiB steps and keeping blocks up to
/// 32 MiB in the heaps cut a 10,000-service build's page faults from 144,000 to 133,000 and
/// its CPU time by about 3 % (alternated runs; docs/performance-history.md).
enum AllocatorTuning {
    static let trimThreshold: UInt = 1 << 30
    static let topPad: UInt = 64 << 20
    static let mmapThreshold: UInt = 32 << 20

    /// True when the C library took the settings (glibc does; another libc keeps its own).
    @discardableResult
    static func apply() -> Bool {
        ttlc_allocator_tune(trimThreshold, topPad, mmapThreshold) == 1
    }
}
