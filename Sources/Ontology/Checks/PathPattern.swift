import Foundation

/// An HTTP rule's path is a regular expression Cilium's agent compiles with Go's regexp
/// (RE2 syntax). One that does not compile, or that uses what RE2 leaves out (lookaround,
/// backreferences, possessive or atomic groups), made a policy the agent refuses while every
/// schema passed it. ICU (NSRegularExpression) finds the syntax errors both share; the RE2
/// omissions are found by their spelling.
enum PathPattern {
    /// Why `pattern` is no RE2 expression, or nil.
    static func problem(_ pattern: String) -> String? {
        let bytes = Array(pattern.utf8)
        var index = 0
        var inClass = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if !inClass, next >= UInt8(ascii: "1"), next <= UInt8(ascii: "9") { return "a backreference (\\\(Character(UnicodeScalar(next)))), which RE2 does not have" }
                if !inClass, next == UInt8(ascii: "k") { return "a named backreference (\\k), which RE2 does not have" }
                index += 2
                continue
            }
            if inClass {
                if byte == UInt8(ascii: "]") { inClass = false }
            } else if byte == UInt8(ascii: "[") {
                inClass = true
                // `[]` and `[^]` start with a literal ].
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "]") { index += 1 }
                else if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "^"), bytes[index + 2] == UInt8(ascii: "]") { index += 2 }
            } else if byte == UInt8(ascii: "("), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") {
                let kind = bytes[index + 2]
                if kind == UInt8(ascii: "=") || kind == UInt8(ascii: "!") { return "a lookahead ((?\(Character(UnicodeScalar(kind))))), which RE2 does not have" }
                if kind == UInt8(ascii: "<"), index + 3 < bytes.count, bytes[index + 3] == UInt8(ascii: "=") || bytes[index + 3] == UInt8(ascii: "!") {
                    return "a lookbehind, which RE2 does not have"
                }
                if kind == UInt8(ascii: ">") { return "an atomic group ((?>), which RE2 does not have" }
            } else if byte == UInt8(ascii: "+"), index > 0, [UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "}")].contains(bytes[index - 1]),
                !(index > 1 && bytes[index - 2] == UInt8(ascii: "\\"))
            {
                return "a possessive quantifier, which RE2 does not have"
            }
            index += 1
        }
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            return "it is no valid regular expression (unbalanced brackets or parentheses, or a misplaced quantifier)"
        }
        return nil
    }
}
