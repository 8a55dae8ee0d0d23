import Emitters
import Planner

/// One field of an explained object: its path, the value it holds and the spec term it came from.
struct ExplainedField {
    var path: String
    /// The scalar's text; nil for a map or list made from one spec object as a whole.
    var value: String?
    var origin: Origin
}

/// What `ttlc explain` found for a target: the objects it names, each field with its origin, the
/// spec subjects they are made from and the other outputs built from those subjects.
struct Explanation {
    enum Kind: String {
        case file, resource
        case bgpProtocol = "bgp-protocol"
        case rule
    }

    struct Part {
        /// `Deployment/edge/river-proxy`, `bgp/fra1-n1:peer_transit_a`, a rule name.
        var name: String
        /// The output file holding it, when it is written to one.
        var path: String?
        var fields: [ExplainedField]
    }

    struct Subject {
        var iri: String
        var declared: Origin?
    }

    var target: String
    var kind: Kind
    var parts: [Part]
    var subjects: [Subject]
    /// Another output made from the target's main subjects: a Kubernetes object and its file,
    /// or a file that is not one object.
    struct Dependent {
        var resource: String?
        var path: String
    }

    var dependents: [Dependent]
}

/// Finds the target among the build's outputs and the model.
struct Explainer {
    let model: SystemModel
    let resources: [Resource]
    let files: [OutputFile]
    let protocols: [BIRDProtocol]
    let declarations: [String: Origin]

    init(model: SystemModel) {
        self.model = model
        self.resources = (Emitters.resources(model) + BIRDEmitter.resources(model)).sorted { $0.id < $1.id }
        self.files = Emitters.build(model)
        self.protocols = BIRDEmitter.protocols(model)
        self.declarations = ModelFields.declarations(model)
    }

    /// The explanation of `target`, or nil when nothing has that name.
    func explain(_ target: String) -> Explanation? {
        if let resource = resources.first(where: { $0.id.description == target }) {
            return explanation(target, .resource, parts: [part(resource)], subjects: resource.subjects, main: Array(resource.subjects.prefix(1)), own: [resource.path])
        }
        let path = target.hasPrefix("ops/") ? String(target.dropFirst(4)) : target
        let inFile = resources.filter { $0.path == path }
        if !inFile.isEmpty {
            return explanation(
                target, .file, parts: inFile.map(part), subjects: inFile.flatMap(\.subjects), main: inFile.flatMap { $0.subjects.prefix(1) }, own: [path])
        }
        if let file = files.first(where: { $0.path == path }) {
            return explanation(target, .file, parts: [], subjects: file.subjects, main: file.subjects, own: [path])
        }
        if let found = bgpProtocol(target) {
            let object = model.peers.first { $0.origin.subject == found.subject } as Any?
                ?? model.anycastPrefixes.first { $0.origin.subject == found.subject } as Any?
                ?? model.rpkiValidators.first { $0.origin.subject == found.subject } as Any?
            let part = Explanation.Part(
                name: "bgp/\(found.node):\(found.symbol)", path: "bgp/\(found.node)/\(found.file)", fields: object.map(ModelFields.list) ?? [])
            return explanation(target, .bgpProtocol, parts: [part], subjects: [found.subject], main: [found.subject], own: [])
        }
        if let rule = model.rules.first(where: { $0.name == target }) {
            let part = Explanation.Part(name: rule.name, path: nil, fields: ModelFields.list(rule))
            return explanation(target, .rule, parts: [part], subjects: [rule.origin.subject], main: [rule.origin.subject], own: [])
        }
        return nil
    }

    /// `bgp/<node>:<protocol>`, the protocol named by its BIRD symbol or its spec name.
    private func bgpProtocol(_ target: String) -> BIRDProtocol? {
        guard target.hasPrefix("bgp/"), let colon = target.lastIndex(of: ":") else { return nil }
        let node = String(target[target.index(target.startIndex, offsetBy: 4)..<colon])
        let name = String(target[target.index(after: colon)...])
        return protocols.first { $0.node == node && ($0.symbol == name || $0.name == name) }
    }

    private func part(_ resource: Resource) -> Explanation.Part {
        let fields = resource.document.locatedFields().map { field in
            ExplainedField(path: field.path, value: field.value.map(Self.text), origin: field.origin)
        }
        return Explanation.Part(name: resource.id.description, path: resource.path, fields: fields)
    }

    /// `main` are the subjects the target is chiefly made from (a resource's first subject, not
    /// the System or namespace every object of a service mentions): outputs made from any of them
    /// are the dependents.
    private func explanation(
        _ target: String, _ kind: Explanation.Kind, parts: [Explanation.Part], subjects: [String], main: [String], own: Set<String>
    ) -> Explanation {
        var seen = Set<String>()
        let unique = subjects.filter { seen.insert($0).inserted }
        let wanted = Set(main)
        let ownNames = Set(parts.map(\.name))
        var dependents: [Explanation.Dependent] = []
        var covered = own
        for resource in resources where !ownNames.contains(resource.id.description) && !resource.subjects.allSatisfy({ !wanted.contains($0) }) {
            dependents.append(Explanation.Dependent(resource: resource.id.description, path: resource.path))
            covered.insert(resource.path)
        }
        // Files that are not one Kubernetes object (BIRD configuration, scripts). The inventory
        // and secrets list name every subject, so they say nothing about this one.
        for file in files where !covered.contains(file.path) && !file.path.hasPrefix(".ttlc/") && !file.subjects.allSatisfy({ !wanted.contains($0) }) {
            dependents.append(Explanation.Dependent(resource: nil, path: file.path))
        }
        return Explanation(
            target: target, kind: kind, parts: parts, subjects: unique.map { Explanation.Subject(iri: $0, declared: declarations[$0]) },
            dependents: dependents)
    }

    static func text(_ scalar: Document.Scalar) -> String {
        switch scalar {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .double(let value): String(value)
        case .null: "null"
        }
    }
}
