import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bound UDP socket for `ttlc run --listen udp://HOST:PORT`: each datagram is one signal in the
/// core's big-endian wire form (header, then payload).
public final class UDPListener: @unchecked Sendable {
    let descriptor: Int32
    /// The bound address as "host:port" (the port the system chose when asked for 0).
    public let address: String

    public struct OpenError: Error, CustomStringConvertible {
        public var description: String
    }

    /// url: `udp://127.0.0.1:9000` or `udp://[::1]:9000`.
    public init(url: String) throws(OpenError) {
        guard url.hasPrefix("udp://") else { throw OpenError(description: "\(url) is not a udp://HOST:PORT address") }
        let rest = url.dropFirst(6)
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = rest[rest.index(after: rest.startIndex)..<close]
            guard rest[rest.index(after: close)...].hasPrefix(":") else { throw OpenError(description: "\(url): no port") }
            portText = rest[rest.index(close, offsetBy: 2)...]
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            throw OpenError(description: "\(url): no port")
        }
        guard let port = UInt16(portText) else { throw OpenError(description: "\(url): the port is not 0-65535") }
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if inet_pton(AF_INET, String(host), &storage) == 1 {
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = port.bigEndian
            inet_pton(AF_INET, String(host), &sin.sin_addr)
            withUnsafeBytes(of: sin) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        } else {
            var sin6 = sockaddr_in6()
            guard inet_pton(AF_INET6, String(host), &sin6.sin6_addr) == 1 else { throw OpenError(description: "\(url): \(host) is not an IPv4 or IPv6 address") }
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = port.bigEndian
            withUnsafeBytes(of: sin6) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        }
        let fd = socket(family, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw OpenError(description: "socket: \(String(cString: strerror(errno)))") }
        // A large receive buffer: bursts wait in the kernel rather than being dropped.
        var size: Int32 = 8 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw OpenError(description: "cannot bind \(url): \(message)")
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) } }
        let actualPort = withUnsafeBytes(of: actual) { raw in UInt16(raw[2]) << 8 | UInt16(raw[3]) }
        descriptor = fd
        address = family == AF_INET ? "\(host):\(actualPort)" : "[\(host)]:\(actualPort)"
    }

    deinit { close(descriptor) }

    /// Waits up to `timeout` seconds (nil: forever) for a datagram; returns its size, or nil on
    /// timeout. A datagram longer than the buffer is cut to it (and then fails decoding).
    func receive(into buffer: UnsafeMutableRawBufferPointer, timeout: Double?) -> Int? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            // Milliseconds rounded up: a timeout under half a millisecond became 0, a poll that
            // returns at once, and the run stopped before any datagram could come.
            let ready = poll(&poller, 1, timeout.map { Int32(($0 * 1000).rounded(.up)) } ?? -1)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return nil }
            let n = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return nil
            }
            return n
        }
    }
}
