import Ontology

/// Checks on scaling blueprints that SHACL cannot state: the thresholds' order and the weights'
/// sum. Bounds (min ≤ max) are `build.replicaBounds`.
enum BlueprintChecks {
    static func run(_ model: SystemModel) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for service in model.services {
            guard case .blueprint(let blueprint) = service.replicas else { continue }
            let down = blueprint.scaleDownThreshold, up = blueprint.scaleUpThreshold, target = blueprint.targetUtilization
            if down.value >= up.value {
                out.append(
                    Diagnostic(
                        .buildBlueprint, "\(service.name): scale-down threshold \(down.value) must be below the scale-up threshold \(up.value)",
                        at: down.origin.location, notes: [Note("scale-up threshold set here", at: up.origin.location)]))
            } else if target.value <= down.value || target.value >= up.value {
                // Outside the band a decision would scale away from its own target and back.
                out.append(
                    Diagnostic(
                        .buildBlueprint,
                        "\(service.name): target utilisation \(target.value) must lie between the scale-down (\(down.value)) and scale-up (\(up.value)) thresholds",
                        at: target.origin.location))
            }
            let sum = blueprint.cpuWeight.value + blueprint.memoryWeight.value + blueprint.latencyWeight.value
            if abs(sum - 1) > 1e-9 {
                out.append(
                    Diagnostic(
                        .buildBlueprint,
                        "\(service.name): weights must sum to 1; cpu \(ScalingDecider.fmt(blueprint.cpuWeight.value)) + memory \(ScalingDecider.fmt(blueprint.memoryWeight.value)) + latency \(ScalingDecider.fmt(blueprint.latencyWeight.value)) = \(ScalingDecider.fmt(sum))",
                        at: blueprint.cpuWeight.origin.location))
            }
            if blueprint.latencyWeight.value > 0, blueprint.latencyP95 == nil {
                out.append(
                    Diagnostic(
                        .buildBlueprint, "\(service.name): latency weight \(ScalingDecider.fmt(blueprint.latencyWeight.value)) needs a p95 latency target (latencyP95)",
                        at: blueprint.latencyWeight.origin.location))
            }
        }
        return out
    }
}
