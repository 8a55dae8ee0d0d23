import Foundation
import Planner

/// A plan for people: the model changes first, then drift, then every change with its verdict
/// and the rule that decided it, field by field or line by line; a count at the end. Colour
/// only on a terminal and only without NO_COLOR.
struct PlanText {
    var colour: Bool

    static func forStandardOutput() -> PlanText {
        PlanText(colour: Output.standardOutput.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    private func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func mark(_ action: Change.Action) -> String {
        switch action {
        case .create: paint("+", "32")
        case .update: paint("~", "33")
        case .delete: paint("-", "31")
        }
    }

    func render(_ plan: Plan) -> String {
        var out = "Plan for \(plan.target.location) (branch \(plan.target.branch), path \(plan.target.path.isEmpty ? "." : plan.target.path)), "
        out += plan.base.map { "base \($0.short)\n" } ?? "a new state\n"
        if let rollback = plan.overRollback {
            out += "\n" + paint("The state is at a rollback", "1") + " to \(String((rollback.rollbackOf ?? "").prefix(12))) by \(rollback.author) at \(rollback.time); every change over it needs approval.\n"
        }
        if !plan.overrides.isEmpty {
            out += "\nReplica overrides (recorded by ttlc decide in \(ReplicaOverrides.path)):\n"
            for entry in plan.overrides.entries { out += "  \(entry.service): \(entry.replicas) replicas (\(entry.operation))\n" }
        }
        if !plan.summary.isEmpty {
            out += "\nSpec changes:\n"
            for change in plan.summary {
                if let property = change.property {
                    out += "  \(change.kind) \(change.subject): \(property) \(change.before ?? "(none)") → \(change.after ?? "(none)")\n"
                } else {
                    out += "  \(change.after == nil ? mark(.delete) : mark(.create)) \(change.kind) \(change.subject)\n"
                }
            }
        }
        if !plan.drift.isEmpty {
            out += "\nDrift (changed in the state outside ttlc; apply restores the spec's version):\n"
            for item in plan.drift { out += "  \(paint(item.kind.rawValue, "35")) \(item.path)\n" }
        }
        if !plan.changes.isEmpty {
            out += "\nChanges:\n"
            for change in plan.changes {
                let where_ = change.target == change.file ? "" : "  (\(change.file))"
                out += "  \(mark(change.action)) \(change.target)\(where_)\n"
                out += "      \(verdict(change.verdict.verdict)) \(change.operation.rawValue): \(change.verdict.rule)\n"
                for field in change.fields {
                    let multiline = (field.before ?? "").contains("\n") || (field.after ?? "").contains("\n")
                    out += multiline ? "      \(field.path):" : "      \(field.path): \(show(field.before)) → \(show(field.after))"
                    if let origin = field.origin {
                        out += "   (\(Self.localName(origin.subject))\(origin.property.map { " " + Self.localName($0) } ?? "")\(origin.location.map { ", \($0)" } ?? ""))"
                    }
                    out += "\n"
                    if multiline { out += lines(LineDiff.lines(Array((field.before ?? "").utf8), Array((field.after ?? "").utf8)), indent: "        ") }
                }
                out += lines(change.lines, indent: "      ")
            }
        }
        out += "\n" + Self.counts(plan) + "\n"
        return out
    }

    private func lines(_ lines: [String], indent: String) -> String {
        lines.map { line in
            let painted = line.hasPrefix("+") ? paint(line, "32") : line.hasPrefix("-") ? paint(line, "31") : line
            return indent + painted + "\n"
        }.joined()
    }

    private func verdict(_ verdict: Classification.Verdict) -> String {
        switch verdict {
        case .autonomous: paint("[autonomous]", "32")
        case .requiresApproval: paint("[needs approval]", "33")
        case .forbidden: paint("[FORBIDDEN]", "31;1")
        }
    }

    private func show(_ value: String?) -> String {
        guard let value else { return "(none)" }
        let escaped = value.replacingOccurrences(of: "\n", with: "\\n")
        return escaped.count > 120 ? String(escaped.prefix(117)) + "..." : escaped
    }

    static func localName(_ iri: String) -> String {
        if let hash = iri.lastIndex(of: "#") { return String(iri[iri.index(after: hash)...]) }
        return iri
    }

    static func counts(_ plan: Plan) -> String {
        guard plan.hasChanges else { return "No changes: the state matches the spec (\(plan.unchanged) unchanged)." }
        let count = { (action: Change.Action) in plan.changes.filter { $0.action == action }.count }
        var text = "\(count(.create)) to create, \(count(.update)) to update, \(count(.delete)) to delete, \(plan.unchanged) unchanged"
        if !plan.drift.isEmpty { text += ", \(plan.drift.count) drifted" }
        text += "; \(plan.forbidden.count) forbidden, \(plan.needingApproval.count) need\(plan.needingApproval.count == 1 ? "s" : "") approval."
        return text
    }
}

/// A plan for programs (`--format json`, format_version 1.1; see the README for the schema).
/// 1.1 added `overrides`.
enum PlanJSON {
    static let formatVersion = "1.1"

    static func optional(_ text: String?) -> JSONText { text.map { .string($0) } ?? .null }

    static func value(_ plan: Plan) -> JSONText {
        let counts: JSONText = .object([
            ("create", .int(plan.changes.filter { $0.action == .create }.count)),
            ("update", .int(plan.changes.filter { $0.action == .update }.count)),
            ("delete", .int(plan.changes.filter { $0.action == .delete }.count)),
            ("unchanged", .int(plan.unchanged)), ("drift", .int(plan.drift.count)),
            ("forbidden", .int(plan.forbidden.count)), ("requires_approval", .int(plan.needingApproval.count)),
        ])
        var rollback: JSONText = .null
        if let record = plan.overRollback {
            rollback = .object([("rollback_of", optional(record.rollbackOf)), ("author", .string(record.author)), ("time", .string(record.time))])
        }
        let summary: [JSONText] = plan.summary.map(summaryEntry)
        let drift: [JSONText] = plan.drift.map { .object([("path", .string($0.path)), ("kind", .string($0.kind.rawValue))]) }
        let changes: [JSONText] = plan.changes.map(change)
        return .object([
            ("format_version", .string(formatVersion)),
            ("state", .string(plan.target.location)), ("branch", .string(plan.target.branch)), ("path", .string(plan.target.path)),
            ("base", optional(plan.base?.hex)), ("digest", .string(plan.digest)),
            ("has_changes", .bool(plan.hasChanges)), ("counts", counts), ("over_rollback", rollback),
            ("overrides", .array(plan.overrides.entries.map { .object([("service", .string($0.service)), ("replicas", .int($0.replicas)), ("operation", .string($0.operation))]) })),
            ("summary", .array(summary)), ("drift", .array(drift)), ("changes", .array(changes)),
        ])
    }

    static func summaryEntry(_ entry: ModelChange) -> JSONText {
        .object([
            ("subject", .string(entry.subject)), ("kind", .string(entry.kind)), ("property", optional(entry.property)),
            ("before", optional(entry.before)), ("after", optional(entry.after)),
        ])
    }

    static func field(_ field: FieldChange) -> JSONText {
        .object([
            ("path", .string(field.path)), ("before", optional(field.before)), ("after", optional(field.after)),
            ("subject", optional(field.origin?.subject)), ("property", optional(field.origin?.property)),
            ("location", optional(field.origin?.location.map { "\($0)" })),
        ])
    }

    static func change(_ change: Change) -> JSONText {
        let fields: [JSONText] = change.fields.map(field)
        let lines: [JSONText] = change.lines.map { .string($0) }
        return .object([
            ("action", .string(change.action.rawValue)), ("operation", .string(change.operation.rawValue)),
            ("target", .string(change.target)), ("kind", .string(change.kind)), ("namespace", optional(change.namespace)),
            ("file", .string(change.file)), ("verdict", .string(change.verdict.verdict.rawValue)), ("rule", .string(change.verdict.rule)),
            ("fields", .array(fields)), ("lines", .array(lines)),
        ])
    }
}
