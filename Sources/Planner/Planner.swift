// The typed system model, the checks that cross objects and the desired state are built here
// (issue: `ttlc build` I). Until then the module only fixes its place in the pipeline.
import Ontology

/// Namespace for the planner; the model and desired state arrive with the build issue.
public enum Planner {}
