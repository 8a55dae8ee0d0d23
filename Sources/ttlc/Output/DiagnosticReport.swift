import Foundation
import Ontology

/// The JSON form of a list of diagnostics (`--format json`). `format_version` follows the
/// Terraform rule: minor additions keep the major number; a breaking change bumps it.
struct DiagnosticReport: Encodable {
    static let formatVersion = "1.0"

    struct Place: Encodable {
        var file: String
        var line: Int
        var column: Int
    }

    struct NoteEntry: Encodable {
        var message: String
        var location: Place?
    }

    struct Entry: Encodable {
        var id: String
        var severity: String
        var message: String
        var location: Place?
        var focus: String?
        var path: String?
        var value: String?
        var notes: [NoteEntry]
    }

    var format_version = formatVersion
    var valid: Bool
    var errors: Int
    var warnings: Int
    var files: [String]
    var diagnostics: [Entry]

    init(diagnostics: [Diagnostic], files: [String]) {
        func place(_ location: SourceLocation?) -> Place? {
            location.map { Place(file: $0.file, line: $0.line, column: $0.column) }
        }
        self.files = files
        self.errors = diagnostics.filter { $0.severity == .error }.count
        self.warnings = diagnostics.filter { $0.severity == .warning }.count
        self.valid = errors == 0
        self.diagnostics = diagnostics.map {
            Entry(
                id: $0.id.rawValue, severity: $0.severity.rawValue, message: $0.message, location: place($0.location),
                focus: $0.focus, path: $0.path, value: $0.value,
                notes: $0.notes.map { NoteEntry(message: $0.message, location: place($0.location)) })
        }
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
