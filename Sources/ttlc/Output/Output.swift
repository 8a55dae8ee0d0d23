#if canImport(Glibc)
    import Glibc
#endif

/// Writes bytes to a file descriptor; the only place ttlc's bytes leave the process.
struct Output {
    let descriptor: Int32

    static let standardOutput = Output(descriptor: 1)
    static let standardError = Output(descriptor: 2)

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += n
            }
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
