import CJansson
import Ontology

/// The model as a flat table, stored by every apply as `.ttlc/model.json`: per spec subject its
/// class and each property's values (a `[ … ]` part read as `part.property` when it is the only
/// one, or as one `{…}` value per part). The next plan diffs against it, so the plan can say
/// what changed in the spec, not only in the output.
public struct CompiledModel: Sendable, Equatable {
    public struct Subject: Sendable, Equatable {
        public var kind: String
        public var properties: [String: [String]]
    }

    public static let path = ".ttlc/model.json"
    public static let formatVersion = "1.0"

    /// By subject name (the IRI's local name).
    public var subjects: [String: Subject]

    public init(subjects: [String: Subject] = [:]) { self.subjects = subjects }

    public static func compile(_ graph: Graph) -> CompiledModel {
        let index = GraphIndex(graph)
        var subjects: [String: Subject] = [:]
        for (node, _) in index.typeTriples.nonEmpty where graph.terms.kind(node) == .iri {
            let kind = index.types(of: node).map { localName(graph.terms.text($0)) }.sorted().first ?? ""
            var properties: [String: [String]] = [:]
            flatten(node, prefix: "", index: index, into: &properties, depth: 0)
            subjects[localName(graph.terms.text(node))] = Subject(kind: kind, properties: properties.mapValues { $0.sorted() })
        }
        return CompiledModel(subjects: subjects)
    }

    private static func flatten(_ node: TermID, prefix: String, index: GraphIndex, into out: inout [String: [String]], depth: Int) {
        let graph = index.graph
        var byProperty: [String: [TermID]] = [:]
        for tripleIndex in index.bySubject[node] where graph.triples[tripleIndex].predicate != index.rdfType {
            let triple = graph.triples[tripleIndex]
            byProperty[localName(graph.terms.text(triple.predicate)), default: []].append(triple.object)
        }
        for (property, values) in byProperty {
            let key = prefix + property
            let parts = values.filter { graph.terms.kind($0) == .blank }
            if parts.count == 1, values.count == 1, depth < 8 {
                flatten(parts[0], prefix: key + ".", index: index, into: &out, depth: depth + 1)
                continue
            }
            out[key, default: []] += values.map { value(of: $0, index: index, depth: depth) }
        }
    }

    /// A value as text; a part as `{a=1; b=x}` in key order.
    private static func value(of term: TermID, index: GraphIndex, depth: Int) -> String {
        let graph = index.graph
        switch graph.terms.kind(term) {
        case .iri: return localName(graph.terms.text(term))
        case .blank:
            guard depth < 8 else { return "{…}" }
            var inner: [String: [String]] = [:]
            flatten(term, prefix: "", index: index, into: &inner, depth: depth + 1)
            return "{" + inner.keys.sorted().map { "\($0)=\(inner[$0]!.sorted().joined(separator: ","))" }.joined(separator: "; ") + "}"
        default: return graph.terms.text(term)
        }
    }

    static func localName(_ iri: String) -> String { TermNames.localName(iri) }

    // MARK: Stored form

    public func file() -> [UInt8] {
        var out = JSONStream(capacity: 256 * subjects.count)
        out.beginObject()
        out.member("format_version", Self.formatVersion)
        out.key("subjects")
        out.beginArray()
        for name in subjects.keys.sorted() {
            let subject = subjects[name]!
            out.beginObject()
            out.member("name", name)
            out.member("kind", subject.kind)
            out.key("properties")
            out.beginObject()
            for property in subject.properties.keys.sorted() { out.member(property, strings: subject.properties[property]!) }
            out.endObject()
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return out.finishedFile()
    }

    /// Reads a stored model; nil when it is missing or not one, or of another major format
    /// version, whose fields this reader cannot vouch for (then the summary is skipped).
    /// Read straight off libjansson's tree: a large fleet's model is a megabyte, read every plan.
    public static func read(_ bytes: [UInt8]) -> CompiledModel? {
        let result = JSONValue.withRoot(bytes) { root -> CompiledModel? in
            guard let version = JSONValue.text(json_object_get(root, "format_version")), version.hasPrefix("1.") else { return nil }
            guard let list = json_object_get(root, "subjects"), list.pointee.type == JSON_ARRAY else { return CompiledModel() }
            var subjects: [String: Subject] = [:]
            subjects.reserveCapacity(json_array_size(list))
            for index in 0..<json_array_size(list) {
                guard let entry = json_array_get(list, index), let name = JSONValue.text(json_object_get(entry, "name")),
                    let kind = JSONValue.text(json_object_get(entry, "kind")), let properties = json_object_get(entry, "properties")
                else { continue }
                var values: [String: [String]] = [:]
                var iterator = json_object_iter(properties)
                while let current = iterator {
                    if let value = json_object_iter_value(current), value.pointee.type == JSON_ARRAY {
                        values[String(cString: json_object_iter_key(current))] = (0..<json_array_size(value)).compactMap { JSONValue.text(json_array_get(value, $0)) }
                    } else {
                        values[String(cString: json_object_iter_key(current))] = []
                    }
                    iterator = json_object_iter_next(properties, current)
                }
                subjects[name] = Subject(kind: kind, properties: values)
            }
            return CompiledModel(subjects: subjects)
        }
        return (try? result.get()) ?? nil
    }

    // MARK: Reading it

    /// Per subject and property, what changed from `old` to this model.
    public func changes(since old: CompiledModel) -> [ModelChange] {
        var out: [ModelChange] = []
        for name in Set(subjects.keys).union(old.subjects.keys).sorted() {
            switch (old.subjects[name], subjects[name]) {
            case (nil, let now?): out.append(ModelChange(subject: name, kind: now.kind, property: nil, before: nil, after: "added"))
            case (let was?, nil): out.append(ModelChange(subject: name, kind: was.kind, property: nil, before: "removed", after: nil))
            case (let was?, let now?):
                for property in Set(was.properties.keys).union(now.properties.keys).sorted() where was.properties[property] != now.properties[property] {
                    out.append(
                        ModelChange(
                            subject: name, kind: now.kind, property: property,
                            before: was.properties[property]?.joined(separator: ", "), after: now.properties[property]?.joined(separator: ", ")))
                }
            default: break
            }
        }
        return out
    }

    /// The blueprint bounds of the service that runs as `name` in `namespace`, if it has one.
    public func blueprintBounds(service name: String, namespace: String?) -> ClosedRange<Int>? {
        guard let subject = subjects[name], subject.kind == "Service" else { return nil }
        if let namespace, subject.properties["namespace"]?.first != namespace { return nil }
        guard let low = subject.properties["blueprint.min"]?.first.flatMap({ Int($0) }),
            let high = subject.properties["blueprint.max"]?.first.flatMap({ Int($0) }), low <= high
        else { return nil }
        return low...high
    }
}
