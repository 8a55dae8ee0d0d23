import Ontology

/// Where a value of the model came from: the spec subject, the property, and the place it was
/// written. Every emitted field carries one, so `explain` and the model-level plan can say why
/// a line of output is what it is.
///
/// A class with value equality: values share the origin they were read with, so copying a
/// model or a document (a scalar per field) moves one reference, not three strings.
public final class Origin: Hashable, Sendable, Codable {
    /// The IRI of the spec object (or of the object owning a `[ … ]` part).
    public let subject: String
    /// The property IRI; nil for the object as a whole.
    public let property: String?
    public let location: SourceLocation?

    public init(subject: String, property: String? = nil, location: SourceLocation? = nil) {
        self.subject = subject
        self.property = property
        self.location = location
    }

    public static func == (a: Origin, b: Origin) -> Bool {
        a === b || (a.subject == b.subject && a.property == b.property && a.location == b.location)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(subject)
        hasher.combine(property)
        hasher.combine(location)
    }
}

/// A model value and its origin.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: Origin

    public init(_ value: Value, _ origin: Origin) {
        self.value = value
        self.origin = origin
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

extension SourceLocation: Codable {
    enum CodingKeys: String, CodingKey { case file, line, column }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file), line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}
