/// `.ttlc/overrides.json` in the state: the replica counts `ttlc decide --apply` decided for
/// blueprint services, each with the audit operation that decided it. The spec stays the source
/// of truth (a count outside the blueprint's min..max is clamped to it, a service without a
/// blueprint ignores its entry); plan and apply build the Deployment from the spec and this file.
///
/// ```json
/// { "format_version": "1.0",
///   "replicas": [ { "service": "threat-api", "replicas": 3, "operation": "op-2" } ] }
/// ```
public struct ReplicaOverrides: Sendable, Equatable {
    public static let path = ".ttlc/overrides.json"
    public static let formatVersion = "1.0"

    public struct Entry: Sendable, Equatable {
        public var service: String
        public var replicas: Int
        /// The audit record (`op-N`) that decided it.
        public var operation: String
    }

    /// By service name, in name order.
    public private(set) var entries: [Entry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    public func entry(for service: String) -> Entry? { entries.first { $0.service == service } }

    /// The overrides with one service's count set (or replaced).
    public func setting(_ service: String, to replicas: Int, operation: String) -> ReplicaOverrides {
        var copy = self
        copy.entries.removeAll { $0.service == service }
        copy.entries.append(Entry(service: service, replicas: replicas, operation: operation))
        copy.entries.sort { $0.service < $1.service }
        return copy
    }

    /// The counts as the model takes them, each located at the decision that made it.
    public func decisions(for model: SystemModel) -> [String: Located<Int>] {
        var out: [String: Located<Int>] = [:]
        for service in model.services {
            guard case .blueprint(let blueprint) = service.replicas, let entry = entry(for: service.name) else { continue }
            out[service.name] = Located(entry.replicas, Origin(subject: blueprint.origin.subject, property: "replicas decided by \(entry.operation)"))
        }
        return out
    }

    public func file() -> [UInt8] {
        JSONText.object([
            ("format_version", .string(Self.formatVersion)),
            ("replicas", .array(entries.map { .object([("service", .string($0.service)), ("replicas", .int($0.replicas)), ("operation", .string($0.operation))]) })),
        ]).renderedBytes()
    }

    /// Reads the file; a damaged one is an error that names it (the state is then not trusted).
    public static func read(_ bytes: [UInt8]) throws(StateError) -> ReplicaOverrides {
        let json: JSONValue
        switch JSONValue.parse(bytes) {
        case .success(let value): json = value
        // jansson's reason (a count past 64 bits is "too big integer", not a syntax error).
        case .failure(let error): throw StateError.corruptState("\(path):\(error.line):\(error.column): \(error.message)")
        }
        guard let version = json["format_version"]?.string, version.hasPrefix("1.") else {
            throw StateError.corruptState("\(path): format_version \(json["format_version"]?.string ?? "missing") is not 1.x")
        }
        var overrides = ReplicaOverrides()
        for (index, item) in (json["replicas"]?.array ?? []).enumerated() {
            guard let service = item["service"]?.string, let count = item["replicas"]?.number, count >= 0, count <= 1e6, count.rounded() == count else {
                throw StateError.corruptState("\(path): replicas[\(index)] needs a service and a whole replica count")
            }
            overrides = overrides.setting(service, to: Int(count), operation: item["operation"]?.string ?? "")
        }
        return overrides
    }
}
