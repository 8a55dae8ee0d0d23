import Crypto

/// SHA-256 (the inventory's file digests, plan and spec digests) through swift-crypto: BoringSSL
/// compiled into the binary, with the CPU's SHA extensions where present (about 0.6 ms a MiB
/// here, several times libsodium's portable code). OpenSSL's libcrypto did the same once
/// loaded, but loading it and finding its SHA-256 cost some 2.4 ms of every build's start.
public enum Digest {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(2 * SHA256.byteCount)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
