import Planner

/// The emitters as one call: a model in, the whole output tree out (in memory).
public enum Emitters {
    public static func build(_ model: SystemModel) -> [OutputFile] {
        buildWithResources(model).files
    }

    /// The output tree and the Kubernetes objects in it (plan reads their field provenance),
    /// emitted once.
    public static func buildWithResources(_ model: SystemModel) -> (files: [OutputFile], resources: [Resource]) {
        let objects = resources(model)
        return (BuildPipeline.files(model, resources: objects, files: BIRDEmitter.files(model) + RulesEmitter.files(model)), objects)
    }

    /// Every Kubernetes object of the desired state, with identities and provenance.
    public static func resources(_ model: SystemModel) -> [Resource] {
        K8sEmitter.resources(model)
    }
}
