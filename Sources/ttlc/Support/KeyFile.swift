import Runtime

/// A trace key file: 64 hex digits. Read through `InputBytes`, so the two ways it can fail
/// are told apart (a file that cannot be read, in the system's words; one that holds no key).
enum KeyFile {
    static func read(_ path: String) -> Result<[UInt8], InputBytes.Failure> {
        let bytes: [UInt8]
        do { bytes = try InputBytes.read(path) } catch { return .failure(error) }
        guard let key = TraceKey.parse(String(decoding: bytes, as: UTF8.self)) else {
            return .failure(InputBytes.Failure(description: "\(path) does not hold a key: 64 hex digits expected"))
        }
        return .success(key)
    }
}
