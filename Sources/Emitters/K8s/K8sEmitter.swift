import Planner

/// The K3s manifests of a system: pure functions from the typed model to Kubernetes objects.
///
/// Objects are written in canonical form: every field the API server would fill in on create
/// (protocols, strategy, revision history, probe thresholds, termination settings, …) is written
/// out, so a live object and its source show no false drift. Every object carries the
/// `ttlc.io/source` annotation naming the spec object it comes from, and every value taken from
/// the spec carries its origin in the document.
public enum K8sEmitter {
    /// All objects of the model: each namespace's objects first (namespaces in model order),
    /// then each service's (services in model order). Within a group, objects follow Helm's
    /// install order (Namespace, NetworkPolicy, ResourceQuota, LimitRange, PodDisruptionBudget,
    /// ServiceAccount, ConfigMap, Role, RoleBinding, Service, Deployment,
    /// HorizontalPodAutoscaler, Ingress), so a plain `kubectl apply` of the list in order works.
    public static func resources(_ model: SystemModel) -> [Resource] {
        resources(model, K8sContext(model))
    }

    static func resources(_ model: SystemModel, _ context: K8sContext) -> [Resource] {
        var resources: [Resource] = []
        for namespace in model.namespaces {
            resources += NamespaceObjects.resources(namespace, context)
        }
        // Each service's objects depend only on the service and the shared context.
        let perService = ParallelMap.map(model.services) { service -> [Resource] in
            let scope = ServiceScope(service: service, context: context)
            var objects = NetworkPolicies.serviceResources(scope)
            objects += [
                DisruptionBudgetObject.resource(scope),
            ].compactMap { $0 }
            objects += Access.resources(scope)
            objects += [
                ConfigMapObject.resource(scope),
                ServiceObject.resource(scope),
                Workload.resource(scope),
                Autoscaling.resource(scope),
                IngressObject.resource(scope),
            ].compactMap { $0 }
            return objects
        }
        let parts = [resources] + perService
        FreedElsewhere.free(consume perService)
        defer { FreedElsewhere.free(consume parts) }
        return ParallelMap.flattened(parts)
    }
}

/// One service's objects share a folder (`apps/<namespace>/<service>/`), a namespace, labels
/// and subjects; this builds them.
struct ServiceScope {
    let service: Service
    let context: K8sContext

    var directory: String { "apps/\(service.namespace.value)/\(service.name)" }

    /// The service's name as an object name, located at the service.
    var name: Located<String> { Located(service.name, service.origin) }

    /// A name derived from the service's (`river-proxy-config`).
    func name(suffix: String) -> Located<String> { Located(service.name + suffix, service.origin) }

    var labels: Document { Metadata.labels(service: service, context: context) }

    /// One namespaced object of the service, written to `<directory>/<file>`.
    func resource(
        apiVersion: String, kind: String, name: Located<String>? = nil, file: String, labels extra: [(String, Document?)] = [],
        annotations: [(String, Document?)] = [], body: [(String, Document?)], subjects: [String] = []
    ) -> Resource {
        let objectName = name ?? self.name
        let labels = extra.isEmpty ? self.labels : Metadata.labels(service: service, context: context, extra: extra)
        let metadata = Metadata.block(
            name: objectName, namespace: service.namespace, labels: labels, source: service.origin, annotations: annotations)
        return Resource(
            id: ResourceID(apiVersion: apiVersion, kind: kind, namespace: service.namespace.value, name: objectName.value),
            path: directory + "/" + file,
            document: Metadata.object(apiVersion: apiVersion, kind: kind, metadata: metadata, body: body),
            subjects: Metadata.subjects(main: service.iri, others: subjects + context.systemSubjects))
    }
}
