import Planner

/// The HorizontalPodAutoscaler (autoscaling/v2) of a service whose replicas `scaling` owns.
enum Autoscaling {
    static func resource(_ scope: ServiceScope) -> Resource? {
        guard case .scaling(let scaling) = scope.service.replicas else { return nil }
        func utilization(_ resource: String, _ target: Located<Int>) -> Document {
            .object(
                [
                    ("type", .string("Resource")),
                    (
                        "resource",
                        .object([
                            ("name", .string(resource)),
                            ("target", .object([("type", .string("Utilization")), ("averageUtilization", .int(target))])),
                        ])
                    ),
                ], origin: target.origin)
        }
        var metrics: [Document] = []
        if let cpu = scaling.targetCpu { metrics.append(utilization("cpu", cpu)) }
        if let memory = scaling.targetMemory { metrics.append(utilization("memory", memory)) }
        // No target given: the API server's default, 80 % CPU, written out (canonical form).
        if metrics.isEmpty { metrics.append(utilization("cpu", Located(80, scope.service.origin))) }
        let spec: [(String, Document?)] = [
            (
                "scaleTargetRef",
                .object([("apiVersion", .string("apps/v1")), ("kind", .string("Deployment")), ("name", .string(scope.name))])
            ),
            ("minReplicas", .int(scaling.min)),
            ("maxReplicas", .int(scaling.max)),
            ("metrics", .list(metrics)),
        ]
        return scope.resource(
            apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", file: "hpa.yaml", body: [("spec", .object(spec))])
    }
}
