import Ontology
import Planner

/// The emitters as one call: a model in, the whole output tree out (in memory).
public enum Emitters {
    public static func build(_ model: SystemModel) -> [OutputFile] {
        files(model, resources: resources(model))
    }

    /// The output tree of a model whose desired state is already built (and checked).
    public static func files(_ model: SystemModel, resources: [Resource]) -> [OutputFile] {
        files(model, resources: resources, modelFiles: modelFiles(model))
    }

    /// `files`, with `modelFiles(model)` made beforehand.
    public static func files(_ model: SystemModel, resources: [Resource], modelFiles: [OutputFile]) -> [OutputFile] {
        BuildPipeline.files(model, resources: resources, files: modelFiles)
    }

    /// The files made from the model alone, not from the desired state's objects: the BIRD
    /// configurations and the rule table.
    public static func modelFiles(_ model: SystemModel) -> [OutputFile] {
        BIRDEmitter.files(model) + RulesEmitter.files(model)
    }

    /// The references between objects of the desired state that land on nothing emitted, and
    /// what the API server or kustomize would refuse in the objects themselves (but for
    /// characters no output can carry: `checkOutput`, once the files are rendered).
    public static func check(_ resources: [Resource]) -> [Diagnostic] {
        // The two passes over every object that run on one core (the reference index, the
        // duplicate identities), each object's own problems (`EmittedObjectChecks
        // .objectProblems`) and, once the index is built, its references, on every core; the
        // diagnostics as the reference checks, the duplicates, then the objects' own problems.
        // The objects' own problems need no index: they fill the cores beside the two passes.
        // Per range of objects, not per object: 75,000 pairs of mostly empty arrays cost a
        // pass on one core to join and another to free.
        // The objects are read in place through one buffer: `resources[i]` handed to a check
        // copied the object (a retain and a release for each of its seven references) in each
        // of the four passes.
        resources.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let all = buffer
            let (problems, index, duplicates) = ParallelMap.ranges(
                of: all.count, beside: { EmittedIndex(all) }, { EmittedObjectChecks.duplicates(all) }
            ) { range in range.flatMap { EmittedObjectChecks.objectProblems(all[$0]) } }
            // About a microsecond an object: worth a second core from a few hundred objects on.
            let references = ParallelMap.ranges(of: all.count, minimum: 128) { range in range.flatMap { ReferenceChecks.check(all[$0], index) } }
            return references.flatMap { $0 } + duplicates + problems.flatMap { $0 }
        }
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
        // The other emitters on another core while the K3s objects are made on every core: one
        // after the other on one core they were a tenth of a small build's emit phase.
        let others = Background {
            [
                FluxEmitter.resources(model, context),
                CertManagerEmitter.resources(model, context),
                CiliumEmitter.resources(model, context),
                FlaggerEmitter.resources(model, context),
                PrometheusEmitter.resources(model, context),
            ]
        }
        // Joined once, on every core (appending each to the first copied its objects on one
        // core, and freed the parts there too).
        let parts = [K8sEmitter.resources(model, context)] + others.value
        FreedElsewhere.free(consume context)
        defer { FreedElsewhere.free(consume parts) }
        return ParallelMap.flattened(parts)
    }
}
