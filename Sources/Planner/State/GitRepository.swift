import CLibGit2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state repository through libgit2: read the tree at a branch, write blobs, trees and
/// commits into the object database (never through a work tree), and move a branch only when
/// it still points where the caller expects (compare-and-swap). Bare or not, local.
public final class GitRepository {
    let handle: OpaquePointer
    /// The git directory (`.git/` or the bare repository itself), with a trailing slash.
    public let gitDirectory: String

    static let initialized: Bool = {
        git_libgit2_init()
        return true
    }()

    init(handle: OpaquePointer) {
        self.handle = handle
        // An in-memory repository has no directory.
        self.gitDirectory = git_repository_path(handle).map { String(cString: $0) } ?? ""
    }

    deinit { git_repository_free(handle) }

    /// Opens the repository at exactly `path` (no search upwards).
    public static func open(_ path: String) throws(StateError) -> GitRepository {
        _ = initialized
        var repo: OpaquePointer?
        let code = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        guard code == 0, let repo else {
            throw StateError.notARepository(path, detail: lastError())
        }
        return GitRepository(handle: repo)
    }

    /// Creates a bare repository whose HEAD names `branch` (the folders too).
    public static func create(_ path: String, branch: String) throws(StateError) -> GitRepository {
        _ = initialized
        var options = git_repository_init_options()
        git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_BARE.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var repo: OpaquePointer?
        let code = ("refs/heads/" + branch).withCString { head -> Int32 in
            options.initial_head = head
            return git_repository_init_ext(&repo, path, &options)
        }
        guard code == 0, let repo else { throw StateError.git("cannot create the state repository \(path)", lastError()) }
        return GitRepository(handle: repo)
    }

    static func lastError() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else { return "unknown libgit2 error" }
        return String(cString: message)
    }

    // MARK: References

    /// The commit a branch points at; nil when the branch does not exist. A ref that exists
    /// but cannot be read (corrupt, pointing at a missing or non-commit object) is an error.
    public func head(of branch: String) throws(StateError) -> ObjectID? {
        // A branch that is a symbolic reference reads as its target's commit, but the commit
        // that moves it (compare-and-swap on a direct reference) then fails on every apply, with
        // an error saying the branch moved from X to X: refused here, by name.
        try Self.checkBranchName(branch)
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, handle, "refs/heads/" + branch)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        guard code == 0 else { throw StateError.corruptState("branch \(branch): \(Self.lastError())") }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) != GIT_REFERENCE_SYMBOLIC else {
            let target = git_reference_symbolic_target(reference).map { String(cString: $0) } ?? "?"
            throw StateError.corruptState(
                "branch \(branch) is a symbolic reference to \(target); ttlc moves a branch's commit directly: use --branch with the branch it names, or make \(branch) a plain branch")
        }
        guard let target = git_reference_target(reference) else { throw StateError.corruptState("branch \(branch): no commit id") }
        var oid = target.pointee
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, handle, &oid) == 0 else {
            throw StateError.corruptState("branch \(branch) points at \(ObjectID(oid)), which is not a readable commit: \(Self.lastError())")
        }
        git_commit_free(commit)
        return ObjectID(oid)
    }

    /// A branch name git takes (`git check-ref-format --branch`): the spec's pattern lets
    /// through names such as `x.lock`, and a plan file or `--branch` can say anything; each was
    /// reported as a damaged state repository.
    static func checkBranchName(_ branch: String) throws(StateError) {
        // libgit2 records why a name is invalid in state its init sets up (it crashed here on
        // a new state, before any repository was opened).
        _ = initialized
        var valid: Int32 = 0
        guard git_reference_name_is_valid(&valid, "refs/heads/" + branch) == 0, valid != 0 else {
            throw StateError.contradiction("\"\(branch)\" is not a valid git branch name (no spaces, \"..\", \"~^:?*[\\\", leading \".\" or trailing \".lock\" in any part)")
        }
    }

    /// Whether the repository has any branch at all (an empty state is not a missing branch).
    public func hasBranches() -> Bool {
        var iterator: OpaquePointer?
        guard git_reference_iterator_glob_new(&iterator, handle, "refs/heads/*") == 0 else { return false }
        defer { git_reference_iterator_free(iterator) }
        var name: UnsafePointer<CChar>?
        return git_reference_next_name(&name, iterator) == 0
    }

    /// Points `branch` at `new` only if it still points at `expected` (nil: only if it does not
    /// exist). Returns false when another writer moved it first.
    public func compareAndSwap(branch: String, to new: ObjectID, expected: ObjectID?, message: String) throws(StateError) -> Bool {
        var ref: OpaquePointer?
        var target = new.raw
        let name = "refs/heads/" + branch
        let code: Int32
        if var current = expected?.raw {
            code = git_reference_create_matching(&ref, handle, name, &target, 1, &current, message)
        } else {
            code = git_reference_create(&ref, handle, name, &target, 0, message)
        }
        git_reference_free(ref)
        if code == 0 { return true }
        if code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue || code == GIT_ENOTFOUND.rawValue {
            return false
        }
        if code == GIT_ELOCKED.rawValue {
            // git's own lock file on the ref: held by a git process now, or left by one that
            // stopped (libgit2's message ends at "for writing: " with nothing after it).
            var detail = Self.lastError()
            while detail.hasSuffix(" ") || detail.hasSuffix(":") { detail.removeLast() }
            throw StateError.git(
                "cannot move branch \(branch)",
                detail + "; another git process is writing the branch, or one stopped before removing its lock: when none runs on the state, remove the .lock file and apply again")
        }
        throw StateError.git("cannot move branch \(branch)", Self.lastError())
    }

    // MARK: Reading

    /// Every file (blob) of a commit's tree under `prefix` ("" for all), by path relative to it.
    public func files(of commit: ObjectID, under prefix: String) throws(StateError) -> [String: ObjectID] {
        let root = try tree(of: commit)
        var raw = root.raw
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, handle, &raw) == 0, let tree else { throw StateError.corruptState("tree of \(commit): \(Self.lastError())") }
        defer { git_tree_free(tree) }
        var out: [String: ObjectID] = [:]
        guard !prefix.isEmpty else {
            try collect(tree, path: "", into: &out)
            return out
        }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, prefix) == 0 else { return [:] }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return [:] }
        var sub: OpaquePointer?
        guard git_tree_lookup(&sub, handle, git_tree_entry_id(entry)) == 0, let sub else { throw StateError.corruptState("tree \(prefix): \(Self.lastError())") }
        defer { git_tree_free(sub) }
        try collect(sub, path: "", into: &out)
        return out
    }

    private func collect(_ tree: OpaquePointer, path: String, into out: inout [String: ObjectID]) throws(StateError) {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let name = path + String(cString: git_tree_entry_name(entry))
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_BLOB:
                out[name] = ObjectID(git_tree_entry_id(entry).pointee)
            case GIT_OBJECT_TREE:
                var sub: OpaquePointer?
                guard git_tree_lookup(&sub, handle, git_tree_entry_id(entry)) == 0, let sub else {
                    throw StateError.corruptState("tree \(name): \(Self.lastError())")
                }
                defer { git_tree_free(sub) }
                try collect(sub, path: name + "/", into: &out)
            default:
                continue  // submodules: not ours
            }
        }
    }

    /// The bytes of a blob.
    public func blob(_ id: ObjectID) throws(StateError) -> [UInt8] {
        var raw = id.raw
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, handle, &raw) == 0, let blob else { throw StateError.corruptState("blob \(id): \(Self.lastError())") }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// The first parent of a commit and its message.
    public func commitInfo(_ id: ObjectID) throws(StateError) -> (parent: ObjectID?, message: String) {
        var raw = id.raw
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, handle, &raw) == 0, let commit else { throw StateError.unknownCommit(id.hex) }
        defer { git_commit_free(commit) }
        let parent = git_commit_parentcount(commit) > 0 ? git_commit_parent_id(commit, 0).map { ObjectID($0.pointee) } : nil
        return (parent, String(cString: git_commit_message(commit)))
    }

    /// Resolves a full or abbreviated commit id.
    public func resolveCommit(_ text: String) throws(StateError) -> ObjectID {
        var object: OpaquePointer?
        guard git_revparse_single(&object, handle, text + "^{commit}") == 0, let object else { throw StateError.unknownCommit(text) }
        defer { git_object_free(object) }
        return ObjectID(git_object_id(object).pointee)
    }

    /// The tree of a commit.
    public func tree(of commit: ObjectID) throws(StateError) -> ObjectID {
        var raw = commit.raw
        var handleCommit: OpaquePointer?
        guard git_commit_lookup(&handleCommit, handle, &raw) == 0, let handleCommit else { throw StateError.unknownCommit(commit.hex) }
        defer { git_commit_free(handleCommit) }
        return ObjectID(git_commit_tree_id(handleCommit).pointee)
    }

    // MARK: Writing

    /// The id a blob of these bytes has, without writing it.
    public static func blobID(_ bytes: [UInt8]) -> ObjectID {
        var oid = git_oid()
        bytes.withUnsafeBytes { buffer in _ = git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB) }
        return ObjectID(oid)
    }

    public func writeBlob(_ bytes: [UInt8]) throws(StateError) -> ObjectID {
        var oid = git_oid()
        let code = bytes.withUnsafeBytes { buffer in git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count) }
        guard code == 0 else { throw StateError.git("cannot write a blob", Self.lastError()) }
        return ObjectID(oid)
    }

    /// The folders of a tree of files (path → blob), the root first: each folder's depth and
    /// entries, a file naming its blob, a subfolder the index of its folder.
    struct Folder {
        var depth: Int
        var entries: [(name: Substring, id: ObjectID?, child: Int)]
    }

    /// A subfolder always comes after its parent, and entries come in git's order. The paths are
    /// taken in byte order, so each folder's files are neighbours: the folders of the previous
    /// path stay open while the next one shares them (no lookup of folders by path).
    static func folders(paths: [String], ids: [ObjectID]) -> [Folder] {
        let order = paths.indices.sorted { precedesBytewise(paths[$0], paths[$1]) }
        var folders = [Folder(depth: 0, entries: [])]
        var open: [(name: Substring, folder: Int)] = []
        for item in order {
            let path = paths[item]
            var folder = 0
            var depth = 0
            var start = path.startIndex
            // By bytes: characters would segment graphemes, and compare names by canonical
            // equivalence where git compares bytes.
            while let slash = path.utf8[start...].firstIndex(of: UInt8(ascii: "/")) {
                let name = path[start..<slash]
                if depth < open.count, open[depth].name.utf8.elementsEqual(name.utf8) {
                    folder = open[depth].folder
                } else {
                    open.removeSubrange(min(depth, open.count)...)
                    folders.append(Folder(depth: depth + 1, entries: []))
                    folders[folder].entries.append((name, nil, folders.count - 1))
                    folder = folders.count - 1
                    open.append((name, folder))
                }
                depth += 1
                start = path.utf8.index(after: slash)
            }
            open.removeSubrange(min(depth, open.count)...)
            folders[folder].entries.append((path[start...], ids[item], -1))
        }
        return folders
    }

    /// Byte order of two paths' UTF-8 (memcmp over their storage when it is contiguous).
    private static func precedesBytewise(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Writes the trees for a set of files (path → blob) and returns the root tree's id.
    public func writeTree(_ files: [String: ObjectID]) throws(StateError) -> ObjectID {
        // Folders are written deepest first so each parent can name its children's ids.
        let folders = Self.folders(paths: Array(files.keys), ids: Array(files.values))
        var written = [ObjectID?](repeating: nil, count: folders.count)
        for folder in folders.indices.sorted(by: { folders[$0].depth > folders[$1].depth }) {
            var builder: OpaquePointer?
            guard git_treebuilder_new(&builder, handle, nil) == 0, let builder else { throw StateError.git("cannot build a tree", Self.lastError()) }
            defer { git_treebuilder_free(builder) }
            for entry in folders[folder].entries {
                guard var raw = (entry.id ?? written[entry.child])?.raw else { throw StateError.git("cannot build a tree", "no tree for \(entry.name)") }
                let mode = entry.id == nil ? GIT_FILEMODE_TREE : GIT_FILEMODE_BLOB
                guard git_treebuilder_insert(nil, builder, String(entry.name), &raw, mode) == 0 else {
                    throw StateError.git("cannot add \(entry.name) to a tree", Self.lastError())
                }
            }
            var oid = git_oid()
            guard git_treebuilder_write(&oid, builder) == 0 else { throw StateError.git("cannot write a tree", Self.lastError()) }
            written[folder] = ObjectID(oid)
        }
        guard let root = written[0] else { throw StateError.git("cannot build a tree", "no root") }
        return root
    }

    /// Writes a commit object (moves no reference).
    public func commit(tree: ObjectID, parent: ObjectID?, message: String, author: Identity) throws(StateError) -> ObjectID {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_now(&signature, author.name, author.email) == 0, let signature else {
            throw StateError.git("invalid git identity \(author)", Self.lastError())
        }
        defer { git_signature_free(signature) }
        var treeRaw = tree.raw
        var treeHandle: OpaquePointer?
        guard git_tree_lookup(&treeHandle, handle, &treeRaw) == 0 else { throw StateError.git("cannot read the new tree", Self.lastError()) }
        defer { git_tree_free(treeHandle) }
        var parentHandle: OpaquePointer?
        if let parent {
            var raw = parent.raw
            guard git_commit_lookup(&parentHandle, handle, &raw) == 0 else { throw StateError.unknownCommit(parent.hex) }
        }
        defer { if let parentHandle { git_commit_free(parentHandle) } }
        var oid = git_oid()
        var parents: [OpaquePointer?] = parentHandle.map { [$0] } ?? []
        let code = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&oid, handle, nil, signature, signature, "UTF-8", message, treeHandle, buffer.count, buffer.baseAddress)
        }
        guard code == 0 else { throw StateError.git("cannot write the commit", Self.lastError()) }
        return ObjectID(oid)
    }

    /// The identity in the user's git configuration, for a state that does not exist yet.
    public static func userIdentity() -> Identity? {
        _ = initialized
        var config: OpaquePointer?
        guard git_config_open_default(&config) == 0, let config else { return nil }
        defer { git_config_free(config) }
        func read(_ name: String) -> String? {
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            guard git_config_get_string_buf(&buffer, config, name) == 0, let text = buffer.ptr else { return nil }
            return String(cString: text)
        }
        guard let name = read("user.name"), let email = read("user.email") else { return nil }
        return Identity(name: name, email: email)
    }

    /// The identity in the repository's (or the user's) git configuration: who approves.
    public func configuredIdentity() -> Identity? {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, handle) == 0, let signature else { return nil }
        defer { git_signature_free(signature) }
        return Identity(name: String(cString: signature.pointee.name), email: String(cString: signature.pointee.email))
    }
}

/// A git object id.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    var raw: git_oid
    init(_ raw: git_oid) { self.raw = raw }

    public init?(hex: String) {
        var oid = git_oid()
        guard hex.utf8.count == 40, git_oid_fromstr(&oid, hex) == 0 else { return nil }
        raw = oid
    }

    public var hex: String {
        var copy = raw
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, 41, &copy)
        return String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var short: String { String(hex.prefix(12)) }
    public var description: String { hex }

    public static func == (a: ObjectID, b: ObjectID) -> Bool {
        withUnsafeBytes(of: a.raw) { x in withUnsafeBytes(of: b.raw) { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw) { hasher.combine(bytes: $0) }
    }
}

/// A git author or approver.
public struct Identity: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var email: String
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
    public var description: String { "\(name) <\(email)>" }
}
