import Ontology

/// Prints diagnostics GCC-style: `file:line:col: error: message [id]`, the source line with a
/// caret under the term, then notes.
struct DiagnosticPrinter {
    let output: Output
    private var sources = SourceCache()

    static let standardError = DiagnosticPrinter(output: .standardError)

    init(output: Output) {
        self.output = output
    }

    func print(_ diagnostics: [Diagnostic], summary: Bool = false) {
        var text = ""
        for diagnostic in diagnostics {
            text += diagnostic.description + " [\(diagnostic.id)]\n"
            if let location = diagnostic.location { text += excerpt(location) }
            for note in diagnostic.notes {
                let place = note.location.map { "\($0): " } ?? ""
                text += "\(place)note: \(note.message)\n"
                if let location = note.location { text += excerpt(location) }
            }
        }
        if summary {
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            if errors + warnings > 0 {
                text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
            }
        }
        output.write(text)
    }

    /// ` 12 |     tc:replicas "three" ;` and a caret under the column.
    private func excerpt(_ location: SourceLocation) -> String {
        guard let line = sources.line(location.file, location.line) else { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Keep tabs as tabs so the caret lines up under the same characters.
        let lead = line.unicodeScalars.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        return " \(number) | \(line)\n \(gutter) | \(lead)^\n"
    }
}

/// Source lines for excerpts, read once per file.
final class SourceCache: @unchecked Sendable {
    private var files: [String: SourceFile?] = [:]

    func line(_ path: String, _ number: Int) -> String? {
        if files[path] == nil {
            files[path] = try? FileReader.read(path).get()
        }
        guard let file = files[path] ?? nil else { return nil }
        return file.lineText(number)
    }
}
