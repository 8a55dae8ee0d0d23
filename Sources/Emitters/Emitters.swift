// One folder per target arrives with the build issues; each is a pure function to files.
import Planner

/// Namespace for the emitters.
public enum Emitters {}
