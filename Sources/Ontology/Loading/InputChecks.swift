/// Checks every front end applies before parsing: size and encoding.
enum InputChecks {
    static func check(_ file: SourceFile) -> Diagnostic? {
        if file.bytes.count >= Int(UInt32.max) {
            return Diagnostic(.inputTooLarge, "file is larger than 4 GiB", at: SourceLocation(file: file.path, line: 1, column: 1))
        }
        let bad = file.bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset($0) }
        if let bad {
            let byte = String(file.bytes[bad], radix: 16, uppercase: true)
            return Diagnostic(.inputEncoding, "file is not valid UTF-8 (byte 0x\(byte))", at: file.location(at: bad))
        }
        return nil
    }
}
