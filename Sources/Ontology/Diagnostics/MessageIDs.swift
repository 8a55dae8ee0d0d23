/// The catalogue of diagnostic identifiers the front ends produce. Checks added later
/// (shapes, cross-object rules) add their own next to these.
extension MessageID {
    /// A file could not be read (missing, unreadable, a directory).
    public static let inputUnreadable: MessageID = "input.unreadable"
    /// A file is not UTF-8.
    public static let inputEncoding: MessageID = "input.encoding"
    /// A spec file holds no statements.
    public static let inputEmpty: MessageID = "input.empty"
    /// A file is larger than positions can address.
    public static let inputTooLarge: MessageID = "input.tooLarge"
    /// A file's extension names no front end.
    public static let inputUnknownFormat: MessageID = "input.unknownFormat"
    /// Turtle that serd (or the checks around it) rejects.
    public static let turtleSyntax: MessageID = "syntax.turtle"
    /// A prefixed name whose prefix was never declared.
    public static let turtleUndefinedPrefix: MessageID = "syntax.undefinedPrefix"
    /// An IRI that cannot be resolved or is not an absolute IRI.
    public static let turtleBadIRI: MessageID = "syntax.badIRI"
    /// A string escape that does not encode a Unicode scalar (a surrogate).
    public static let turtleBadEscape: MessageID = "syntax.badEscape"
    /// Turtle nested deeper than ttlc reads (TurtleNesting.maxDepth).
    public static let turtleNesting: MessageID = "syntax.nesting"
    /// YAML that libyaml rejects.
    public static let yamlSyntax: MessageID = "syntax.yaml"
    /// YAML that parses but does not follow the spec mapping (DESIGN.md "The spec").
    public static let yamlMapping: MessageID = "yaml.mapping"
    /// A YAML scalar whose kind does not fit the property's datatype.
    public static let yamlScalarKind: MessageID = "yaml.scalarKind"
    /// YAML anchors, aliases and merge keys are refused.
    public static let yamlAlias: MessageID = "yaml.alias"

    /// The shapes use a SHACL feature ttlc does not implement.
    public static let shapesUnsupported: MessageID = "shapes.unsupported"

    // SHACL Core constraint components, one id each (SHACL §4).
    public static let shapeDatatype: MessageID = "shape.datatype"
    public static let shapeClass: MessageID = "shape.class"
    public static let shapeNodeKind: MessageID = "shape.nodeKind"
    public static let shapeMinCount: MessageID = "shape.minCount"
    public static let shapeMaxCount: MessageID = "shape.maxCount"
    public static let shapePattern: MessageID = "shape.pattern"
    public static let shapeIn: MessageID = "shape.in"
    public static let shapeMinInclusive: MessageID = "shape.minInclusive"
    public static let shapeMaxInclusive: MessageID = "shape.maxInclusive"
    public static let shapeMinLength: MessageID = "shape.minLength"
    public static let shapeMaxLength: MessageID = "shape.maxLength"
    public static let shapeHasValue: MessageID = "shape.hasValue"
    public static let shapeNode: MessageID = "shape.node"
    public static let shapeClosed: MessageID = "shape.closed"

    // Checks SHACL Core cannot express.
    public static let specUnknownClass: MessageID = "spec.unknownClass"
    public static let specUnknownProperty: MessageID = "spec.unknownProperty"
    public static let specDuplicateName: MessageID = "spec.duplicateName"
    public static let specDangling: MessageID = "spec.dangling"
    public static let specSecretLiteral: MessageID = "spec.secretLiteral"
    public static let specReplicaOwners: MessageID = "spec.replicaOwners"
    public static let specASN: MessageID = "spec.asn"
    public static let specDocumentationASN: MessageID = "spec.documentationAsn"
    public static let specDocumentationPrefix: MessageID = "spec.documentationPrefix"
    public static let specCIDR: MessageID = "spec.cidr"
    public static let specIP: MessageID = "spec.ip"
    public static let specDuration: MessageID = "spec.duration"
    public static let specName: MessageID = "spec.name"
    public static let specPartClass: MessageID = "spec.partClass"
    public static let specRegex: MessageID = "spec.regex"
}
