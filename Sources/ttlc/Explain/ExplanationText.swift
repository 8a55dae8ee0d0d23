import Emitters
import Planner

/// `ttlc explain` output: for people, each field over the spec place it came from; for programs,
/// the same as JSON (`format_version` 1.0).
enum ExplanationText {
    static let vocabulary = "https://w3id.org/ttlc#"

    static func render(_ explanation: Explanation) -> String {
        var out = "\(explanation.target) (\(explanation.kind.rawValue))\n"
        for part in explanation.parts {
            out += "\n\(part.name)" + (part.path.map { " in \($0)" } ?? "") + "\n"
            if part.fields.isEmpty { out += "  no field comes from the spec\n" }
            for field in part.fields {
                out += "  \(field.path)" + (field.value.map { ": \($0)" } ?? "") + "\n"
                out += "    \(place(field.origin))\n"
            }
        }
        out += "\nmade from\n"
        for subject in explanation.subjects {
            out += "  \(subject.iri)" + (subject.declared?.location.map { " (\($0))" } ?? "") + "\n"
        }
        out += "\nother outputs made from the same spec objects\n"
        if explanation.dependents.isEmpty { out += "  nothing else\n" }
        for dependent in explanation.dependents { out += "  " + (dependent.resource.map { "\($0) " } ?? "") + dependent.path + "\n" }
        return out
    }

    /// `specs/services.ttl:14:5 <subject> tc:image`.
    static func place(_ origin: Origin) -> String {
        [origin.location.map(\.description) ?? "(no location)", "<\(origin.subject)>", origin.property.map(compact)].compactMap { $0 }.joined(separator: " ")
    }

    static func compact(_ property: String) -> String {
        property.hasPrefix(vocabulary) ? "tc:" + property.dropFirst(vocabulary.count) : "<\(property)>"
    }

    static func json(_ explanation: Explanation) -> String {
        func location(_ origin: Origin?) -> JSONText {
            guard let place = origin?.location else { return .null }
            return .object([("file", .string(place.file)), ("line", .int(place.line)), ("column", .int(place.column))])
        }
        let parts = explanation.parts.map { part in
            JSONText.object([
                ("name", .string(part.name)),
                ("path", part.path.map { .string($0) } ?? .null),
                (
                    "fields",
                    .array(
                        part.fields.map { field in
                            .object([
                                ("path", .string(field.path)),
                                ("value", field.value.map { .string($0) } ?? .null),
                                ("subject", .string(field.origin.subject)),
                                ("property", field.origin.property.map { .string($0) } ?? .null),
                                ("location", location(field.origin)),
                            ])
                        })
                ),
            ])
        }
        let document = JSONText.object([
            ("format_version", .string("1.0")),
            ("target", .string(explanation.target)),
            ("kind", .string(explanation.kind.rawValue)),
            ("parts", .array(parts)),
            ("subjects", .array(explanation.subjects.map { .object([("iri", .string($0.iri)), ("location", location($0.declared))]) })),
            (
                "dependents",
                .array(explanation.dependents.map { .object([("resource", $0.resource.map { .string($0) } ?? .null), ("path", .string($0.path))]) })
            ),
        ])
        return String(decoding: document.renderedBytes(), as: UTF8.self)
    }
}
