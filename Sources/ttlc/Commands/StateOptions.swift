import ArgumentParser
import Planner

/// Where the state is, for every command that reads or writes it.
struct StateOptions: ParsableArguments {
    @Option(help: "The state: a local git repository, bare or not (created by the first apply).")
    var state = defaultState

    @Option(help: "The branch Flux syncs from (default: the System's tc:branch, else main).")
    var branch: String?

    @Option(help: "The folder of the state that holds the output tree (default: from the System's tc:path).")
    var path: String?

    /// The state target, with the spec's settings as defaults. A flag that says otherwise than
    /// the spec is an error: Flux reads what the spec says.
    func target(system: System?) throws(StateError) -> StateTarget {
        let specBranch = system.map(\.branch.value).flatMap { $0.isEmpty ? nil : $0 }
        if let branch, let specBranch, branch != specBranch {
            throw StateError.contradiction("--branch \(branch) contradicts the System's tc:branch \"\(specBranch)\" (\(system!.branch.origin.location.map(String.init(describing:)) ?? "spec"))")
        }
        let specRoot = system.map { Self.treeRoot(fluxPath: $0.path.value) }
        if let path, let specRoot, Self.normalize(path) != specRoot {
            throw StateError.contradiction(
                "--path \(path) contradicts the System's tc:path \"\(system!.path.value)\": Flux reads clusters/ from \(specRoot.isEmpty ? "the repository root" : specRoot)")
        }
        let resolved = path.map(Self.normalize) ?? specRoot ?? ""
        // A git tree has no ".." entries: history read nothing there and said so with exit 0.
        if resolved.split(separator: "/").contains("..") {
            let source = path != nil ? "--path \(path!)" : "the System's tc:path \"\(system?.path.value ?? "")\""
            throw StateError.contradiction("\(source) climbs out of the state repository with ..: name a folder inside it")
        }
        return StateTarget(location: location, branch: branch ?? specBranch ?? "main", path: resolved)
    }

    /// A saved plan applies to the state it was made for: flags given beside it that name
    /// another state, branch or path are an error, not ignored (the plan went to its own state
    /// while the flags said elsewhere). The default --state counts as not given.
    func check(against saved: StateTarget) throws(StateError) {
        if state != Self.defaultState, Self.normalize(location) != Self.normalize(saved.location) {
            throw StateError.contradiction("--state \(state) contradicts the saved plan, made for the state \(saved.location); a saved plan applies to its own state")
        }
        if let branch, branch != saved.branch {
            throw StateError.contradiction("--branch \(branch) contradicts the saved plan, made for the branch \(saved.branch)")
        }
        if let path, Self.normalize(path) != saved.path {
            throw StateError.contradiction("--path \(path) contradicts the saved plan, made for the path \"\(saved.path)\"")
        }
    }

    static let defaultState = ".ttlc/state.git"

    /// The state's path, a `file://` URL taken as its path.
    private var location: String { state.hasPrefix("file://") ? String(state.dropFirst("file://".count)) : state }

    /// The folder holding the output tree, given Flux's path to a cluster's entry point
    /// (`./clusters/fra1` → the root; `./fleet/clusters/fra1` → `fleet`).
    static func treeRoot(fluxPath: String) -> String {
        var parts = normalize(fluxPath).split(separator: "/").map(String.init)
        if parts.count >= 2, parts[parts.count - 2] == "clusters" { parts.removeLast(2) }
        return parts.joined(separator: "/")
    }

    static func normalize(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
    }
}
