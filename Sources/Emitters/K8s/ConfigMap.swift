import Planner

/// The service's config files as a ConfigMap (`<service>-config`), mounted read-only at its
/// config path by the Deployment.
enum ConfigMapObject {
    static let suffix = "-config"

    static func hasConfig(_ service: Service) -> Bool { !service.config.isEmpty }

    static func resource(_ scope: ServiceScope) -> Resource? {
        guard hasConfig(scope.service) else { return nil }
        // One key per file name; the model is sorted, so a repeated name keeps its first value.
        var seen: Set<String> = []
        let data: [(String, Document?)] = scope.service.config.compactMap { entry in
            seen.insert(entry.name.value).inserted ? (entry.name.value, .string(entry.value)) : nil
        }
        return scope.resource(
            apiVersion: "v1", kind: "ConfigMap", name: scope.name(suffix: suffix), file: "configmap.yaml",
            body: [("data", .object(data))])
    }
}
