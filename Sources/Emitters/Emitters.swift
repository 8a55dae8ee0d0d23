import Ontology
import Planner

/// The emitters as one call: a model in, the whole output tree out (in memory).
public enum Emitters {
    public static func build(_ model: SystemModel) -> [OutputFile] {
        files(model, resources: resources(model))
    }

    /// The output tree of a model whose desired state is already built (and checked).
    public static func files(_ model: SystemModel, resources: [Resource]) -> [OutputFile] {
        BuildPipeline.files(model, resources: resources, files: BIRDEmitter.files(model) + RulesEmitter.files(model))
    }

    /// The references between objects of the desired state that land on nothing emitted, and
    /// what the API server or kustomize would refuse in the objects themselves (but for
    /// characters no output can carry: `checkOutput`, once the files are rendered).
    public static func check(_ resources: [Resource]) -> [Diagnostic] {
        // The two passes over every object that run on one core side by side (the reference
        // index, the duplicate identities), then each object's own checks on every core (its
        // references, `EmittedObjectChecks.objectProblems`); the diagnostics as the reference
        // checks, the duplicates, then the objects' own problems.
        let (index, duplicates) = Concurrently.run({ EmittedIndex(resources) }, { EmittedObjectChecks.duplicates(resources) })
        let perObject = ParallelMap.map(resources) { (ReferenceChecks.check($0, index), EmittedObjectChecks.objectProblems($0)) }
        return perObject.flatMap(\.0) + duplicates + perObject.flatMap(\.1)
    }

    /// What no output could carry, in the files of `resources`, located in the objects.
    public static func checkOutput(_ files: [OutputFile], of resources: [Resource]) -> [Diagnostic] {
        EmittedObjectChecks.unwritable(in: files, of: resources)
    }

    /// Every Kubernetes object of the desired state, with identities and provenance: the K3s
    /// objects, then Flux's, cert-manager's, Cilium's, Flagger's and the Prometheus operator's.
    /// (The BIRD delivery objects come with the BIRD files.)
    public static func resources(_ model: SystemModel) -> [Resource] {
        let context = K8sContext(model)
        // Appended to one array: `a + b + c` copied every object of `a` once per `+`.
        var resources = K8sEmitter.resources(model, context)
        resources += FluxEmitter.resources(model, context)
        resources += CertManagerEmitter.resources(model, context)
        resources += CiliumEmitter.resources(model, context)
        resources += FlaggerEmitter.resources(model, context)
        resources += PrometheusEmitter.resources(model, context)
        FreedElsewhere.free(consume context)
        return resources
    }
}
