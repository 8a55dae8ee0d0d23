/// The vocabulary namespace every spec uses.
public enum Ontology {
    public static let namespace = "https://w3id.org/ttlc#"
}
