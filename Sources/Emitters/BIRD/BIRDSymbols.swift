import Planner

/// BIRD symbol names derived from spec names (protocols, per peer, prefix and validator).
///
/// A BIRD symbol is `[A-Za-z_][A-Za-z0-9_]*` and at most 64 characters (longer ones are a
/// "Symbol too long" error), and every symbol of one configuration shares one namespace. A
/// derived symbol is a kind prefix (`peer_`, `static_`, `rtr_`) and the spec name with every
/// other character made `_`. When that is longer than 64 characters, or two names of a kind
/// give the same symbol (`a-b` and `a.b`), each such name is cut short and ends in `_` and the
/// first hex digits of the SHA-256 of the spec name, lengthened until no two symbols collide.
/// Symbols depend only on the set of names, never on their order. The fixed symbols of the
/// generated files (`tpl_transit`, `import_ixp`, `OWN_ASN`, …) start with none of the prefixes.
struct BIRDSymbols {
    static let maxLength = 64

    private var table: [String: String] = [:]

    /// Symbols for `names` (spec names of one kind) with `prefix` (`"peer_"`).
    init(prefix: String, names: [String]) {
        let unique = Array(Set(names)).sorted()
        var base: [String: String] = [:]
        var byBase: [String: Int] = [:]
        for name in unique {
            let symbol = prefix + Self.sanitized(name)
            base[name] = symbol
            byBase[symbol, default: 0] += 1
        }
        var hashed: Set<String> = []
        for name in unique where base[name]!.count > Self.maxLength || byBase[base[name]!]! > 1 { hashed.insert(name) }
        var digits: [String: Int] = [:]
        for name in hashed { digits[name] = 8 }
        while true {
            var result: [String: String] = [:]
            for name in unique {
                guard let count = digits[name] else { result[name] = base[name]!; continue }
                let digest = String(Digest.sha256Hex(Array(name.utf8)).prefix(count))
                result[name] = String(base[name]!.prefix(Self.maxLength - 1 - digest.count)) + "_" + digest
            }
            var owners: [String: [String]] = [:]
            for name in unique { owners[result[name]!, default: []].append(name) }
            let clashing = owners.values.filter { $0.count > 1 }.flatMap { $0 }.filter { digits[$0] != nil }
            if clashing.isEmpty || clashing.allSatisfy({ digits[$0]! >= 40 }) {
                table = result
                return
            }
            for name in clashing { digits[name] = min(40, digits[name]! + 8) }
        }
    }

    subscript(name: String) -> String { table[name] ?? "" }

    /// Letters, digits and `_` kept; every other character becomes `_`.
    static func sanitized(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    switch scalar {
                    case "a"..."z", "A"..."Z", "0"..."9", "_": scalar
                    default: "_"
                    }
                }))
    }
}
