/// A line diff for files that are not Kubernetes objects (bird.conf, rules.c): the common head
/// and tail are cut off, the middle is aligned by longest common subsequence, and the result is
/// printed as unified-diff lines with `@@ -a +b @@` headers and one line of context.
public enum LineDiff {
    public static func lines(_ before: [UInt8], _ after: [UInt8]) -> [String] {
        let old = split(before)
        let new = split(after)
        var start = 0
        while start < old.count, start < new.count, old[start] == new[start] { start += 1 }
        var endOld = old.count
        var endNew = new.count
        while endOld > start, endNew > start, old[endOld - 1] == new[endNew - 1] {
            endOld -= 1
            endNew -= 1
        }
        if start == endOld, start == endNew { return [] }
        let a = Array(old[start..<endOld])
        let b = Array(new[start..<endNew])
        var body: [String] = []
        if start > 0 { body.append(" " + old[start - 1]) }
        body += align(a, b)
        if endOld < old.count { body.append(" " + old[endOld]) }
        // Unified-diff header: 1-based first line of the hunk (context included) and its length.
        let before = start > 0 ? 1 : 0
        let after = endOld < old.count ? 1 : 0
        let first = start - before + 1
        return ["@@ -\(first),\(endOld - start + before + after) +\(first),\(endNew - start + before + after) @@"] + body
    }

    private static func split(_ bytes: [UInt8]) -> [String] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func align(_ a: [String], _ b: [String]) -> [String] {
        SequenceAlignment.steps(a, b).map { step in
            switch step {
            case .same(let old, _): " " + a[old]
            case .removed(let old): "-" + a[old]
            case .added(let new): "+" + b[new]
            }
        }
    }
}
