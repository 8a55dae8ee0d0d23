/// Reference resolution per RFC 3986 §5.2, including removal of dot segments (§5.2.4),
/// which serd 0.30 leaves out. Works on bytes: IRIs are compared and stored as UTF-8.
public enum IRIResolution {
    /// The five components of a URI reference (§3); absent components are nil.
    struct Parts {
        var scheme: ArraySlice<UInt8>?
        var authority: ArraySlice<UInt8>?
        var path: ArraySlice<UInt8>
        var query: ArraySlice<UInt8>?
        var fragment: ArraySlice<UInt8>?
    }

    /// True when the reference starts with a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
    public static func hasScheme(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first, isAlpha(first) else { return false }
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: ":") { return true }
            if !(isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")) {
                return false
            }
        }
        return false
    }

    /// Resolves `reference` against the absolute `base` (§5.2.2, strict).
    public static func resolve(_ reference: [UInt8], against base: [UInt8]) -> [UInt8] {
        let r = parse(reference)
        var target = Parts(path: [])
        if r.scheme != nil {
            target = r
            target.path = removeDotSegments(r.path)
        } else {
            let b = parse(base)
            target.scheme = b.scheme
            if r.authority != nil {
                target.authority = r.authority
                target.path = removeDotSegments(r.path)
                target.query = r.query
            } else {
                target.authority = b.authority
                if r.path.isEmpty {
                    target.path = b.path
                    target.query = r.query ?? b.query
                } else {
                    if r.path.first == UInt8(ascii: "/") {
                        target.path = removeDotSegments(r.path)
                    } else {
                        target.path = removeDotSegments(merge(base: b, path: r.path))
                    }
                    target.query = r.query
                }
            }
            target.fragment = r.fragment
        }
        if r.scheme == nil { target.fragment = r.fragment }
        return recompose(target)
    }

    static func parse(_ bytes: [UInt8]) -> Parts {
        var index = bytes.startIndex
        var parts = Parts(path: [])
        // scheme
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            bytes.withUnsafeBytes({ hasScheme(UnsafeRawBufferPointer(rebasing: $0[..<(colon + 1)])) })
        {
            parts.scheme = bytes[..<colon]
            index = colon + 1
        }
        // authority
        if index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
            let start = index + 2
            var end = start
            while end < bytes.endIndex, !isOneOf(bytes[end], "/?#") { end += 1 }
            parts.authority = bytes[start..<end]
            index = end
        }
        var end = index
        while end < bytes.endIndex, !isOneOf(bytes[end], "?#") { end += 1 }
        parts.path = bytes[index..<end]
        index = end
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "?") {
            var qEnd = index + 1
            while qEnd < bytes.endIndex, bytes[qEnd] != UInt8(ascii: "#") { qEnd += 1 }
            parts.query = bytes[(index + 1)..<qEnd]
            index = qEnd
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "#") {
            parts.fragment = bytes[(index + 1)...]
        }
        return parts
    }

    /// §5.2.3
    static func merge(base: Parts, path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if base.authority != nil, base.path.isEmpty {
            return ArraySlice([UInt8(ascii: "/")] + path)
        }
        if let slash = base.path.lastIndex(of: UInt8(ascii: "/")) {
            return ArraySlice(Array(base.path[...slash]) + path)
        }
        return path
    }

    /// §5.2.4, written over segments rather than the RFC's string-rewriting loop.
    static func removeDotSegments(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let dot = UInt8(ascii: "."), slash = UInt8(ascii: "/")
        // Fast path: nothing to remove.
        var hasDot = false
        for (offset, byte) in zip(path.indices, path) where byte == dot {
            if offset == path.startIndex || path[offset - 1] == slash { hasDot = true; break }
        }
        if !hasDot { return path }

        let absolute = path.first == slash
        var segments = path.split(separator: slash, omittingEmptySubsequences: false)
        if absolute { segments.removeFirst() }
        var output: [ArraySlice<UInt8>] = []
        var trailingSlash = false
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            if segment.elementsEqual([dot]) {
                trailingSlash = isLast
            } else if segment.elementsEqual([dot, dot]) {
                if !output.isEmpty { output.removeLast() }
                trailingSlash = isLast
            } else {
                output.append(segment)
                trailingSlash = false
            }
        }
        var result: [UInt8] = absolute ? [slash] : []
        for (position, segment) in output.enumerated() {
            if position > 0 { result.append(slash) }
            result.append(contentsOf: segment)
        }
        if trailingSlash, result.last != slash { result.append(slash) }
        return ArraySlice(result)
    }

    static func recompose(_ parts: Parts) -> [UInt8] {
        var out: [UInt8] = []
        if let scheme = parts.scheme {
            out.append(contentsOf: scheme)
            out.append(UInt8(ascii: ":"))
        }
        if let authority = parts.authority {
            out.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: "/")])
            out.append(contentsOf: authority)
        }
        out.append(contentsOf: parts.path)
        if let query = parts.query {
            out.append(UInt8(ascii: "?"))
            out.append(contentsOf: query)
        }
        if let fragment = parts.fragment {
            out.append(UInt8(ascii: "#"))
            out.append(contentsOf: fragment)
        }
        return out
    }

    private static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isOneOf(_ b: UInt8, _ set: StaticString) -> Bool {
        set.withUTF8Buffer { $0.contains(b) }
    }
}
