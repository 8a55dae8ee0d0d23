/// A saved plan (`ttlc plan --out PLANFILE`): everything `ttlc apply PLANFILE --approve` needs
/// to redo the same plan and check it is still the same: the state, branch and path, the base
/// commit, the spec files and their digest, and the plan's digest, which the approval names.
public struct PlanFile: Sendable, Equatable {
    public static let formatVersion = "1.0"

    public var target: StateTarget
    public var base: String?
    public var specPaths: [String]
    public var specDigest: String
    public var planDigest: String
    /// The plan as the file shows it to the reviewer (read from a file; nil for one being made).
    /// Apply checks it is the plan it redoes: the digest pins the changes, not their rendering,
    /// and a body edited to show fewer changes was otherwise approved and applied as it stood.
    public var body: JSONValue?

    public init(target: StateTarget, base: String?, specPaths: [String], specDigest: String, planDigest: String, body: JSONValue? = nil) {
        self.target = target
        self.base = base
        self.specPaths = specPaths
        self.specDigest = specDigest
        self.planDigest = planDigest
        self.body = body
    }

    /// The file: these fields, then the plan as `--format json` shows it, for the reviewer.
    public func text(plan: JSONText) -> String {
        JSONText.object([
            ("format_version", .string(Self.formatVersion)), ("kind", .string("ttlc-plan")),
            ("state", .string(target.location)), ("branch", .string(target.branch)), ("path", .string(target.path)),
            ("base", base.map { .string($0) } ?? .null), ("spec_paths", .array(specPaths.map { .string($0) })),
            ("spec_digest", .string(specDigest)), ("plan_digest", .string(planDigest)), ("plan", plan),
        ]).rendered()
    }

    public static func read(_ bytes: [UInt8], path: String) throws(StateError) -> PlanFile {
        let json: JSONValue
        switch JSONValue.parse(bytes) {
        case .success(let value): json = value
        case .failure(let error): throw StateError.invalidPlanFile("\(path):\(error.line):\(error.column)", error.message)
        }
        guard json["kind"]?.string == "ttlc-plan" else { throw StateError.invalidPlanFile(path, "no \"kind\": \"ttlc-plan\"") }
        guard let version = json["format_version"]?.string, version.hasPrefix("1.") else {
            throw StateError.invalidPlanFile(path, "format_version \(json["format_version"]?.string ?? "missing") is not 1.x")
        }
        /// A string field, or an error naming it.
        func field(_ key: String) throws(StateError) -> String {
            guard let value = json[key] else { throw StateError.invalidPlanFile(path, "no \"\(key)\"") }
            guard let text = value.string else { throw StateError.invalidPlanFile(path, "\"\(key)\" is not a string") }
            return text
        }
        let target = StateTarget(location: try field("state"), branch: try field("branch"), path: try field("path"))
        let specDigest = try field("spec_digest")
        let planDigest = try field("plan_digest")
        guard let body = json["plan"], case .object = body else { throw StateError.invalidPlanFile(path, "no \"plan\" object (the plan the reviewer reads)") }
        return PlanFile(
            target: target, base: json["base"]?.string, specPaths: json["spec_paths"]?.strings ?? [], specDigest: specDigest,
            planDigest: planDigest, body: body)
    }
}
