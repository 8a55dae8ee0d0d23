/// Writes JSON in exactly `JSONText`'s layout (two-space indents, `{}` and `[]` when empty),
/// straight into bytes. For the large files (the inventory, the stored model): building a
/// `JSONText` tree of every entry first cost more than the writing.
public struct JSONStream {
    public private(set) var sink: ByteSink
    private var depth: Int
    /// No member written yet in the innermost open object or array.
    private var empty = true
    /// A key was written; the value that follows needs no separator.
    private var afterKey = false
    /// Nothing written yet: the first value is the document (or the part) itself.
    private var atStart = true

    /// `depth`: the nesting the output sits at, for a part pasted into a larger document.
    public init(capacity: Int = 0, depth: Int = 0) {
        sink = ByteSink(capacity: capacity)
        self.depth = depth
    }

    public var bytes: [UInt8] { sink.bytes }

    /// The bytes of a whole file: with the final newline `JSONText.renderedBytes` ends with.
    /// Ends the stream: the newline goes into its own buffer, so that a large file (the
    /// inventory is tens of megabytes) is not copied to add one byte.
    public mutating func finishedFile() -> [UInt8] {
        sink.append(UInt8(ascii: "\n"))
        return sink.bytes
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ name: String) {
        separate()
        JSONText.quote(name, into: &sink)
        sink.append(": ")
        afterKey = true
    }

    public mutating func string(_ text: String) {
        startValue()
        JSONText.quote(text, into: &sink)
    }

    /// A member with a string value.
    public mutating func member(_ name: String, _ text: String) {
        key(name)
        string(text)
    }

    /// An array of strings as one member.
    public mutating func member(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for text in strings { string(text) }
        endArray()
    }

    /// Bytes that already hold a value rendered at this depth (a part written by another stream).
    public mutating func rendered(_ value: [UInt8]) {
        startValue()
        sink.append(value)
    }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        sink.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !empty {
            sink.append(UInt8(ascii: "\n"))
            sink.appendSpaces(2 * depth)
        }
        sink.append(bracket)
        // The container just closed is a member of its parent, so the parent is not empty.
        empty = false
    }

    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if atStart {
            atStart = false
        } else {
            separate()
        }
    }

    private mutating func separate() {
        sink.append(empty ? "\n" : ",\n")
        sink.appendSpaces(2 * depth)
        empty = false
    }
}
