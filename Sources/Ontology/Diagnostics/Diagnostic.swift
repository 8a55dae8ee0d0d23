/// How bad a finding is. Errors stop a build; warnings are printed and the build goes on.
public enum Severity: String, Sendable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A stable identifier for a kind of finding (`syntax.turtle`, `shape.minCount`), so tools and
/// tests match on the kind, never on the wording.
public struct MessageID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// A secondary location that explains a diagnostic ("first defined here").
public struct Note: Hashable, Sendable {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// A finding about the input, as a value: produced by the library, printed only by the CLI.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public var id: MessageID
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]
    /// For shape and model checks: the node checked, the property path and the offending value.
    public var focus: String?
    public var path: String?
    public var value: String?

    public init(
        _ id: MessageID, _ message: String, severity: Severity = .error,
        at location: SourceLocation?, notes: [Note] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `file:line:col: error: message`, the one-line form (no source excerpt).
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
