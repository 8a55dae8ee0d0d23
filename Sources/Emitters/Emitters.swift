import Planner

/// The emitters as one call: a model in, the whole output tree out (in memory).
public enum Emitters {
    public static func build(_ model: SystemModel) -> [OutputFile] {
        BuildPipeline.files(model, resources: resources(model), files: BIRDEmitter.files(model) + RulesEmitter.files(model))
    }

    /// Every Kubernetes object of the desired state, with identities and provenance.
    public static func resources(_ model: SystemModel) -> [Resource] {
        K8sEmitter.resources(model)
    }
}
