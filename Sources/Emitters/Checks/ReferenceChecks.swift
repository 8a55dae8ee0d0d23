import Ontology
import Planner

/// The desired state refers to itself: a Canary to its Deployment and HPA, an HPA to its
/// Deployment, a budget, a policy or a ServiceMonitor to pods or Services by labels, an Ingress
/// to a Service and a certificate's secret, a Certificate to its ClusterIssuer, a Flux
/// Kustomization to the layers it waits for and its GitRepository. Each reference must land on
/// an object the build emits (or one Flagger generates from an emitted Canary); one that does
/// not is a located error at the spec value behind the reference (`build.notEmitted`,
/// `build.fluxDependsOn`), and nothing is written.
public enum ReferenceChecks {
    /// The references of one object that land on nothing emitted.
    static func check(_ resource: Resource, _ index: EmittedIndex) -> [Diagnostic] {
        var out: [Diagnostic] = []
        lazy var spec = resource.document["spec"]   // not looked up for the kinds no case reads
        let namespace = resource.id.namespace ?? ""
        func missing(_ path: [String], _ what: String, id: MessageID = .buildNotEmitted, exists: String = "is not emitted") {
            out.append(
                Diagnostic(
                    id, "\(resource.id.kind) \(resource.id.description.split(separator: "/", maxSplits: 1).last ?? ""): \(path.joined(separator: ".")) names \(what), which \(exists)",
                    at: locate(resource.document, path)?.location))
        }
        switch resource.id.kind {
        case "Canary":
            for key in ["targetRef", "autoscalerRef"] {
                guard let kind = text(spec?[key]?["kind"]), let name = text(spec?[key]?["name"]) else { continue }
                if !index.objects.contains(Key(kind, namespace, name)) { missing(["spec", key, "name"], "\(kind) \(name)") }
            }
        case "HorizontalPodAutoscaler":
            if let kind = text(spec?["scaleTargetRef"]?["kind"]), let name = text(spec?["scaleTargetRef"]?["name"]),
                !index.objects.contains(Key(kind, namespace, name))
            {
                missing(["spec", "scaleTargetRef", "name"], "\(kind) \(name)")
            }
        case "PodDisruptionBudget":
            let selector = labels(spec?["selector"]?["matchLabels"])
            if !index.pods(in: namespace, match: selector) { missing(["spec", "selector", "matchLabels"], "pods \(describe(selector))") }
        case "ServiceMonitor":
            let selector = labels(spec?["selector"]?["matchLabels"])
            let namespaces = spec?["namespaceSelector"]?["matchNames"].map(texts) ?? [namespace]
            if !namespaces.contains(where: { index.services(in: $0, match: selector) }) {
                missing(["spec", "selector", "matchLabels"], "Services \(describe(selector))")
            }
        case "NetworkPolicy":
            let selector = labels(spec?["podSelector"]?["matchLabels"])
            if selector[EmittedIndex.serviceLabel] != nil, !index.pods(in: namespace, match: selector) {
                missing(["spec", "podSelector", "matchLabels"], "pods \(describe(selector))")
            }
            for (direction, peersKey) in [("ingress", "from"), ("egress", "to")] {
                for (ruleIndex, rule) in items(spec?[direction]).enumerated() {
                    for (peerIndex, peer) in items(rule[peersKey]).enumerated() {
                        let podLabels = labels(peer["podSelector"]?["matchLabels"])
                        guard podLabels[EmittedIndex.serviceLabel] != nil else { continue }
                        let peerNamespace = text(peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]) ?? namespace
                        if !index.pods(in: peerNamespace, match: podLabels) {
                            missing(["spec", "\(direction)[\(ruleIndex)]", "\(peersKey)[\(peerIndex)]", "podSelector"], "pods \(describe(podLabels)) in \(peerNamespace)")
                        }
                    }
                }
            }
        case "CiliumNetworkPolicy":
            let selector = labels(spec?["endpointSelector"]?["matchLabels"])
            if !index.pods(in: namespace, match: selector) { missing(["spec", "endpointSelector"], "pods \(describe(selector))") }
            for (direction, peersKey) in [("ingress", "fromEndpoints"), ("egress", "toEndpoints")] {
                for (ruleIndex, rule) in items(spec?[direction]).enumerated() {
                    for (peerIndex, peer) in items(rule[peersKey]).enumerated() {
                        var peerLabels = labels(peer["matchLabels"])
                        guard peerLabels[EmittedIndex.serviceLabel] != nil else { continue }
                        let peerNamespace = peerLabels.removeValue(forKey: "k8s:io.kubernetes.pod.namespace") ?? namespace
                        if !index.pods(in: peerNamespace, match: peerLabels) {
                            missing(["spec", "\(direction)[\(ruleIndex)]", "\(peersKey)[\(peerIndex)]"], "pods \(describe(peerLabels)) in \(peerNamespace)")
                        }
                    }
                }
            }
        case "Ingress":
            for (ruleIndex, rule) in items(spec?["rules"]).enumerated() {
                for (pathIndex, path) in items(rule["http"]?["paths"]).enumerated() {
                    guard let name = text(path["backend"]?["service"]?["name"]) else { continue }
                    if !index.objects.contains(Key("Service", namespace, name)) {
                        missing(["spec", "rules[\(ruleIndex)]", "http", "paths[\(pathIndex)]", "backend", "service", "name"], "Service \(name)")
                    }
                }
            }
            for (tlsIndex, tls) in items(spec?["tls"]).enumerated() {
                guard let secret = text(tls["secretName"]) else { continue }
                if !index.certificateSecrets.contains(Key("Secret", namespace, secret)) {
                    missing(["spec", "tls[\(tlsIndex)]", "secretName"], "the secret \(secret)", exists: "no Certificate fills")
                }
            }
        case "Certificate":
            if let kind = text(spec?["issuerRef"]?["kind"]), let name = text(spec?["issuerRef"]?["name"]),
                !index.objects.contains(Key(kind, kind == "ClusterIssuer" ? "" : namespace, name))
            {
                missing(["spec", "issuerRef", "name"], "\(kind) \(name)")
            }
        case "Kustomization" where resource.id.apiVersion.hasPrefix("kustomize.toolkit.fluxcd.io/"):
            let folder = directory(resource.path)
            for (position, dependency) in items(spec?["dependsOn"]).enumerated() {
                guard let name = text(dependency["name"]) else { continue }
                let dependencyNamespace = text(dependency["namespace"]) ?? namespace
                if !index.fluxLayers.contains(Key(folder, dependencyNamespace, name)) {
                    missing(["spec", "dependsOn[\(position)]", "name"], "Kustomization \(name)", id: .buildFluxDependsOn, exists: "does not exist")
                }
            }
            if let kind = text(spec?["sourceRef"]?["kind"]), let name = text(spec?["sourceRef"]?["name"]),
                !index.objects.contains(Key(kind, namespace, name))
            {
                missing(["spec", "sourceRef", "name"], "\(kind) \(name)")
            }
        default:
            break
        }
        return out
    }

    // MARK: Reading documents

    static func text(_ document: Document?) -> String? {
        if case .scalar(.string(let value), _)? = document { return value }
        return nil
    }

    static func items(_ document: Document?) -> [Document] {
        if case .list(let items, _)? = document { return items }
        return []
    }

    static func texts(_ document: Document) -> [String] { items(document).compactMap(text) }

    static func labels(_ document: Document?) -> [String: String] {
        guard case .map(let entries, _)? = document else { return [:] }
        var out: [String: String] = [:]
        for entry in entries { if let value = text(entry.value) { out[entry.key] = value } }
        return out
    }

    static func describe(_ labels: [String: String]) -> String {
        "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
    }

    static func directory(_ path: String) -> String {
        String(path[..<(path.utf8.lastIndex(of: UInt8(ascii: "/")) ?? path.startIndex)])
    }

    /// The origin of the value at `path` ("key" or "key[index]"), or of the nearest enclosing
    /// node that has one: where in the spec the reference comes from.
    static func locate(_ document: Document, _ path: [String]) -> Origin? {
        var node: Document? = document
        var found = document.origin
        for step in path {
            let key = String(step.prefix { $0 != "[" })
            node = node?[key]
            if let index = step.split(separator: "[").last.flatMap({ Int($0.dropLast()) }), step.contains("[") {
                let list = items(node)
                node = index < list.count ? list[index] : nil
            }
            if let origin = node?.origin { found = origin }
        }
        return found
    }
}

/// A (kind or folder, namespace, name) triple; namespace "" for cluster-scoped objects.
struct Key: Hashable {
    var kind: String
    var namespace: String
    var name: String

    init(_ kind: String, _ namespace: String, _ name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }
}

/// What the desired state holds, for the reference checks: every object by kind, namespace and
/// name; the pods its workloads run (with their labels); the Services (with theirs); the
/// secrets certificates fill; the Flux layers per cluster folder. Flagger's generated objects
/// count (`FlaggerEmitter.generatedObjects`), and the pods of a Canary's primary Deployment
/// X-primary (selector label X-primary).
struct EmittedIndex {
    static let serviceLabel = "ttlc.io/service"
    static let selectorLabel = "app.kubernetes.io/name"

    var objects: Set<Key> = []
    /// Label sets by namespace and by the value of their service label (or, without one, of
    /// their selector label): a selector names one of them, so a lookup scans a handful of
    /// sets, not every pod of a namespace of thousands of services.
    var podLabels = LabelIndex()
    var serviceLabels = LabelIndex()
    var certificateSecrets: Set<Key> = []
    var fluxLayers: Set<Key> = []

    init(_ resources: UnsafeBufferPointer<Resource>) {
        var templates: [Key: [String: String]] = [:]
        objects.reserveCapacity(resources.count)
        // By position: `for resource in` copied each object whole.
        for position in resources.indices {
            let id = resources[position].id
            let namespace = id.namespace ?? ""
            objects.insert(Key(id.kind, namespace, id.name))
            // Only the kinds read below have their documents looked into.
            switch id.kind {
            case "Deployment", "DaemonSet", "StatefulSet":
                let labels = ReferenceChecks.labels(resources[position].document["spec"]?["template"]?["metadata"]?["labels"])
                podLabels.add(labels, in: namespace)
                templates[Key(id.kind, namespace, id.name)] = labels
            case "Service":
                serviceLabels.add(ReferenceChecks.labels(resources[position].document["metadata"]?["labels"]), in: namespace)
            case "Certificate":
                if let secret = ReferenceChecks.text(resources[position].document["spec"]?["secretName"]) { certificateSecrets.insert(Key("Secret", namespace, secret)) }
            case "Kustomization" where id.apiVersion.hasPrefix("kustomize.toolkit.fluxcd.io/"):
                fluxLayers.insert(Key(ReferenceChecks.directory(resources[position].path), namespace, id.name))
            default:
                break
            }
        }
        for position in resources.indices where resources[position].id.kind == "Canary" {
            let resource = resources[position]
            let namespace = resource.id.namespace ?? ""
            let spec = resource.document["spec"]
            objects.formUnion(FlaggerEmitter.generatedObjects(resource).map { Key($0.kind, namespace, $0.name) })
            if let kind = ReferenceChecks.text(spec?["targetRef"]?["kind"]), let target = ReferenceChecks.text(spec?["targetRef"]?["name"]),
                var primary = templates[Key(kind, namespace, target)]
            {
                primary[Self.selectorLabel] = target + "-primary"
                podLabels.add(primary, in: namespace)
            }
            for labelsKey in ["primary", "canary"] {
                serviceLabels.add(ReferenceChecks.labels(spec?["service"]?[labelsKey]?["labels"]), in: namespace)
            }
        }
    }

    func pods(in namespace: String, match selector: [String: String]) -> Bool { podLabels.matches(selector, in: namespace) }

    func services(in namespace: String, match selector: [String: String]) -> Bool { serviceLabels.matches(selector, in: namespace) }
}

/// Label sets of one kind of object, found by namespace and one identifying label.
struct LabelIndex {
    private var byKey: [Key: [[String: String]]] = [:]

    /// The label a set is filed under: the service label, else the selector label.
    private static func key(_ labels: [String: String], _ namespace: String) -> Key {
        if let service = labels[EmittedIndex.serviceLabel] { return Key(EmittedIndex.serviceLabel, namespace, service) }
        if let name = labels[EmittedIndex.selectorLabel] { return Key(EmittedIndex.selectorLabel, namespace, name) }
        return Key("", namespace, "")
    }

    mutating func add(_ labels: [String: String], in namespace: String) {
        byKey[Self.key(labels, namespace), default: []].append(labels)
        // Filed under the selector label too, for selectors that name only that.
        if labels[EmittedIndex.serviceLabel] != nil, let name = labels[EmittedIndex.selectorLabel] {
            byKey[Key(EmittedIndex.selectorLabel, namespace, name), default: []].append(labels)
        }
    }

    /// Whether some set in the namespace holds every label of a non-empty selector.
    func matches(_ selector: [String: String], in namespace: String) -> Bool {
        guard !selector.isEmpty else { return false }
        let candidates: [[String: String]]
        if selector[EmittedIndex.serviceLabel] != nil || selector[EmittedIndex.selectorLabel] != nil {
            candidates = byKey[Self.key(selector, namespace)] ?? []
        } else {
            candidates = byKey.filter { $0.key.namespace == namespace }.values.flatMap { $0 }
        }
        return candidates.contains { labels in selector.allSatisfy { labels[$0.key] == $0.value } }
    }
}

extension MessageID {
    public static let buildNotEmitted: MessageID = "build.notEmitted"
    public static let buildFluxDependsOn: MessageID = "build.fluxDependsOn"
}
