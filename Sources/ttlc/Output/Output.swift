#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// Writes bytes to a file descriptor; the only place ttlc's bytes leave the process.
struct Output {
    let descriptor: Int32

    static let standardOutput = Output(descriptor: 1)
    static let standardError = Output(descriptor: 2)

    /// The errno of the first write that failed (0: none). Output that could not be written
    /// (a full disk, a closed descriptor) must not end in exit 0: `TTLC.main` reads this.
    static let firstFailure = Atomic<Int32>(0)

    func write(_ bytes: [UInt8]) {
        let failure = Self.writeAll(bytes, to: descriptor)
        if failure != 0 { _ = Self.firstFailure.compareExchange(expected: 0, desired: failure, ordering: .relaxed) }
    }

    /// All of `bytes` to a descriptor, through short writes and interruptions: 0, or the errno
    /// of the write that failed.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return 0
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    var isTerminal: Bool { isatty(descriptor) == 1 }
}

/// Peak memory of this process, for `--stats`.
enum ResourceUsage {
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
