import Ontology

/// Prints diagnostics GCC-style: `file:line:col: error: message`, then notes.
struct DiagnosticPrinter {
    let output: Output

    static let standardError = DiagnosticPrinter(output: .standardError)

    func print(_ diagnostics: [Diagnostic]) {
        var text = ""
        for diagnostic in diagnostics {
            text += diagnostic.description + " [\(diagnostic.id)]\n"
            for note in diagnostic.notes {
                let place = note.location.map { "\($0): " } ?? ""
                text += "\(place)note: \(note.message)\n"
            }
        }
        output.write(text)
    }
}
