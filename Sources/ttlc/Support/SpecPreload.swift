import Dispatch
import Foundation
import Ontology
import Planner

/// Reads the spec a command line names while ArgumentParser is still parsing that line.
///
/// Parsing the arguments is serial reflection (about 2 ms here), and reading a small spec is
/// about as long again: at 100 services the two in a row were a fifth of a build. The spec
/// paths are guessed from the raw arguments with the options that take a value (`valueOptions`);
/// the spec read is used only when ArgumentParser then gives exactly those paths, so a wrong
/// guess costs the other core some work and changes nothing else. `SpecOptions.load()` takes it.
/// (A plain `build` line skips ArgumentParser, `QuickBuildParse`; the read is then started the
/// same way, and only the parse it ran beside is gone.)
enum SpecPreload {
    /// The options that take a value, for each command whose only positional arguments are its
    /// spec paths (`SpecOptions`). CLITests holds this to each command's own definition.
    static let valueOptions: [String: Set<String>] = [
        "check": ["--format"],
        "build": ["-o", "--output", "--format"],
        "plan": ["--state", "--branch", "--path", "--format", "--out"],
        "graph": ["--format", "--view"],
        "run": ["--events", "--listen", "--stop-after", "--idle", "--consumers", "--format", "--trace", "--trace-key"],
    ]

    /// What makes a command line do something other than read its spec.
    private static let elsewhere: Set<String> = ["-h", "--help", "--version", "--experimental-dump-help", "--generate-completion-script"]

    /// The spec paths ArgumentParser will give the command `arguments` name (`SpecOptions.paths`,
    /// `specs` when none is given), or nil when the line is not one of those commands' or reads
    /// no spec. A guess: only a line whose parse yields the same paths uses what is read.
    static func guess(_ arguments: [String]) -> [String]? {
        guard arguments.count > 1, let takesValue = valueOptions[arguments[1]] else { return nil }
        var paths: [String] = []
        var index = 2
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                paths += arguments[index...]
                break
            }
            guard argument.hasPrefix("-"), argument.count > 1 else {
                paths.append(argument)
                continue
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if elsewhere.contains(name) { return nil }
            // `--format json` takes the next argument; `--format=json` and flags do not.
            if takesValue.contains(argument) { index += 1 }
        }
        return paths.isEmpty ? ["specs"] : paths
    }

    private static let lock = NSLock()
    /// The spec being read and the paths it is read from, handed over once.
    private nonisolated(unsafe) static var pending: (paths: [String], read: Background<(Graph, [Diagnostic])>)?

    /// Starts reading the spec at `paths`, in `group` (which exit waits for).
    static func start(_ paths: [String], in group: DispatchGroup) {
        let read = Background(in: group, ownThread: true) { SpecOptions.read(paths) }
        lock.withLock { pending = (paths, read) }
    }

    /// The spec read for `paths`, if one was started for exactly those paths and not yet taken
    /// (waiting for it to be read); nil otherwise.
    static func take(_ paths: [String]) -> (Graph, [Diagnostic])? {
        // Taken or not, it is this process's only chance: a spec read for other paths is let go.
        let read = lock.withLock {
            defer { pending = nil }
            return pending?.paths == paths ? pending?.read : nil
        }
        guard let read else { return nil }
        let spec = read.value
        PhaseNotes.add("spec read beside the argument parse")
        return spec
    }
}
