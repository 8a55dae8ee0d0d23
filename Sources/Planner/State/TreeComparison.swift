import CLibGit2

/// The desired tree built in memory (blobs and trees in a mempack object database beside the
/// state's, never written to disk) and compared with the state's tree the way `git diff` does:
/// subtrees with the same id are skipped unread, so the cost follows what changed, not the size
/// of the state.
struct TreeComparison {
    enum Status { case added, deleted, modified }

    struct Delta {
        var path: String
        var status: Status
        var old: ObjectID?
        var new: ObjectID?
    }

    /// Files that differ between the state's tree under `prefix` at `head` and `files`.
    static func deltas(_ state: GitRepository, head: ObjectID, prefix: String, files: [String: [UInt8]]) throws(StateError) -> [Delta] {
        let memory = try GitRepository.inMemory()
        var ids: [String: ObjectID] = [:]
        for (path, bytes) in files { ids[path] = try memory.writeBlob(bytes) }
        let desired = try memory.writeTree(ids)
        var out: [Delta] = []
        try walk(state: state, old: try state.subtree(of: head, at: prefix), memory: memory, new: desired, path: "", into: &out)
        return out
    }

    /// Files that differ between two trees of the state itself (drift since the last apply).
    static func deltas(_ repository: GitRepository, from old: ObjectID?, to new: ObjectID?) throws(StateError) -> [Delta] {
        var out: [Delta] = []
        try walk(state: repository, old: old, memory: repository, new: new, path: "", into: &out)
        return out
    }

    /// `git diff`'s walk: entries with equal ids are skipped unread; differing subtrees are
    /// entered, one side possibly missing (everything under it added or deleted).
    private static func walk(state: GitRepository, old: ObjectID?, memory: GitRepository, new: ObjectID?, path: String, into out: inout [Delta]) throws(StateError) {
        let before = try old.map { id throws(StateError) in try state.entries(of: id) } ?? [:]
        let after = try new.map { id throws(StateError) in try memory.entries(of: id) } ?? [:]
        for name in Set(before.keys).union(after.keys).sorted() {
            let a = before[name]
            let b = after[name]
            if let a, let b, a.id == b.id, a.isTree == b.isTree { continue }
            let child = path + name
            if a?.isTree == true || b?.isTree == true {
                try walk(
                    state: state, old: a?.isTree == true ? a?.id : nil, memory: memory, new: b?.isTree == true ? b?.id : nil, path: child + "/",
                    into: &out)
            }
            let oldBlob = a?.isTree == false ? a?.id : nil
            let newBlob = b?.isTree == false ? b?.id : nil
            switch (oldBlob, newBlob) {
            case (nil, nil): continue
            case (nil, let id?): out.append(Delta(path: child, status: .added, old: nil, new: id))
            case (let id?, nil): out.append(Delta(path: child, status: .deleted, old: id, new: nil))
            case (let was?, let now?): out.append(Delta(path: child, status: .modified, old: was, new: now))
            }
        }
    }
}

extension GitRepository {
    /// The id of the tree at `path` in a commit ("" for its root); nil when there is none.
    func subtree(of commit: ObjectID, at path: String) throws(StateError) -> ObjectID? {
        let root = try tree(of: commit)
        guard !path.isEmpty else { return root }
        var raw = root.raw
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, handle, &raw) == 0 else { throw StateError.corruptState("tree of \(commit): \(Self.lastError())") }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0 else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
        return ObjectID(git_tree_entry_id(entry).pointee)
    }

    /// The blob at `path` under a tree, if there is one.
    func blob(in treeID: ObjectID, at path: String) throws(StateError) -> ObjectID? {
        var raw = treeID.raw
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, handle, &raw) == 0 else { throw StateError.corruptState("tree \(treeID): \(Self.lastError())") }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0 else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return ObjectID(git_tree_entry_id(entry).pointee)
    }

    /// Whether the object database already holds an object.
    func contains(_ id: ObjectID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, handle) == 0 else { return false }
        defer { git_odb_free(odb) }
        var raw = id.raw
        return git_odb_exists(odb, &raw) == 1
    }

    /// The entries of one tree by name: id, and whether each is a tree.
    func entries(of treeID: ObjectID) throws(StateError) -> [String: (id: ObjectID, isTree: Bool)] {
        var raw = treeID.raw
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, handle, &raw) == 0, let tree else { throw StateError.corruptState("tree \(treeID): \(Self.lastError())") }
        defer { git_tree_free(tree) }
        var out: [String: (id: ObjectID, isTree: Bool)] = [:]
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let type = git_tree_entry_type(entry)
            guard type == GIT_OBJECT_TREE || type == GIT_OBJECT_BLOB else { continue }
            out[String(cString: git_tree_entry_name(entry))] = (ObjectID(git_tree_entry_id(entry).pointee), type == GIT_OBJECT_TREE)
        }
        return out
    }

    /// A repository whose only object database is in memory (libgit2's mempack): the desired
    /// tree is hashed there without a write, or a freshening touch, on the state's disk.
    static func inMemory() throws(StateError) -> GitRepository {
        _ = initialized
        var repo: OpaquePointer?
        var odb: OpaquePointer?
        var backend: OpaquePointer?
        guard git_repository_new(&repo) == 0, let repo else { throw StateError.git("cannot make an in-memory repository", lastError()) }
        let memory = GitRepository(handle: repo)
        defer { git_odb_free(odb) }
        guard git_odb_new(&odb) == 0, git_mempack_new(&backend) == 0, git_odb_add_backend(odb, backend, 1) == 0, git_repository_set_odb(repo, odb) == 0 else {
            throw StateError.git("cannot make an in-memory object database", lastError())
        }
        return memory
    }
}
