import CLibGit2

/// The desired tree hashed the way git would write it (TreeHashing: no object written anywhere)
/// and compared with the state's tree the way `git diff` does: subtrees with the same id are
/// skipped unread, so the cost follows what changed, not the size of the state.
struct TreeComparison {
    enum Status { case added, deleted, modified }

    struct Delta {
        var path: String
        var status: Status
        var old: ObjectID?
        var new: ObjectID?
    }

    typealias Entries = [String: (id: ObjectID, isTree: Bool)]

    /// Files that differ between the state's tree under `prefix` at `head` and `files`.
    static func deltas(_ state: GitRepository, head: ObjectID, prefix: String, files: [String: [UInt8]]) throws(StateError) -> [Delta] {
        let desired = try HashedTree(files)
        var out: [Delta] = []
        try walk(old: try state.subtree(of: head, at: prefix), new: desired.root, path: "", before: state.entries(of:), after: desired.entries(of:), into: &out)
        return out
    }

    /// Files that differ between two trees of the state itself (drift since the last apply).
    static func deltas(_ repository: GitRepository, from old: ObjectID?, to new: ObjectID?) throws(StateError) -> [Delta] {
        var out: [Delta] = []
        try walk(old: old, new: new, path: "", before: repository.entries(of:), after: repository.entries(of:), into: &out)
        return out
    }

    /// `git diff`'s walk: entries with equal ids are skipped unread; differing subtrees are
    /// entered, one side possibly missing (everything under it added or deleted).
    private static func walk(
        old: ObjectID?, new: ObjectID?, path: String, before: (ObjectID) throws(StateError) -> Entries, after: (ObjectID) throws(StateError) -> Entries,
        into out: inout [Delta]
    ) throws(StateError) {
        let a = try old.map { id throws(StateError) in try before(id) } ?? [:]
        let b = try new.map { id throws(StateError) in try after(id) } ?? [:]
        for name in Set(a.keys).union(b.keys).sorted() {
            let was = a[name]
            let now = b[name]
            if let was, let now, was.id == now.id, was.isTree == now.isTree { continue }
            let child = path + name
            if was?.isTree == true || now?.isTree == true {
                try walk(
                    old: was?.isTree == true ? was?.id : nil, new: now?.isTree == true ? now?.id : nil, path: child + "/", before: before, after: after,
                    into: &out)
            }
            let oldBlob = was?.isTree == false ? was?.id : nil
            let newBlob = now?.isTree == false ? now?.id : nil
            switch (oldBlob, newBlob) {
            case (nil, nil): continue
            case (nil, let id?): out.append(Delta(path: child, status: .added, old: nil, new: id))
            case (let id?, nil): out.append(Delta(path: child, status: .deleted, old: id, new: nil))
            case (let id?, let to?): out.append(Delta(path: child, status: .modified, old: id, new: to))
            }
        }
    }
}

/// A tree of files with the ids git gives it, computed without writing an object: blob ids
/// hashed on every core, then each folder's tree object assembled (entries in git's order,
/// modes as libgit2's tree builder writes them) and hashed, deepest first. Equal to the ids
/// `GitRepository.writeTree` would write, so the comparison skips every subtree the state
/// already holds; building a tree object database in memory cost more than the whole walk.
struct HashedTree {
    let root: ObjectID
    private let folders: [GitRepository.Folder]
    /// Each folder's tree id, and the folder of each tree id.
    private let ids: [ObjectID]
    private let folderOf: [ObjectID: Int]

    init(_ files: [String: [UInt8]]) throws(StateError) {
        let paths = Array(files.keys)
        let blobs = ParallelMap.map(Array(files.values)) { GitRepository.blobID($0) }
        let folders = GitRepository.folders(paths: paths, ids: blobs)
        var ids = [ObjectID](repeating: ObjectID(git_oid()), count: folders.count)
        var folderOf: [ObjectID: Int] = [:]
        folderOf.reserveCapacity(folders.count)
        var object: [UInt8] = []
        // A subfolder comes after its parent: backwards, every child is hashed before its parent.
        for folder in folders.indices.reversed() {
            var entries: [(name: [UInt8], id: ObjectID, isTree: Bool)] = []
            entries.reserveCapacity(folders[folder].entries.count)
            for entry in folders[folder].entries {
                let name = Array(entry.name.utf8)
                guard Self.isValid(name) else { throw StateError.git("cannot add \(entry.name) to a tree", "invalid path component") }
                entries.append((name, entry.id ?? ids[entry.child], entry.id == nil))
            }
            entries.sort { Self.precedes($0.name, $0.isTree, $1.name, $1.isTree) }
            object.removeAll(keepingCapacity: true)
            for entry in entries {
                object += entry.isTree ? Self.treeMode : Self.blobMode
                object += entry.name
                object.append(0)
                withUnsafeBytes(of: entry.id.raw.id) { object += $0 }
            }
            var oid = git_oid()
            let code = object.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_TREE) }
            guard code == 0 else { throw StateError.git("cannot hash a tree", GitRepository.lastError()) }
            ids[folder] = ObjectID(oid)
            folderOf[ObjectID(oid)] = folder
        }
        self.root = ids[0]
        self.folders = folders
        self.ids = ids
        self.folderOf = folderOf
    }

    /// The entries of one of these trees by name (empty for an id that is not one of them).
    func entries(of tree: ObjectID) -> TreeComparison.Entries {
        guard let folder = folderOf[tree] else { return [:] }
        var out: TreeComparison.Entries = [:]
        for entry in folders[folder].entries { out[String(entry.name)] = (entry.id ?? ids[entry.child], entry.id == nil) }
        return out
    }

    private static let blobMode = Array("100644 ".utf8)
    private static let treeMode = Array("40000 ".utf8)

    /// Git's order of tree entries: by name bytes, a tree's name read as if it ended in "/".
    private static func precedes(_ a: [UInt8], _ aIsTree: Bool, _ b: [UInt8], _ bIsTree: Bool) -> Bool {
        let common = min(a.count, b.count)
        for index in 0..<common where a[index] != b[index] { return a[index] < b[index] }
        let x: UInt8 = a.count > common ? a[common] : aIsTree ? UInt8(ascii: "/") : 0
        let y: UInt8 = b.count > common ? b[common] : bIsTree ? UInt8(ascii: "/") : 0
        return x < y
    }

    /// The names libgit2's tree builder refuses: empty, ".", "..", ".git", or holding a NUL.
    private static func isValid(_ name: [UInt8]) -> Bool {
        guard !name.isEmpty, name != Array(".".utf8), name != Array("..".utf8), !name.contains(0) else { return false }
        return String(decoding: name, as: UTF8.self).lowercased() != ".git"
    }
}

extension GitRepository {
    /// The id of the tree at `path` in a commit ("" for its root); nil when there is none.
    func subtree(of commit: ObjectID, at path: String) throws(StateError) -> ObjectID? {
        let root = try tree(of: commit)
        guard !path.isEmpty else { return root }
        return try entry(in: root, at: path, type: GIT_OBJECT_TREE, naming: "tree of \(commit)")
    }

    /// The blob at `path` under a tree, if there is one.
    func blob(in treeID: ObjectID, at path: String) throws(StateError) -> ObjectID? {
        try entry(in: treeID, at: path, type: GIT_OBJECT_BLOB, naming: "tree \(treeID)")
    }

    /// The object of one type at `path` under a tree; nil when the path is missing or holds
    /// another type. `naming`: the tree as an error about it should name it.
    private func entry(in treeID: ObjectID, at path: String, type: git_object_t, naming: String) throws(StateError) -> ObjectID? {
        var raw = treeID.raw
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, handle, &raw) == 0 else { throw StateError.corruptState("\(naming): \(Self.lastError())") }
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0 else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == type else { return nil }
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
}
