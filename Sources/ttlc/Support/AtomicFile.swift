#if canImport(Glibc)
    import Glibc
#endif

/// A file written whole or not at all: into a new file beside it, then renamed over it. Plain
/// POSIX calls, so that a failure says why in the system's words ("Is a directory", "Permission
/// denied") where Foundation said "NSCocoaErrorDomain error 512".
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(Failure) {
        let temporary = path + ".ttlc-new-\(getpid())"
        func failure(_ what: String, _ code: Int32 = errno) -> Failure { Failure(description: "cannot write \(path): \(what): \(String(cString: strerror(code)))") }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create a file beside it") }
        var code = Output.writeAll(bytes, to: descriptor)
        if code == 0, fsync(descriptor) != 0 { code = errno }
        close(descriptor)
        guard code == 0 else {
            unlink(temporary)
            throw failure("while writing", code)
        }
        guard rename(temporary, path) == 0 else {
            let renameError = failure("cannot put it in place")
            unlink(temporary)
            throw renameError
        }
    }
}
