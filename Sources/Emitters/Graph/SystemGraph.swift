import Planner

/// The system as a Graphviz DOT picture (`ttlc graph`): pure, and deterministic because every
/// node and edge is written in the model's sorted order.
///
/// - services: namespaces as boxes around their services, an edge per `tc:dependsOn`.
/// - network: the services with the flows network policies allow (from services, entities and
///   CIDRs, labelled with ports) and the flows `tc:dependsOn` implies.
/// - bgp: BGP nodes with their ASN, the peers they talk to, the anycast prefixes they announce
///   and the RPKI validators they ask.
/// - all: network and bgp in one picture.
public enum SystemGraph {
    public enum View: String, Sendable, CaseIterable {
        case all, services, network, bgp
    }

    public static func dot(_ model: SystemModel, view: View) -> String {
        var out = "digraph \(quote(model.system?.name ?? "system")) {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", label=\(quote("\(model.system?.name ?? "system"): \(view.rawValue)")), labelloc=t];\n"
        out += "  node [fontname=\"Helvetica\", shape=box, style=rounded];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=10];\n"
        switch view {
        case .services: out += services(model, flows: false)
        case .network: out += services(model, flows: true)
        case .bgp: out += bgp(model)
        case .all: out += services(model, flows: true) + bgp(model)
        }
        return out + "}\n"
    }

    private static func services(_ model: SystemModel, flows: Bool) -> String {
        var out = ""
        let byNamespace = Dictionary(grouping: model.services.sorted { $0.name < $1.name }, by: { $0.namespace.value })
        for namespace in byNamespace.keys.sorted() {
            out += "  subgraph \(quote("cluster_" + namespace)) {\n    label=\(quote("namespace " + namespace));\n"
            for service in byNamespace[namespace] ?? [] {
                out += "    \(quote("service:" + service.name)) [label=\(quote(service.name + "\n" + service.image.value))];\n"
            }
            out += "  }\n"
        }
        for service in model.services.sorted(by: { $0.name < $1.name }) {
            for target in service.dependsOn {
                out += "  \(quote("service:" + service.name)) -> \(quote("service:" + target.value)) [label=\"dependsOn\"];\n"
            }
        }
        guard flows else { return out }
        var outside = Set<String>()
        var edges: [String] = []
        for policy in model.networkPolicies.sorted(by: { $0.name < $1.name }) {
            for flow in policy.allows {
                let sources = endpoints(flow.from, flow.fromEntity, flow.fromCidrs)
                let targets = endpoints(flow.to, flow.toEntity, flow.toCidrs)
                let ports = flow.toPorts.map(\.value) + flow.toPortNumbers.map { String($0.value) }
                for source in sources {
                    for target in targets {
                        for end in [source, target] where !end.hasPrefix("service:") { outside.insert(end) }
                        edges.append(
                            "  \(quote(source)) -> \(quote(target)) [style=dashed, color=\"#2a7ab0\", label=\(quote(ports.joined(separator: ", ")))];\n")
                    }
                }
            }
        }
        for end in outside.sorted() {
            let label = end.split(separator: ":", maxSplits: 1).last.map(String.init) ?? end
            out += "  \(quote(end)) [label=\(quote(label)), shape=\(end.hasPrefix("cidr:") ? "note" : "ellipse"), style=solid];\n"
        }
        return out + edges.joined()
    }

    /// A flow's end: a service, an entity (World, KubeApiServer, …) or CIDRs; none means any.
    private static func endpoints(_ service: Located<String>?, _ entity: Located<Entity>?, _ cidrs: [Located<String>]) -> [String] {
        if let service { return ["service:" + service.value] }
        if let entity { return ["entity:" + entity.value.rawValue] }
        if !cidrs.isEmpty { return cidrs.map { "cidr:" + $0.value } }
        return ["entity:any"]
    }

    private static func bgp(_ model: SystemModel) -> String {
        var out = ""
        for node in model.nodes.sorted(by: { $0.name < $1.name }) {
            out += "  \(quote("node:" + node.name)) [label=\(quote("\(node.name)\nAS\(node.asn.value) · \(node.routerId.value)")), shape=box3d, style=solid];\n"
        }
        for peer in model.peers.sorted(by: { $0.name < $1.name }) {
            out += "  \(quote("peer:" + peer.name)) [label=\(quote("\(peer.name)\n\(peer.peerType.value.rawValue) AS\(peer.remoteAsn.value)\n\(peer.neighbor.value)")), shape=ellipse, style=solid];\n"
        }
        for prefix in model.anycastPrefixes.sorted(by: { $0.name < $1.name }) {
            out += "  \(quote("prefix:" + prefix.name)) [label=\(quote("\(prefix.name)\n\(prefix.prefix.value)")), shape=note, style=solid];\n"
        }
        for validator in model.rpkiValidators.sorted(by: { $0.name < $1.name }) {
            out += "  \(quote("rpki:" + validator.name)) [label=\(quote("\(validator.name)\nRPKI \(validator.host.value):\(validator.port.value)")), shape=cylinder, style=solid];\n"
        }
        for node in model.nodes.sorted(by: { $0.name < $1.name }) {
            let from = quote("node:" + node.name)
            for peer in node.peers.map(\.value).sorted() { out += "  \(from) -> \(quote("peer:" + peer)) [dir=both, label=\"BGP\"];\n" }
            for prefix in node.announces.map(\.value).sorted() {
                out += "  \(from) -> \(quote("prefix:" + prefix)) [style=dashed, color=\"#2a7ab0\", label=\"announces\"];\n"
            }
            for validator in node.rpki.map(\.value).sorted() { out += "  \(from) -> \(quote("rpki:" + validator)) [style=dotted, label=\"RTR\"];\n" }
        }
        return out
    }

    /// A DOT quoted ID: backslash and quote escaped, a line break as `\n`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
