import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compares a desired tree with the state: tree against tree by object id (TreeComparison:
/// equal subtrees are never read), then per Kubernetes object and field, or per line, only
/// where files differ.
public enum Planning {
    /// `openCircuitBreakers`: services (by name) whose scaling needs approval, and why.
    public static func plan(
        _ desired: DesiredState, against state: StateSnapshot, target: StateTarget, openCircuitBreakers: [String: String] = [:]
    ) throws(StateError) -> Plan {
        let tree = desired.treeFiles
        let wanted = tree.filter { !StateSnapshot.bookkeeping.contains($0.key) }
        let rollback = state.lastAudit.flatMap { $0.kind == "rollback" ? $0 : nil }
        let rules = GovernanceRules(
            governance: desired.governance, applied: state.model, current: desired.model, overRollback: rollback, openCircuitBreakers: openCircuitBreakers)

        // Only files that differ from the state are looked at closely.
        var deltas: [TreeComparison.Delta]
        if let repository = state.repository, let head = state.head {
            deltas = try TreeComparison.deltas(repository, head: head, prefix: target.path, files: tree)
        } else {
            deltas = wanted.keys.map { TreeComparison.Delta(path: $0, status: .added, old: nil, new: nil) }
        }
        deltas = deltas.filter { !StateSnapshot.bookkeeping.contains($0.path) }.sorted { $0.path < $1.path }

        var changes: [Change] = []
        var unchanged = 0
        let differing = Set(deltas.map(\.path))
        // Every unchanged file's objects are counted (12 MB of YAML at 10,000 files): on every core.
        unchanged += ParallelMap.map(desired.files) { file in
            differing.contains(file.path) || StateSnapshot.bookkeeping.contains(file.path) ? 0 : objectCount(file.bytes, path: file.path)
        }.reduce(0, +)
        // The old sides are read here (one repository, one thread); the files are compared on
        // every core.
        var pairs: [(path: String, old: [UInt8]?, new: [UInt8]?)] = []
        pairs.reserveCapacity(deltas.count)
        for delta in deltas {
            pairs.append((delta.path, try delta.old.map { id throws(StateError) in try state.repository!.blob(id) }, wanted[delta.path]))
        }
        let documents = desired.documents(in: differing)
        for (fileChanges, same) in ParallelMap.map(pairs, { compare(path: $0.path, old: $0.old, new: $0.new, documents: documents) }) {
            changes += fileChanges
            unchanged += same
        }
        let summary = desired.model.changes(since: state.model ?? CompiledModel())
        // A spec change that moves no output (a blueprint's bounds, a governance policy) still
        // changes what the state records as last applied, which later verdicts are judged
        // against: it is applied, and governed, as a change of the model itself.
        if changes.isEmpty, !summary.isEmpty {
            changes.append(
                Change(
                    action: .update, operation: .update, target: CompiledModel.path, kind: modelKind, namespace: nil, file: CompiledModel.path, fields: [],
                    lines: [], verdict: placeholder))
        }
        for index in changes.indices { changes[index].verdict = rules.classify(changes[index]) }

        let inventory = desired.files.first { $0.path == StateSnapshot.inventoryPath }
        let drift = try driftOf(state, deltas: deltas, wanted: wanted, desiredInventory: inventory)
        var digestText = "\(target.location)\n\(target.branch)\n\(target.path)\n\(state.head?.hex ?? "-")\n"
        digestText += Digest.sha256Hex(inventory?.bytes ?? []) + "\n"
        digestText += Digest.sha256Hex(desired.modelFile) + "\n"
        for change in changes { digestText += "\(change.action.rawValue) \(change.target) \(change.verdict.verdict.rawValue)\n" }
        for item in drift { digestText += "drift \(item.kind.rawValue) \(item.path)\n" }
        if !desired.overrides.isEmpty { digestText += "overrides " + Digest.sha256Hex(desired.overrides.file()) + "\n" }
        return Plan(
            target: target, base: state.head, summary: summary, changes: changes, unchanged: unchanged, drift: drift,
            overRollback: rollback, digest: Digest.sha256Hex(Array(digestText.utf8)), overrides: desired.overrides)
    }

    /// Changes in one file that differs, and how many of its objects stay the same.
    static func compare(path: String, old: [UInt8]?, new: [UInt8]?, documents: [ResourceID: Document]) -> ([Change], Int) {
        let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        if isYAML, let before = old.map({ ObjectDiff.objects($0, path: path) }) ?? [], let after = new.map({ ObjectDiff.objects($0, path: path) }) ?? [] {
            return compareObjects(path: path, before: before, after: after, documents: documents)
        }
        // A whole file added or removed is not worth its lines; an edit is.
        let lines = old != nil && new != nil ? LineDiff.lines(old!, new!) : []
        let action: Change.Action = old == nil ? .create : new == nil ? .delete : .update
        let operation: Operation = action == .create ? .create : action == .delete ? .delete : .update
        return ([Change(action: action, operation: operation, target: path, kind: fileKind(path), namespace: nil, file: path, fields: [], lines: lines, verdict: placeholder)], 0)
    }

    private static func compareObjects(path: String, before: [ObjectDiff.Object], after: [ObjectDiff.Object], documents: [ResourceID: Document]) -> ([Change], Int) {
        var changes: [Change] = []
        var same = 0
        let oldByID = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(after.map(\.id))
        for object in after {
            let namespace = object.id.kind == "Namespace" ? object.id.name : object.id.namespace
            guard let previous = oldByID[object.id] else {
                changes.append(Change(action: .create, operation: .create, target: target(object, path), kind: object.id.kind, namespace: namespace, file: path, fields: [], lines: [], verdict: placeholder))
                continue
            }
            let differences = ObjectDiff.changes(from: previous.value, to: object.value)
            if differences.isEmpty {
                same += 1
                continue
            }
            let provenance = Dictionary((documents[object.id]?.fieldOrigins() ?? []).map { ($0.path, $0.origin) }, uniquingKeysWith: { a, _ in a })
            let fields = differences.map { FieldChange(path: $0.path, before: $0.before, after: $0.after, origin: provenance[$0.path]) }
            let scale = fields.allSatisfy { ObjectDiff.scaleFields.contains($0.path) }
            changes.append(
                Change(action: .update, operation: scale ? .scale : .update, target: target(object, path), kind: object.id.kind, namespace: namespace, file: path, fields: fields, lines: [], verdict: placeholder))
        }
        for object in before where !newIDs.contains(object.id) {
            let namespace = object.id.kind == "Namespace" ? object.id.name : object.id.namespace
            changes.append(Change(action: .delete, operation: .delete, target: target(object, path), kind: object.id.kind, namespace: namespace, file: path, fields: [], lines: [], verdict: placeholder))
        }
        return (changes, same)
    }

    /// What a plan calls an object: its identity, or its file for a document without a name
    /// (a kustomization file is build instructions for its folder, not a cluster object).
    private static func target(_ object: ObjectDiff.Object, _ path: String) -> String {
        object.id.namespace == nil && object.id.name == path ? path : object.id.description
    }

    /// The kind governance policies name a change of the recorded model by.
    public static let modelKind = "Model"

    private static let placeholder = Classification(verdict: .requiresApproval, rule: "")

    /// The kind governance policies name a non-YAML output file by.
    static func fileKind(_ path: String) -> String {
        if path.hasPrefix("bgp/") { return "BirdConfig" }
        if path.hasPrefix("rules/") { return "RuleTable" }
        return "File"
    }

    /// Objects in a file (YAML documents, counted by `---` lines), or 1 for a file that is not YAML.
    /// Every unchanged file of a plan is counted, so lines are found with memchr.
    public static func objectCount(_ bytes: [UInt8], path: String) -> Int {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml") else { return 1 }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 1 }
            let dash = UInt8(ascii: "-")
            var count = 1
            var lineStart = 0
            while lineStart < buffer.count, let hit = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), buffer.count - lineStart) {
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if end - lineStart == 3, base[lineStart] == dash, base[lineStart + 1] == dash, base[lineStart + 2] == dash { count += 1 }
                lineStart = end + 1
            }
            return count
        }
    }

    /// Files of the state that are not what the last apply recorded: changed, added or removed
    /// by someone else. The last apply's commit holds exactly what its inventory lists, so drift
    /// is the difference between its tree and the head's (none when the head is that commit).
    /// A state whose history does not lead to that commit is checked file by file against the
    /// inventory instead.
    static func driftOf(_ state: StateSnapshot, deltas: [TreeComparison.Delta], wanted: [String: [UInt8]], desiredInventory: OutputFile?) throws(StateError) -> [Drift] {
        guard let repository = state.repository, state.head != nil else { return [] }
        if let applied = try state.lastApplyCommit() {
            guard applied != state.head else { return [] }
            let since = try TreeComparison.deltas(repository, from: try repository.subtree(of: applied, at: state.path), to: state.tree)
            // The inventory and the stored model are ttlc's to write, as the outputs are: one
            // deleted or edited by a hand commit is drift, which apply puts back (otherwise the
            // state said "no changes" for ever after, its own record of its files gone). The audit
            // log and the replica overrides are state, not output: they are read, never restored.
            return since.filter { !StateSnapshot.bookkeeping.contains($0.path) || StateSnapshot.restored.contains($0.path) }.map { delta in
                Drift(path: delta.path, kind: delta.status == .added ? .added : delta.status == .deleted ? .removed : .changed)
            }.sorted { $0.path < $1.path }
        }
        let inventory = try state.inventory()
        guard !inventory.isEmpty else { return [] }
        let desiredSHA = desiredInventory.map { StateSnapshot.digests($0.bytes) } ?? [:]
        let byPath = Dictionary(deltas.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var present: Set<String> = []
        var drift: [Drift] = []
        // Files the state has: the desired ones it holds unchanged, and the old side of each delta.
        for path in wanted.keys where byPath[path] == nil {
            present.insert(path)
            guard let recorded = inventory[path] else {
                drift.append(Drift(path: path, kind: .added))
                continue
            }
            let actual = desiredSHA[path] ?? Digest.sha256Hex(wanted[path]!)
            if actual != recorded { drift.append(Drift(path: path, kind: .changed)) }
        }
        for delta in deltas {
            guard let old = delta.old else { continue }
            present.insert(delta.path)
            guard let recorded = inventory[delta.path] else {
                drift.append(Drift(path: delta.path, kind: .added))
                continue
            }
            if Digest.sha256Hex(try repository.blob(old)) != recorded { drift.append(Drift(path: delta.path, kind: .changed)) }
        }
        for path in inventory.keys where !present.contains(path) && !StateSnapshot.bookkeeping.contains(path) {
            drift.append(Drift(path: path, kind: .removed))
        }
        return drift.sorted { $0.path < $1.path }
    }
}
