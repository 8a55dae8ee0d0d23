/// Longest-common-subsequence alignment of two sequences: which items stay, which go, which come.
/// Shared by the line diff of plain files and the list diff of object fields.
enum SequenceAlignment {
    enum Step: Equatable {
        case same(old: Int, new: Int)
        case removed(old: Int)
        case added(new: Int)
    }

    /// Above this many cells (old × new) the sequences are not aligned: everything old is
    /// removed and everything new added (the table costs rows × columns).
    static let cellLimit = 4_000_000

    static func steps<Item: Equatable>(_ a: [Item], _ b: [Item]) -> [Step] {
        guard !a.isEmpty, !b.isEmpty, a.count * b.count <= cellLimit else {
            return a.indices.map { .removed(old: $0) } + b.indices.map { .added(new: $0) }
        }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var out: [Step] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append(.same(old: i, new: j))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                out.append(.removed(old: i))
                i += 1
            } else {
                out.append(.added(new: j))
                j += 1
            }
        }
        return out
    }
}
