/// Graph isomorphism with blank nodes relabelled (RDF 1.1 Concepts §3.6).
///
/// Blank nodes are coloured by their neighbourhoods, refined until stable; nodes still sharing a
/// colour are matched by trying each candidate, and a mapping counts only when every triple maps.
/// Used to prove that a YAML spec and its Turtle twin denote the same graph.
public enum Isomorphism {
    typealias Statement = (subject: Term, predicate: Term, object: Term)

    public static func isomorphic(_ a: Graph, _ b: Graph) -> Bool {
        let left = statements(a)
        let right = statements(b)
        guard left.count == right.count else { return false }
        // Ground triples must match exactly; only blank nodes may be renamed.
        let groundLeft = Set(left.filter(isGround).map(key))
        let groundRight = Set(right.filter(isGround).map(key))
        guard groundLeft == groundRight else { return false }
        let blankLeft = left.filter { !isGround($0) }
        let blankRight = right.filter { !isGround($0) }
        guard blankLeft.count == blankRight.count else { return false }
        if blankLeft.isEmpty { return true }

        let colourLeft = refine(blankLeft, initial: [:])
        let colourRight = refine(blankRight, initial: [:])
        guard colourLeft.values.sorted() == colourRight.values.sorted() else { return false }
        var budget = 100_000
        return search(blankLeft, blankRight, colourLeft, colourRight, budget: &budget)
    }

    private static func statements(_ graph: Graph) -> [Statement] {
        graph.triples.map { graph.terms(of: $0) }
    }

    private static func isGround(_ s: Statement) -> Bool { !s.subject.isBlank && !s.object.isBlank }

    private static func key(_ s: Statement) -> [Term] { [s.subject, s.predicate, s.object] }

    /// Colours each blank node by the multiset of its triples, with other blank nodes replaced
    /// by their colours, until the number of distinct colours stops growing.
    private static func refine(_ statements: [Statement], initial: [Term: Int]) -> [Term: Int] {
        var colour: [Term: Int] = [:]
        for s in statements {
            for term in [s.subject, s.object] where term.isBlank { colour[term] = initial[term] ?? 0 }
        }
        var distinct = Set(colour.values).count
        while true {
            var signatures: [Term: [Int]] = [:]
            for s in statements {
                if s.subject.isBlank {
                    signatures[s.subject, default: []].append(hashOf(1, s.predicate, s.object, colour))
                }
                if s.object.isBlank {
                    signatures[s.object, default: []].append(hashOf(2, s.predicate, s.subject, colour))
                }
            }
            var next: [Term: Int] = [:]
            for (term, var signature) in signatures {
                signature.sort()
                var hasher = Hasher()
                hasher.combine(colour[term] ?? 0)
                hasher.combine(signature)
                next[term] = hasher.finalize()
            }
            let count = Set(next.values).count
            colour = next
            if count <= distinct { return colour }
            distinct = count
        }
    }

    private static func hashOf(_ direction: Int, _ predicate: Term, _ other: Term, _ colour: [Term: Int]) -> Int {
        var hasher = Hasher()
        hasher.combine(direction)
        hasher.combine(predicate)
        if other.isBlank { hasher.combine(colour[other] ?? 0) } else { hasher.combine(other) }
        return hasher.finalize()
    }

    private static func search(
        _ left: [Statement], _ right: [Statement], _ colourLeft: [Term: Int], _ colourRight: [Term: Int], budget: inout Int
    ) -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        var classesLeft: [Int: [Term]] = [:]
        var classesRight: [Int: [Term]] = [:]
        for (term, c) in colourLeft { classesLeft[c, default: []].append(term) }
        for (term, c) in colourRight { classesRight[c, default: []].append(term) }
        for (c, members) in classesLeft where classesRight[c]?.count != members.count { return false }

        guard let (_, ambiguous) = classesLeft.filter({ $0.value.count > 1 }).min(by: { $0.value.count < $1.value.count }) else {
            // Every colour names one node on each side: that is the only candidate mapping.
            var mapping: [Term: Term] = [:]
            for (c, members) in classesLeft { mapping[members[0]] = classesRight[c]![0] }
            let mapped = Set(left.map { s in key((mapping[s.subject] ?? s.subject, s.predicate, mapping[s.object] ?? s.object)) })
            return mapped == Set(right.map(key))
        }
        // Single out one node on the left and try it against each same-coloured node on the right.
        let pick = ambiguous.sorted { $0.description < $1.description }[0]
        let target = colourLeft[pick]!
        let marked = Int.max - 1
        for candidate in classesRight[target]! {
            var seedLeft = colourLeft
            var seedRight = colourRight
            seedLeft[pick] = marked
            seedRight[candidate] = marked
            let nextLeft = refine(left, initial: seedLeft)
            let nextRight = refine(right, initial: seedRight)
            guard nextLeft.values.sorted() == nextRight.values.sorted() else { continue }
            if search(left, right, nextLeft, nextRight, budget: &budget) { return true }
        }
        return false
    }
}
