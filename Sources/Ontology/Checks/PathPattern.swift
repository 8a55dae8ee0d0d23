import Foundation

/// An HTTP rule's path is a regular expression Cilium's agent compiles with Go's regexp
/// (RE2 syntax). One that does not compile, or that uses what RE2 leaves out (lookaround,
/// backreferences, possessive or atomic groups, ICU's own escapes), made a policy the agent
/// refuses while every schema passed it.
///
/// A scan over RE2's syntax finds what RE2 lacks and rewrites the few RE2 spellings ICU reads
/// otherwise (`\pL`, `(?P<n>`, the `U` flag, octal escapes, a `{` that starts no repetition);
/// ICU (NSRegularExpression) then finds the errors both share (unbalanced brackets or
/// parentheses, a quantifier with nothing to repeat).
enum PathPattern {
    /// Why `pattern` is no RE2 expression, or nil.
    static func problem(_ pattern: String) -> String? {
        switch translated(pattern) {
        case .failure(let why): return why.text
        case .success(let icu):
            do {
                _ = try NSRegularExpression(pattern: icu)
            } catch {
                return "it is no valid regular expression (unbalanced brackets or parentheses, or a misplaced quantifier)"
            }
            return nil
        }
    }

    struct Refusal: Error { let text: String }

    private static let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// The pattern as ICU reads the same expression, or what RE2 does not have.
    static func translated(_ pattern: String) -> Result<String, Refusal> {
        let chars = Array(pattern)
        var out = ""
        var index = 0
        var inClass = false
        func refuse(_ why: String) -> Result<String, Refusal> { .failure(Refusal(text: why)) }
        while index < chars.count {
            let c = chars[index]
            if c == "\\" {
                guard index + 1 < chars.count else { return refuse("it ends in a lone backslash") }
                let next = chars[index + 1]
                if next == "Q" {
                    // Quoted text up to \E (or the end): literal, ICU reads it alike.
                    var end = index + 2
                    while end < chars.count, !(chars[end] == "\\" && end + 1 < chars.count && chars[end + 1] == "E") { end += 1 }
                    let closing = min(end + 2, chars.count)
                    out += String(chars[index..<closing])
                    index = closing
                    continue
                }
                if let digit = next.wholeNumberValue, next.isASCII {
                    // Octal: \0 and up to two more octal digits, or \1-\7 with more octal digits;
                    // a lone \1-\9 is a backreference.
                    var end = index + 2
                    while end < chars.count, end < index + 4, let d = chars[end].wholeNumberValue, chars[end].isASCII, d < 8 { end += 1 }
                    if digit >= 8 || (digit != 0 && end == index + 2) { return refuse("a backreference (\\\(next)), which RE2 does not have") }
                    let value = Int(String(chars[(index + 1)..<end]), radix: 8) ?? 0
                    out += "\\x{\(String(value, radix: 16))}"
                    index = end
                    continue
                }
                if next == "x", index + 2 < chars.count, chars[index + 2] == "{" {
                    guard let close = chars[(index + 2)...].firstIndex(of: "}") else { return refuse("\\x{ is not closed") }
                    out += String(chars[index...close])
                    index = close + 1
                    continue
                }
                if next == "p" || next == "P" {
                    if index + 2 < chars.count, chars[index + 2] == "{" {
                        guard let close = chars[(index + 2)...].firstIndex(of: "}") else { return refuse("\\\(next){ is not closed") }
                        out += String(chars[index...close])
                        index = close + 1
                    } else {
                        guard index + 2 < chars.count, letters.contains(chars[index + 2]) else { return refuse("\\\(next) names no class") }
                        out += "\\\(next){\(chars[index + 2])}"
                        index += 3
                    }
                    continue
                }
                if letters.contains(next) {
                    let allowed: Set<Character> = inClass ? Set("aftnrvxdDsSwW") : Set("aftnrvxAzbBdDsSwW")
                    guard allowed.contains(next) else { return refuse("the escape \\\(next), which RE2 does not have") }
                } else if !next.isASCII {
                    return refuse("the escape \\\(next), which RE2 does not have")
                }
                out += "\\\(next)"
                index += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                if c == "[", index + 1 < chars.count, chars[index + 1] == ":", let close = chars[index...].firstIndex(of: "]") {
                    // [:alpha:] and the like: as they stand.
                    out += String(chars[index...close])
                    index = close + 1
                    continue
                }
                out.append(c)
                index += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                out.append(c)
                index += 1
                // `[]…]` and `[^]…]` start with a literal ].
                if index < chars.count, chars[index] == "^" { out.append("^"); index += 1 }
                if index < chars.count, chars[index] == "]" { out += "\\]"; index += 1 }
            case "(" where index + 1 < chars.count && chars[index + 1] == "?":
                let rest = String(chars[(index + 2)...])
                if rest.hasPrefix("P<") || (rest.hasPrefix("<") && !rest.hasPrefix("<=") && !rest.hasPrefix("<!")) {
                    let skip = rest.hasPrefix("P<") ? 3 : 2
                    out += "(?<"
                    index += 2 + skip
                    continue
                }
                // Flags: [imsU]*(-[imsU]+)? then : or ).
                var end = index + 2
                while end < chars.count, "imsU-".contains(chars[end]) { end += 1 }
                guard end < chars.count, chars[end] == ":" || chars[end] == ")" else {
                    let kind = rest.hasPrefix("=") || rest.hasPrefix("!") ? "a lookahead" : rest.hasPrefix("<") ? "a lookbehind" : rest.hasPrefix(">") ? "an atomic group" : "a group"
                    return refuse("\(kind) (\(String(chars[index..<min(index + 3, chars.count)]))…), which RE2 does not have")
                }
                // ICU has no U (ungreedy) flag; an empty flag group is a plain group to it.
                var flags = String(chars[(index + 2)..<end]).replacingOccurrences(of: "U", with: "")
                if flags.hasSuffix("-") { flags.removeLast() }
                out += flags.isEmpty ? (chars[end] == ":" ? "(?:" : "(?:)") : "(?\(flags)\(chars[end])"
                index = end + 1
            case "{":
                // A repetition {n}, {n,} or {n,m} (at most 1000); any other { is a literal.
                var end = index + 1
                while end < chars.count, chars[end] != "}", chars[end] != "{" { end += 1 }
                let body = end < chars.count && chars[end] == "}" ? String(chars[(index + 1)..<end]) : ""
                let bounds = body.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
                let numeric = !body.isEmpty && bounds.count <= 2 && bounds[0].allSatisfy(\.isASCII) && !bounds[0].isEmpty
                    && bounds.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
                if numeric {
                    if bounds.contains(where: { (Int($0) ?? 0) > 1000 }) { return refuse("a repetition count over 1000, which RE2 refuses") }
                    out += "{" + body + "}"
                    index = end + 1
                    if index < chars.count, chars[index] == "+" { return refuse("a possessive quantifier, which RE2 does not have") }
                } else {
                    out += "\\{"
                    index += 1
                }
            case "*", "+", "?":
                out.append(c)
                index += 1
                if index < chars.count, chars[index] == "+" { return refuse("a possessive quantifier, which RE2 does not have") }
            case "}":
                // Literal to RE2 when it closes no repetition; ICU wants it escaped.
                out += "\\}"
                index += 1
            default:
                out.append(c)
                index += 1
            }
        }
        return .success(out)
    }
}
