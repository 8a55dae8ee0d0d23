/// The IRIs the front ends and checks need by name.
public enum NS {
    public static let tc = "https://w3id.org/ttlc#"
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let owl = "http://www.w3.org/2002/07/owl#"

    public static let rdfType = rdf + "type"
    public static let xsdString = xsd + "string"
    public static let xsdInteger = xsd + "integer"
    public static let xsdDecimal = xsd + "decimal"
    public static let xsdDouble = xsd + "double"
    public static let xsdBoolean = xsd + "boolean"
}
