#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole files with POSIX calls, so that a failure carries the system's own reason.
public enum FileReader {
    public static func read(_ path: String) -> Result<SourceFile, Diagnostic> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(unreadable(path, errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(unreadable(path, errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(unreadable(path, EISDIR)) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(unreadable(path, errno))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return .success(SourceFile(path: path, bytes: bytes))
    }

    /// `file://` IRI of a path, the default base for resolving relative IRIs in it.
    public static func fileIRI(_ path: String) -> String {
        var out = "file://"
        for byte in absolute(path).utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `path` against the working folder when it is relative (as given when the working folder
    /// cannot be read); nothing else about it changes.
    public static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let length = buffer.firstIndex(of: 0) ?? 0
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
    }

    private static func unreadable(_ path: String, _ code: Int32) -> Diagnostic {
        let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return Diagnostic(.inputUnreadable, "cannot read '\(path)': \(reason)", at: nil)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
