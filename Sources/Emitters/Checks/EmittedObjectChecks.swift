import Ontology
import Planner

/// What the API server, kustomize or a controller would refuse in the emitted objects
/// themselves, whatever spec values led there; found by building mutated specs and running the
/// real tools. Each is a located error at the spec value behind the object, and nothing is
/// written:
/// - `build.duplicateObject`: two objects with one identity (a service `x-lb` beside the
///   LoadBalancer Service of `x`, a certificate named like a service's own), one colliding with
///   an object Flagger generates for a canary (`x-primary`, `x-canary`), or two Certificates
///   filling one Secret (cert-manager would reissue them in turn);
/// - `build.unwritableCharacter`: DEL, a C1 control other than NEL, U+FFFE or U+FFFF in a value:
///   kustomize's YAML encoder refuses them even escaped, so no output could carry them (looked
///   for in the rendered files, `unwritable(in:of:)`; the others in the objects, `run`);
/// - `build.configMapSize`: a ConfigMap over the API server's 1 MiB;
/// - `build.duplicateMountPath`: two volume mounts of a container at one folder (a config folder
///   at /tmp, where every container gets its writable emptyDir): one hides the other, and the API
///   server refuses two equal paths.
public enum EmittedObjectChecks {
    public static func run(_ resources: [Resource]) -> [Diagnostic] {
        resources.withUnsafeBufferPointer { duplicates($0) } + ParallelMap.map(resources) { objectProblems($0) }.flatMap { $0 }
    }

    /// The API server's limit on a ConfigMap's data, keys and values together.
    static let configMapLimit = 1 << 20

    // MARK: Identities

    private struct Identity: Hashable {
        /// `clusters/<cluster>` for a cluster's own objects (each cluster is its own API
        /// server), "" for the layers every cluster applies.
        var cluster: Substring = ""
        var group: Substring
        var kind: String
        var namespace: String
        var name: String

        // Slices of the path and apiVersion, not new strings: this runs once per object on one
        // core (a tenth of a 10,000-service build's emit phase when it made strings).
        init(_ id: ResourceID, path: String) {
            cluster = KustomizeFiles.clusterFolder(of: path) ?? ""
            let version = id.apiVersion.utf8
            group = version.firstIndex(of: UInt8(ascii: "/")).map { id.apiVersion[..<$0] } ?? ""
            kind = id.kind
            namespace = id.namespace ?? ""
            name = id.name
        }

        init(group: String, kind: String, namespace: String, name: String) {
            (self.group, self.kind, self.namespace, self.name) = (Substring(group), kind, namespace, name)
        }

        var shown: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }
    }

    static func duplicates(_ resources: UnsafeBufferPointer<Resource>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        // Positions in `resources`, not copies of them (each copy retains every field); read by
        // position for the same reason (`for resource in` copied each object whole).
        var first: [Identity: Int] = [:]
        first.reserveCapacity(resources.count)
        var secrets: [Identity: Int] = [:]
        for position in resources.indices {
            let identity = Identity(resources[position].id, path: resources[position].path)
            if let earlier = first[identity] {
                let resource = resources[position]
                out.append(
                    Diagnostic(
                        .buildDuplicateObject,
                        "\(identity.shown) is emitted twice, for \(TermNames.shortened(resource.subjects.first ?? "")) and for \(TermNames.shortened(resources[earlier].subjects.first ?? "")): rename one",
                        at: nameOrigin(resource)?.location))
            } else {
                first[identity] = position
            }
            if identity.kind == "Certificate", case .scalar(.string(let secret), _)? = resources[position].document["spec"]?["secretName"] {
                let key = Identity(group: "", kind: "Secret", namespace: identity.namespace, name: secret)
                if let earlier = secrets[key] {
                    let resource = resources[position]
                    out.append(
                        Diagnostic(
                            .buildDuplicateObject,
                            "\(key.shown) is filled by two Certificates, \(resource.id.name) and \(resources[earlier].id.name): cert-manager would reissue them in turn; give each its own secret",
                            at: ReferenceChecks.locate(resource.document, ["spec", "secretName"])?.location))
                } else {
                    secrets[key] = position
                }
            }
        }
        // What Flagger makes for each canary.
        for position in resources.indices where resources[position].id.kind == "Canary" {
            let resource = resources[position]
            let namespace = resource.id.namespace ?? ""
            let generated = FlaggerEmitter.generatedObjects(resource).map { Identity(group: $0.group, kind: $0.kind, namespace: namespace, name: $0.name) }
            for identity in generated {
                guard let taken = first[identity] else { continue }
                out.append(
                    Diagnostic(
                        .buildDuplicateObject,
                        "\(identity.shown) is also the name Flagger gives an object it makes for the canary \(resource.id.name): rename the service",
                        at: nameOrigin(resources[taken])?.location))
            }
        }
        return out
    }

    // MARK: One object

    static func objectProblems(_ resource: Resource) -> [Diagnostic] {
        var out: [Diagnostic] = []
        switch resource.id.kind {
        case "ConfigMap":
            var size = 0
            for key in ["data", "binaryData"] {
                guard case .map(let entries, _)? = resource.document[key] else { continue }
                for entry in entries {
                    size += entry.key.utf8.count
                    if case .scalar(.string(let value), _) = entry.value { size += value.utf8.count }
                }
            }
            if size > configMapLimit {
                out.append(
                    Diagnostic(
                        .buildConfigMapSize,
                        "ConfigMap \(resource.id.namespace ?? "")/\(resource.id.name) holds \(size) bytes of data; the API server takes at most \(configMapLimit) (1 MiB)",
                        at: ReferenceChecks.locate(resource.document, ["data"])?.location))
            }
        case "Deployment", "DaemonSet", "StatefulSet":
            guard case .list(let containers, _)? = resource.document["spec"]?["template"]?["spec"]?["containers"] else { break }
            for container in containers {
                guard case .list(let mounts, _)? = container["volumeMounts"] else { continue }
                var seen: [String: Document] = [:]
                for mount in mounts {
                    guard let pathNode = mount["mountPath"], case .scalar(.string(let path), _) = pathNode else { continue }
                    let key = cleaned(path)
                    if let earlier = seen[key] {
                        let located = pathNode.origin ?? earlier.origin ?? nameOrigin(resource)
                        out.append(
                            Diagnostic(
                                .buildDuplicateMountPath,
                                "\(resource.id.kind) \(resource.id.namespace ?? "")/\(resource.id.name) mounts two volumes at \(key)\(key == "/tmp" ? " (every container gets its writable emptyDir there)" : ""): one would hide the other (the API server refuses two equal paths); choose another path",
                                at: located?.location))
                    } else {
                        seen[key] = pathNode
                    }
                }
            }
        default:
            break
        }
        return out
    }

    /// `/a//b/./` as `/a/b`: two spellings of one folder are one mount point.
    private static func cleaned(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    // MARK: Rendered files

    /// Values holding a character no YAML output can carry through kustomize. The rendered files
    /// tell which objects may hold one (such a character is only ever written as an escape the
    /// writer can name), and only those objects are searched for where it came from: searching
    /// every object's tree cost a tenth of a build to find nothing.
    public static func unwritable(in files: [OutputFile], of resources: [Resource]) -> [Diagnostic] {
        // The files of objects, which the YAML writer rendered (not the BIRD configs, rules.c or
        // the inventory).
        let flagged = ParallelMap.map(files) { !$0.objects.isEmpty && YAMLWriter.mayHoldUnwritable($0.bytes) ? $0.path : nil }.compactMap { $0 }
        guard !flagged.isEmpty else { return [] }
        let paths = Set(flagged)
        var out: [Diagnostic] = []
        for resource in resources where paths.contains(resource.path) {
            unwritable(resource.document, origin: resource.document.origin, resource, into: &out)
        }
        return out
    }

    /// Scalars and keys holding a character no YAML output can carry through kustomize, located
    /// at the nearest origin.
    private static func unwritable(_ node: Document, origin inherited: Origin?, _ resource: Resource, into out: inout [Diagnostic]) {
        let origin = node.origin ?? inherited
        switch node {
        case .map(let entries, _):
            for entry in entries {
                if let bad = unwritableScalar(entry.key) { report(bad, origin: entry.value.origin ?? origin, resource, into: &out) }
                unwritable(entry.value, origin: origin, resource, into: &out)
            }
        case .list(let items, _):
            for item in items { unwritable(item, origin: origin, resource, into: &out) }
        case .scalar(.string(let text), _):
            if let bad = unwritableScalar(text) { report(bad, origin: origin, resource, into: &out) }
        case .scalar:
            break
        }
    }

    private static func report(_ scalar: Unicode.Scalar, origin: Origin?, _ resource: Resource, into out: inout [Diagnostic]) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        out.append(
            Diagnostic(
                .buildUnwritableCharacter,
                "a value of \(resource.id.kind) \(resource.id.name) holds \(code), which kustomize and Flux cannot write even escaped (DEL, C1 controls, U+FFFE and U+FFFF)",
                at: origin?.location))
    }

    /// The first character kustomize's YAML encoder refuses, if any.
    static func unwritableScalar(_ text: String) -> Unicode.Scalar? {
        // Every such character is DEL or at least two UTF-8 bytes starting C2 or EF.
        guard text.utf8.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF }) else { return nil }
        return text.unicodeScalars.first { scalar in
            scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) && scalar.value != 0x85 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
    }

    // MARK: Locating

    /// Where the object's name comes from (`locate` falls back to the object's own origin).
    private static func nameOrigin(_ resource: Resource) -> Origin? {
        ReferenceChecks.locate(resource.document, ["metadata", "name"])
    }
}

extension MessageID {
    public static let buildDuplicateObject: MessageID = "build.duplicateObject"
    public static let buildUnwritableCharacter: MessageID = "build.unwritableCharacter"
    public static let buildConfigMapSize: MessageID = "build.configMapSize"
    public static let buildDuplicateMountPath: MessageID = "build.duplicateMountPath"
}
