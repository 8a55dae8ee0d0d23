import COpenSSL
import CSodium

/// SHA-256 through OpenSSL's libcrypto (the inventory's file digests, plan and spec digests),
/// with libsodium's portable code when libcrypto cannot serve it (a provider that does not
/// load under an odd OPENSSL_CONF): the same digest, only slower.
public enum Digest {
    /// Fetched once: an implicit fetch on every call costs a provider lookup. An EVP_MD is
    /// immutable once fetched, so every thread may use it.
    private nonisolated(unsafe) static let sha256 = EVP_MD_fetch(nil, "SHA256", nil)

    /// Fetches the implementation now: OpenSSL 3 finds it among its providers on first use (some
    /// 5 million instructions, loading its configuration), which a build otherwise pays in its
    /// inventory, on its last step. For a caller with a core to spare before the first digest.
    public static func prepare() { _ = sha256 }

    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { input in
            if sha256 == nil || EVP_Digest(input.baseAddress, input.count, &digest, nil, sha256, nil) != 1 {
                _ = crypto_hash_sha256(&digest, input.baseAddress, UInt64(input.count))
            }
        }
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
