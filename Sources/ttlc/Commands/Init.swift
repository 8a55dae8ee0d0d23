import ArgumentParser
import Foundation
import Ontology

/// `ttlc init`: a new spec folder to start from.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a spec folder with a minimal system, one service and one node.",
        discussion: """
            Writes DIR/system.ttl, which `ttlc check` and `ttlc build` accept as it is.
            DIR is created when missing; a DIR that already holds anything is refused
            (exit 1), so nothing is ever overwritten.

            Examples:
              ttlc init fleet
              ttlc init fleet && ttlc check fleet && ttlc build fleet -o fleet-ops
            """
    )

    @OptionGroup var verbosity: VerbosityOptions

    @Argument(help: "The folder to create (empty or missing).")
    var directory: String

    func validate() throws {
        if directory.isEmpty { throw ValidationError("DIR must name a folder") }
    }

    func run() throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            let entries = isDirectory.boolValue ? (try? manager.contentsOfDirectory(atPath: directory)) : nil
            guard let entries, entries.isEmpty else {
                let what = isDirectory.boolValue ? "is not empty" : "exists and is not a folder"
                fail("\(directory) \(what); ttlc init only writes into a new or empty folder")
            }
        }
        let path = (directory as NSString).appendingPathComponent(Scaffold.fileName)
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(Scaffold.text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            fail("cannot write \(path): \(error.localizedDescription)")
        }
        verbosity.status("wrote \(path)\nnext: ttlc check \(directory) && ttlc build \(directory) -o ops\n")
    }

    private func fail(_ message: String) -> Never {
        DiagnosticPrinter.standardError.print([Diagnostic(.initTarget, message, at: nil)])
        Init.exit(withError: ExitCode.failure)
    }
}

extension MessageID {
    static let initTarget: MessageID = "init.target"
}
