/// Values a command built and uses until the process ends, handed over here so that they are
/// never freed: the process exits right after, and the kernel takes the memory back at once.
/// Freeing a large build's desired state (tens of thousands of small documents, each a tree of
/// boxes and strings) took as long as writing its files. Compilers do the same with their ASTs
/// (clang's -disable-free).
enum KeptUntilExit {
    private final class Box: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    static func keep(_ value: Any) {
        // One retain that no release balances: the box and everything it holds stay alive.
        _ = Unmanaged.passRetained(Box(value))
    }
}
