#if canImport(Glibc)
    import Glibc
#endif

/// The whole of an input file, or of standard input for "-", read with plain POSIX calls: a
/// pipe, a FIFO, `/dev/stdin` or a process substitution (`<(…)`) is read like a file (Foundation
/// refused those as "no permission"), and a standard input that cannot be read is an error
/// (Foundation's `readDataToEndOfFile` trapped on it).
enum InputBytes {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let name = path == "-" ? "standard input" : path
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot read \(name): \(String(cString: strerror(errno)))") }
        defer { if descriptor != 0 { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read \(name): \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: chunk[0..<count])
            // Large inputs: grow the chunk so that a file of a gigabyte is not read 64 KiB a call.
            if chunk.count < 1 << 22, bytes.count >= chunk.count * 4 { chunk = [UInt8](repeating: 0, count: chunk.count * 4) }
        }
    }
}
