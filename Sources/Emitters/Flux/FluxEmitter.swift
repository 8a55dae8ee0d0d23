import Planner

/// The Flux objects of each cluster, under `clusters/<cluster>/` (the folder `flux bootstrap
/// --path` points at): a GitRepository for the System's repository and one Kustomization per
/// layer of the output tree.
///
/// Layers, in apply order: `infrastructure` (namespaces, their quotas and policies, cluster-wide
/// objects, issuers), then `bgp` (the BIRD delivery objects, when the spec has nodes) and `apps`
/// (the services), each depending on `infrastructure`. Every Kustomization prunes what leaves
/// the tree, waits for its objects to become ready (health checks of everything it applied),
/// and reads the tree at the path of its layer in the repository.
public enum FluxEmitter {
    /// Flux's own namespace: where `flux install` puts the controllers and their objects.
    static let namespace = "flux-system"
    static let sourceVersion = "source.toolkit.fluxcd.io/v1"
    static let kustomizeVersion = "kustomize.toolkit.fluxcd.io/v1"
    /// How long a layer may take to become ready before the sync counts as failed.
    static let timeout = "5m"

    /// One layer: its Kustomization's name, the folder it applies, the layers it waits for.
    struct Layer {
        var name: String
        var path: String
        var dependsOn: [String]
    }

    /// The layers of a model's tree (only those with something in them).
    static func layers(_ model: SystemModel) -> [Layer] {
        var layers = [Layer(name: "infrastructure", path: "./infrastructure", dependsOn: [])]
        if !model.nodes.isEmpty, model.system != nil {
            layers.append(Layer(name: "bgp", path: "./bgp", dependsOn: ["infrastructure"]))
        }
        if !model.services.isEmpty {
            layers.append(Layer(name: "apps", path: "./apps", dependsOn: ["infrastructure"]))
        }
        return layers
    }

    /// Nothing without a System: the repository is what every Flux object reads from.
    static func resources(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        guard let system = model.system else { return [] }
        return model.clusters.flatMap { cluster in
            [gitRepository(system, cluster: cluster, context)]
                + layers(model).map { kustomization($0, system: system, cluster: cluster, context) }
        }
    }

    static func directory(_ cluster: Cluster) -> String { "clusters/\(cluster.name)" }

    static func object(
        kind: String, apiVersion: String, name: Located<String>, cluster: Cluster, file: String, spec: Document, subjects: [String],
        _ context: K8sContext
    ) -> Resource {
        let metadata = Metadata.block(
            name: name, namespace: Located(namespace, cluster.origin), labels: Metadata.labels(service: nil, context: context),
            source: name.origin)
        return Resource(
            id: ResourceID(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name.value),
            path: directory(cluster) + "/" + file,
            document: Metadata.object(apiVersion: apiVersion, kind: kind, metadata: metadata, body: [("spec", spec)]),
            subjects: Metadata.subjects(main: name.origin.subject, others: subjects + context.systemSubjects))
    }

    /// The System's repository: URL, branch, poll interval, and the Secret holding its
    /// credentials when the spec names one (Flux reads the whole Secret: `username`/`password`
    /// or an SSH `identity`; the spec's key says which one it holds).
    static func gitRepository(_ system: System, cluster: Cluster, _ context: K8sContext) -> Resource {
        let spec = Document.object([
            ("url", .string(system.repository)),
            ("ref", .object([("branch", .string(system.branch))])),
            ("interval", .string(system.interval.derived(K8sValue.goDuration))),
            ("secretRef", system.repositorySecret.map { .object([("name", .string($0.secretName))]) }),
            // The controller's default, written out (canonical form).
            ("timeout", .string("60s")),
        ])
        return object(
            kind: "GitRepository", apiVersion: sourceVersion, name: Located(system.name, system.origin), cluster: cluster,
            file: "gitrepository.yaml", spec: spec, subjects: [cluster.origin.subject], context)
    }

    static func kustomization(_ layer: Layer, system: System, cluster: Cluster, _ context: K8sContext) -> Resource {
        let spec = Document.object([
            ("interval", .string(system.interval.derived(K8sValue.goDuration))),
            ("path", .string(layer.path)),
            ("prune", .bool(true)),
            ("wait", .bool(true)),
            // The CRD's default, written out (canonical form).
            ("force", .bool(false)),
            ("timeout", .string(timeout)),
            ("sourceRef", .object([("kind", .string("GitRepository")), ("name", .string(Located(system.name, system.origin)))])),
            ("dependsOn", layer.dependsOn.isEmpty ? nil : .list(layer.dependsOn.map { .object([("name", .string(Located($0, cluster.origin)))]) })),
        ])
        return object(
            kind: "Kustomization", apiVersion: kustomizeVersion, name: Located(layer.name, cluster.origin), cluster: cluster,
            file: "\(layer.name).yaml", spec: spec, subjects: [system.origin.subject], context)
    }
}
