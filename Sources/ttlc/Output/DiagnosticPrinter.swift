import Foundation
import Ontology

/// Prints diagnostics GCC-style: `file:line:col: error: message [id]`, the source line with a
/// caret under the term, then notes. In colour (GCC's: bold places, red errors, magenta
/// warnings, cyan notes, green carets) only when the stream is a terminal and NO_COLOR is unset.
struct DiagnosticPrinter {
    let output: Output
    let colour: Bool
    private var sources = SourceCache()

    static let standardError = DiagnosticPrinter(output: .standardError)

    init(output: Output, colour: Bool? = nil) {
        self.output = output
        self.colour = colour ?? Self.wantsColour(terminal: output.isTerminal, environment: ProcessInfo.processInfo.environment)
    }

    /// https://no-color.org: any non-empty NO_COLOR turns colour off; so does TERM=dumb.
    static func wantsColour(terminal: Bool, environment: [String: String]) -> Bool {
        terminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func headline(_ location: SourceLocation?, _ severity: Severity, _ message: String) -> String {
        let place = location.map { paint("\($0):", "1") + " " } ?? ""
        let label: String
        switch severity {
        case .error: label = paint("error:", "1;31")
        case .warning: label = paint("warning:", "1;35")
        case .note: label = paint("note:", "1;36")
        }
        return "\(place)\(label) \(message)"
    }

    func print(_ diagnostics: [Diagnostic], summary: Bool = false) {
        var text = ""
        for diagnostic in diagnostics {
            text += headline(diagnostic.location, diagnostic.severity, diagnostic.message) + " [\(diagnostic.id)]\n"
            if let location = diagnostic.location { text += excerpt(location) }
            for note in diagnostic.notes {
                text += headline(note.location, .note, note.message) + "\n"
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
        guard let full = sources.scalars(location.file, location.line) else { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        let (line, column) = Self.window(full, column: location.column)
        // Keep tabs as tabs so the caret lines up under the same characters.
        let lead = line.unicodeScalars.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
        return " \(number) | \(line)\n \(gutter) | \(lead)\(paint("^", "1;32"))\n"
    }

    static let excerptWidth = 160

    /// A line longer than `excerptWidth` characters, cut to that many around the column, with
    /// "..." where text was left out (a machine-written file can hold its whole content on one
    /// line of megabytes); the column within what is kept.
    static func window(_ scalars: [Unicode.Scalar], column: Int) -> (String, Int) {
        guard scalars.count > excerptWidth else { return (String(String.UnicodeScalarView(scalars)), column) }
        let at = min(max(0, column - 1), scalars.count)
        let start = max(0, min(at - excerptWidth / 2, scalars.count - excerptWidth))
        let end = min(scalars.count, start + excerptWidth)
        var text = String(String.UnicodeScalarView(scalars[start..<end]))
        var shifted = at - start + 1
        if start > 0 {
            text = "..." + text
            shifted += 3
        }
        if end < scalars.count { text += "..." }
        return (text, shifted)
    }
}

/// Source lines for excerpts, read once per file.
final class SourceCache: @unchecked Sendable {
    private var files: [String: SourceFile?] = [:]

    /// The last line asked for, as characters: diagnostics come sorted by place, so thousands
    /// of them on one long line make it once, not once each.
    private var last: (path: String, number: Int, scalars: [Unicode.Scalar])?

    private func line(_ path: String, _ number: Int) -> String? {
        if files[path] == nil {
            files[path] = try? FileReader.read(path).get()
        }
        guard let file = files[path] ?? nil else { return nil }
        return file.lineText(number)
    }

    func scalars(_ path: String, _ number: Int) -> [Unicode.Scalar]? {
        if let last, last.path == path, last.number == number { return last.scalars }
        guard let text = line(path, number) else { return nil }
        let scalars = Array(text.unicodeScalars)
        last = (path, number, scalars)
        return scalars
    }
}
