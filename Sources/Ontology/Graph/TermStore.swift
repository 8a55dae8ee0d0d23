/// Interns terms so that a triple is three small integers.
///
/// Term text lives in one byte arena and is found again through an open-addressing table keyed
/// by a hash of the raw bytes, so the front ends can intern straight from a C buffer without
/// making a `String` per term: building a graph allocates only when it meets a new term.
public struct TermStore: Sendable {
    struct Entry: Sendable {
        var kind: TermKind
        var start: Int
        var count: Int
        /// Literal: datatype TermID + 1 (0 = none). Blank: the scope. Otherwise 0.
        var extra: UInt32
        /// Literal: language-tag TermID + 1 (0 = none).
        var language: UInt32
        var hash: UInt64
    }

    private(set) var arena: [UInt8] = []
    private(set) var entries: [Entry] = []
    /// Slots hold the entry's hash in the high 32 bits and its index + 1 in the low 32 (0 is
    /// empty), so most probes that miss are decided without touching `entries` (a cache miss
    /// each on large graphs). Capacity is a power of two, at most half full.
    private var slots: [UInt64] = Array(repeating: 0, count: 1024)

    public init() {}

    public var count: Int { entries.count }

    // MARK: Interning

    /// Interns a term from raw UTF-8 bytes (no copy unless the term is new).
    public mutating func intern(
        _ kind: TermKind, _ bytes: UnsafeRawBufferPointer,
        datatype: TermID? = nil, language: TermID? = nil, scope: UInt32 = 0
    ) -> TermID {
        let extra: UInt32 =
            switch kind {
            case .literal: datatype.map { $0.raw + 1 } ?? 0
            case .blank: scope
            default: 0
            }
        let lang = language.map { $0.raw + 1 } ?? 0
        return intern(kind, bytes, extra, lang, hash: Self.hash(kind, bytes, extra, lang))
    }

    /// Interns a term whose hash is known.
    private mutating func intern(_ kind: TermKind, _ bytes: UnsafeRawBufferPointer, _ extra: UInt32, _ lang: UInt32, hash: UInt64) -> TermID {
        let (found, slot) = probe(kind, bytes, extra, lang, hash: hash)
        if let found { return found }
        let id = UInt32(entries.count)
        let start = arena.count
        arena.append(contentsOf: bytes)
        entries.append(Entry(kind: kind, start: start, count: bytes.count, extra: extra, language: lang, hash: hash))
        slots[slot] = (hash >> 32) << 32 | UInt64(id + 1)
        if entries.count * 2 > slots.count { grow() }
        return TermID(raw: id)
    }

    public mutating func intern(_ kind: TermKind, _ text: String, datatype: TermID? = nil, language: TermID? = nil, scope: UInt32 = 0) -> TermID {
        text.withUTF8Bytes { intern(kind, UnsafeRawBufferPointer($0), datatype: datatype, language: language, scope: scope) }
    }

    /// Interns a term value.
    public mutating func intern(_ term: Term) -> TermID {
        switch term {
        case .iri(let value):
            return intern(.iri, value)
        case .blank(let label, let scope):
            return intern(.blank, label, scope: scope)
        case .literal(let lexical, let datatype, let language):
            let datatypeID = datatype.map { intern(.iri, $0) }
            let languageID = language.map { intern(.languageTag, $0) }
            return intern(.literal, lexical, datatype: datatypeID, language: languageID)
        }
    }

    /// Interns every term of `other`, in its order, and returns the id here of each of its
    /// terms (by its id there). Terms new here get ids in that order, as if `other`'s text had
    /// been read into this store. A blank node takes the label `relabel` writes into its
    /// second argument when it returns true.
    mutating func intern(contentsOf other: TermStore, relabellingBlanks relabel: (UnsafeRawBufferPointer, inout [UInt8]) -> Bool) -> [TermID] {
        var ids: [TermID] = []
        ids.reserveCapacity(other.entries.count)
        // Room for all of them at once: growing as they come rehashed every entry here, twice
        // for a piece as large as this store.
        var capacity = slots.count
        while (entries.count + other.entries.count) * 2 > capacity { capacity *= 2 }
        if capacity > slots.count { rehash(capacity: capacity) }
        entries.reserveCapacity(entries.count + other.entries.count)
        arena.reserveCapacity(arena.count + other.arena.count)
        var label: [UInt8] = []
        other.arena.withUnsafeBytes { text in
            for entry in other.entries {
                let bytes = UnsafeRawBufferPointer(rebasing: text[entry.start..<entry.start + entry.count])
                switch entry.kind {
                case .literal where entry.extra != 0 || entry.language != 0:
                    // A literal's datatype and language were interned before it, so are mapped.
                    let datatype = entry.extra == 0 ? nil : ids[Int(entry.extra - 1)]
                    let language = entry.language == 0 ? nil : ids[Int(entry.language - 1)]
                    ids.append(intern(.literal, bytes, datatype: datatype, language: language))
                case .blank where relabel(bytes, &label):
                    ids.append(label.withUnsafeBytes { intern(.blank, $0, scope: entry.extra) })
                default:
                    // The same key as there: its hash too.
                    ids.append(intern(entry.kind, bytes, entry.extra, entry.language, hash: entry.hash))
                }
            }
        }
        return ids
    }

    /// The id of a term if it was interned, without adding it (and without copying the store).
    public func lookup(_ term: Term) -> TermID? {
        switch term {
        case .iri(let value):
            return find(.iri, value, extra: 0, language: 0)
        case .blank(let label, let scope):
            return find(.blank, label, extra: scope, language: 0)
        case .literal(let lexical, let datatype, let language):
            var extra: UInt32 = 0
            var lang: UInt32 = 0
            if let datatype {
                guard let id = find(.iri, datatype, extra: 0, language: 0) else { return nil }
                extra = id.raw + 1
            }
            if let language {
                guard let id = find(.languageTag, language, extra: 0, language: 0) else { return nil }
                lang = id.raw + 1
            }
            return find(.literal, lexical, extra: extra, language: lang)
        }
    }

    private func find(_ kind: TermKind, _ text: String, extra: UInt32, language: UInt32) -> TermID? {
        text.withUTF8Bytes { probe(kind, UnsafeRawBufferPointer($0), extra, language).found }
    }

    /// Looks a term up: its id when present, else the empty slot where it would go; and its hash.
    private func probe(_ kind: TermKind, _ bytes: UnsafeRawBufferPointer, _ extra: UInt32, _ language: UInt32) -> (found: TermID?, slot: Int, hash: UInt64) {
        let hash = Self.hash(kind, bytes, extra, language)
        let (found, slot) = probe(kind, bytes, extra, language, hash: hash)
        return (found, slot, hash)
    }

    private func probe(_ kind: TermKind, _ bytes: UnsafeRawBufferPointer, _ extra: UInt32, _ language: UInt32, hash: UInt64) -> (found: TermID?, slot: Int) {
        let mask = slots.count - 1
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let occupant = slots[slot]
            if occupant == 0 { return (nil, slot) }
            if occupant >> 32 == tag {
                let index = Int(occupant & 0xFFFF_FFFF) - 1
                let entry = entries[index]
                if entry.hash == hash, entry.kind == kind, entry.extra == extra, entry.language == language,
                    entry.count == bytes.count, equalBytes(entry, bytes)
                {
                    return (TermID(raw: UInt32(index)), slot)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private func equalBytes(_ entry: Entry, _ bytes: UnsafeRawBufferPointer) -> Bool {
        arena.withUnsafeBytes { stored in
            guard let base = stored.baseAddress, let other = bytes.baseAddress else { return bytes.count == 0 }
            return memcmp(base + entry.start, other, bytes.count) == 0
        }
    }

    private mutating func grow() {
        rehash(capacity: slots.count * 2)
    }

    private mutating func rehash(capacity: Int) {
        var bigger = [UInt64](repeating: 0, count: capacity)
        let mask = bigger.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = (entry.hash >> 32) << 32 | UInt64(index + 1)
        }
        slots = bigger
    }

    /// Room for about this many bytes of term text, so a large file's arena is not copied as
    /// it grows.
    public mutating func reserveTextCapacity(_ bytes: Int) {
        arena.reserveCapacity(arena.count + bytes)
    }

    /// A multiply-mix hash over 8-byte words (in the spirit of wyhash): deterministic across
    /// runs, unlike `Hasher`, and several times faster than a byte-at-a-time loop.
    private static func hash(_ kind: TermKind, _ bytes: UnsafeRawBufferPointer, _ extra: UInt32, _ lang: UInt32) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(bytes.count) &* k ^ (UInt64(kind.rawValue) << 56 | UInt64(extra) << 24 | UInt64(lang))
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                h = mix(h ^ word, k)
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
                shift += 8
                index += 1
            }
            h = mix(h ^ tail, k)
        }
        return mix(h, 0xBF58_476D_1CE4_E5B9)
    }

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    // MARK: Reading terms back

    public func kind(_ id: TermID) -> TermKind { entries[Int(id.raw)].kind }

    /// The text of a term: IRI, blank label, lexical form or language tag.
    public func text(_ id: TermID) -> String {
        let entry = entries[Int(id.raw)]
        return String(decoding: arena[entry.start..<entry.start + entry.count], as: UTF8.self)
    }

    /// Calls `body` with the term's bytes, without copying them.
    public func withBytes<R>(_ id: TermID, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let entry = entries[Int(id.raw)]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[entry.start..<entry.start + entry.count])) }
    }

    public func datatype(_ id: TermID) -> TermID? {
        let entry = entries[Int(id.raw)]
        return entry.kind == .literal && entry.extra != 0 ? TermID(raw: entry.extra - 1) : nil
    }

    public func language(_ id: TermID) -> String? {
        let entry = entries[Int(id.raw)]
        return entry.kind == .literal && entry.language != 0 ? text(TermID(raw: entry.language - 1)) : nil
    }

    public func scope(_ id: TermID) -> UInt32 {
        let entry = entries[Int(id.raw)]
        return entry.kind == .blank ? entry.extra : 0
    }

    public func term(_ id: TermID) -> Term {
        switch kind(id) {
        case .iri: return .iri(text(id))
        case .blank: return .blank(text(id), scope: scope(id))
        case .literal: return .literal(text(id), datatype: datatype(id).map(text), language: language(id))
        case .languageTag: return .literal(text(id))
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
