import Planner

/// The service's PodDisruptionBudget (policy/v1), from its `disruptionBudget`.
enum DisruptionBudgetObject {
    static func resource(_ scope: ServiceScope) -> Resource? {
        guard let budget = scope.service.disruptionBudget else { return nil }
        // The API refuses both at once; the shapes allow one, and minAvailable wins otherwise.
        let bound: (String, Document)
        if let minAvailable = budget.minAvailable {
            bound = ("minAvailable", .int(minAvailable))
        } else if let maxUnavailable = budget.maxUnavailable {
            bound = ("maxUnavailable", .int(maxUnavailable))
        } else {
            return nil
        }
        return scope.resource(
            apiVersion: "policy/v1", kind: "PodDisruptionBudget", file: "pdb.yaml",
            body: [("spec", .object([("selector", Metadata.podSelector(scope.service)), (bound.0, bound.1)]))])
    }
}
