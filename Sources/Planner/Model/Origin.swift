import Ontology

/// Where a value of the model came from: the spec subject, the property, and the place it was
/// written. Every emitted field carries one, so `explain` and the model-level plan can say why
/// a line of output is what it is.
public struct Origin: Hashable, Sendable, Codable {
    /// The IRI of the spec object (or of the object owning a `[ … ]` part).
    public var subject: String
    /// The property IRI; nil for the object as a whole.
    public var property: String?
    public var location: SourceLocation?

    public init(subject: String, property: String? = nil, location: SourceLocation? = nil) {
        self.subject = subject
        self.property = property
        self.location = location
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
