// Made from Resources/shapes.ttl by ShippedSnapshotTests (UPDATE_GOLDEN=1 swift test
// --filter ShippedSnapshotTests); do not edit. The test holds it equal to the file.

extension ShapeSet {
    /// The shapes of Resources/shapes.ttl in the order it writes them; `pattern` makes
    /// each sh:pattern constraint from its text.
    static func shipped(_ pattern: (String) throws -> Constraint) rethrows -> [NodeShape] {
        [
            NodeShape(
                id: .iri("https://w3id.org/ttlc#SystemShape"), targetClasses: ["https://w3id.org/ttlc#System"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#repository"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^(https|ssh)://[^ /]+(/[^ ]*)?$"), .minCount(1), .maxCount(1)],
                        message: "an https:// or ssh:// Git repository URL"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#branch"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^(?!.*[.]lock(/|$))[A-Za-z0-9][-A-Za-z0-9_]*([.][-A-Za-z0-9_]+)*(/[A-Za-z0-9_][-A-Za-z0-9_]*([.][-A-Za-z0-9_]+)*)*$"), .maxLength(255), .minCount(1), .maxCount(1)],
                        message: "a Git branch name such as main or release/1.4: parts separated by single slashes, no part starting with a dot or a dash or ending in .lock, no two dots in a row, no trailing dot or slash"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#path"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^(?!(.*/)?[.][.](/|$))([.]/)?[-A-Za-z0-9_.][-A-Za-z0-9_./]*$"), .minCount(1), .maxCount(1)],
                        message: "a folder in the repository such as ./clusters/fra1, with no .. part"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#interval"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .minCount(1), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#repositorySecret"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#SecretRefShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#birdImage"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9][-a-z0-9._]*(:[0-9]+)?(/[a-z0-9][-a-z0-9._]*)*(:[A-Za-z0-9_][-A-Za-z0-9_.]{0,127})?(@sha256:[a-f0-9]{64})?$"), .maxLength(255), .minCount(1), .maxCount(1)],
                        message: "a container image reference such as ghcr.io/aegis/river:1.4.2"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#ClusterShape"), targetClasses: ["https://w3id.org/ttlc#Cluster"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#region"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"), .maxLength(63), .minCount(1), .maxCount(1)],
                        message: "a lowercase DNS label such as eu-central or traefik"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#node"),
                        constraints: [.shClass("https://w3id.org/ttlc#Node"), .nodeKind(.iri), .minCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#NamespaceShape"), targetClasses: ["https://w3id.org/ttlc#Namespace"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#quota"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#QuotaShape")), .nodeKind(.blankNode), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#defaultLimits"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#LimitsShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#ServiceShape"), targetClasses: ["https://w3id.org/ttlc#Service"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#namespace"),
                        constraints: [.shClass("https://w3id.org/ttlc#Namespace"), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#image"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9][-a-z0-9._]*(:[0-9]+)?(/[a-z0-9][-a-z0-9._]*)*(:[A-Za-z0-9_][-A-Za-z0-9_.]{0,127})?(@sha256:[a-f0-9]{64})?$"), .maxLength(255), .minCount(1), .maxCount(1)],
                        message: "a container image reference such as ghcr.io/aegis/river:1.4.2"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#port"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#PortShape")), .nodeKind(.blankNode), .minCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#cpu"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#memory"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#cpuLimit"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#memoryLimit"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#env"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#EnvVarShape")), .nodeKind(.blankNode)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#config"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#ConfigEntryShape")), .nodeKind(.blankNode)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#configPath"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^/[-A-Za-z0-9_./]*$"), .maxCount(1)],
                        message: "an absolute path such as /etc/config"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#readiness"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#ProbeShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#liveness"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#ProbeShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#expose"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#ClusterIP"), .iri("https://w3id.org/ttlc#LoadBalancer")]), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#host"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([*][.])?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?[.])+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"), .maxLength(253)],
                        message: "a lowercase DNS name such as edge.aegis.example, or a wildcard such as *.aegis.example"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#ingressClass"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"), .maxLength(63), .maxCount(1)],
                        message: "a lowercase DNS label such as eu-central or traefik"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#issuer"),
                        constraints: [.shClass("https://w3id.org/ttlc#Issuer"), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#disruptionBudget"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#DisruptionBudgetShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#replicas"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#scaling"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#ScalingShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#blueprint"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#BlueprintShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#canary"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#CanaryShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#metrics"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#MetricsShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#alerts"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#AlertShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#dependsOn"),
                        constraints: [.shClass("https://w3id.org/ttlc#Service"), .nodeKind(.iri)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#serviceAccountToken"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#boolean"), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#NetworkPolicyShape"), targetClasses: ["https://w3id.org/ttlc#NetworkPolicy"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#namespace"),
                        constraints: [.shClass("https://w3id.org/ttlc#Namespace"), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#allow"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#AllowedFlowShape")), .nodeKind(.blankNode), .minCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#NodeShape"), targetClasses: ["https://w3id.org/ttlc#Node"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#routerId"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"), .minCount(1), .maxCount(1)],
                        message: "an IPv4 address such as 192.0.2.1"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#asn"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("4294967294"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#announces"),
                        constraints: [.shClass("https://w3id.org/ttlc#AnycastPrefix"), .nodeKind(.iri)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#peer"),
                        constraints: [.shClass("https://w3id.org/ttlc#Peer"), .nodeKind(.iri)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#rpki"),
                        constraints: [.shClass("https://w3id.org/ttlc#RpkiValidator"), .nodeKind(.iri)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#PeerShape"), targetClasses: ["https://w3id.org/ttlc#Peer"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#peerType"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#Transit"), .iri("https://w3id.org/ttlc#IXP"), .iri("https://w3id.org/ttlc#RouteServer"), .iri("https://w3id.org/ttlc#Private")]), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#neighbor"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:)))$"), .minCount(1), .maxCount(1)],
                        message: "an IPv4 or IPv6 address such as 198.51.100.1 or 2001:db8::1"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#remoteAsn"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("4294967294"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#maxPrefixes"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("4294967295"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#bfd"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#boolean"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#multihop"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("255"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#password"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#SecretRefShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#AnycastPrefixShape"), targetClasses: ["https://w3id.org/ttlc#AnycastPrefix"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#prefix"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}/(3[0-2]|[12]?[0-9])|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))$"), .minCount(1), .maxCount(1)],
                        message: "an IPv4 or IPv6 prefix in CIDR notation such as 203.0.113.0/24 or 2001:db8::/32"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#healthCheck"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#HealthCheckShape")), .nodeKind(.blankNode), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#RpkiValidatorShape"), targetClasses: ["https://w3id.org/ttlc#RpkiValidator"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#rtrHost"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))|([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?[.])+[a-z]([-a-z0-9]{0,61}[a-z0-9])?)$"), .maxLength(253), .minCount(1), .maxCount(1)],
                        message: "an IP address or a lowercase DNS name"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#rtrPort"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("65535"), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#IssuerShape"), targetClasses: ["https://w3id.org/ttlc#Issuer"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#acmeServer"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^https://[^ /]+(/[^ ]*)?$"), .minCount(1), .maxCount(1)],
                        message: "an https:// URL"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#email"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[A-Za-z0-9._%+-]+@([a-z0-9]([-a-z0-9]*[a-z0-9])?[.])+[a-z]{2,}$"), .minCount(1), .maxCount(1)],
                        message: "an email address such as noc@aegis.example"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#http01"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#Http01Shape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#dns01"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#Dns01Shape")), .nodeKind(.blankNode)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#staging"),
                        constraints: [.shClass("https://w3id.org/ttlc#Issuer"), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#CertificateShape"), targetClasses: ["https://w3id.org/ttlc#Certificate"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#namespace"),
                        constraints: [.shClass("https://w3id.org/ttlc#Namespace"), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#dnsName"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([*][.])?([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?[.])+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"), .maxLength(253), .minCount(1)],
                        message: "a lowercase DNS name such as edge.aegis.example, or a wildcard such as *.aegis.example"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#secretName"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"), .maxLength(253), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes Secret name: lowercase letters, digits and dashes in parts separated by single dots, each part starting and ending with a letter or digit"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#duration"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#renewBefore"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#issuer"),
                        constraints: [.shClass("https://w3id.org/ttlc#Issuer"), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#RuleShape"), targetClasses: ["https://w3id.org/ttlc#Rule"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#priority"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("0"), .maxInclusive("65535"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#match"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#MatchShape")), .nodeKind(.blankNode), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#action"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#Allow"), .iri("https://w3id.org/ttlc#Drop"), .iri("https://w3id.org/ttlc#Block"), .iri("https://w3id.org/ttlc#Challenge"), .iri("https://w3id.org/ttlc#Log"), .iri("https://w3id.org/ttlc#RateLimit")]), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#GovernanceShape"), targetClasses: ["https://w3id.org/ttlc#Governance"], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#policy"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#GovernancePolicyShape")), .nodeKind(.blankNode), .minCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#defaultVerdict"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#Autonomous"), .iri("https://w3id.org/ttlc#RequiresApproval"), .iri("https://w3id.org/ttlc#Forbidden")]), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#SecretRefShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#secretName"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"), .maxLength(253), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes Secret name: lowercase letters, digits and dashes in parts separated by single dots, each part starting and ending with a letter or digit"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#key"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^(?![.][.])(?![.]$)[-._A-Za-z0-9]+$"), .maxLength(253), .minCount(1), .maxCount(1)],
                        message: "a file name: letters, digits, dots, dashes and underscores, neither . nor starting with .."),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#QuotaShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#cpu"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#memory"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#storage"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#pods"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#LimitsShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#cpu"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#memory"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[0-9]+([.][0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$"), .minCount(1), .maxCount(1)],
                        message: "a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#PortShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#name"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$"), .maxLength(15), .minCount(1), .maxCount(1)],
                        message: "a port name such as http or grpc-web: lowercase letters, digits and single dashes, at least one letter, at most 15 (as Kubernetes takes them)"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#number"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("65535"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#protocol"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#TCP"), .iri("https://w3id.org/ttlc#UDP")]), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#EnvVarShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#name"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[A-Za-z_][A-Za-z0-9_]*$"), .minCount(1), .maxCount(1)],
                        message: "an environment variable name such as LOG_LEVEL"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#value"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#secret"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#SecretRefShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#ConfigEntryShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#name"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[.]?[-_A-Za-z0-9][-._A-Za-z0-9]*$"), .maxLength(253), .minCount(1), .maxCount(1)],
                        message: "a file name: letters, digits, dots, dashes and underscores, neither . nor .. nor starting with .. (as a ConfigMap key)"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#value"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#ProbeShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#path"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^/[^ ]*$"), .maxCount(1)],
                        message: "an HTTP path starting with /"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#portName"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"), .maxLength(15), .minCount(1), .maxCount(1)],
                        message: "a port name: lowercase letters, digits and dashes, at most 15"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#period"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(s|m|h))+$"), .maxCount(1)],
                        message: "a duration in whole seconds such as 10s or 1m"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#initialDelay"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(s|m|h))+$"), .maxCount(1)],
                        message: "a duration in whole seconds such as 10s or 1m"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#failureThreshold"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#DisruptionBudgetShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#minAvailable"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("0"), .maxInclusive("2147483647"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#maxUnavailable"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("0"), .maxInclusive("2147483647"), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#ScalingShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#min"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#max"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#targetCpu"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("100"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#targetMemory"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("100"), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#BlueprintShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#min"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#max"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#targetUtilization"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("100"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#scaleUpThreshold"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("0"), .maxInclusive("100"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#scaleDownThreshold"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("0"), .maxInclusive("100"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#cpuWeight"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#decimal"), .minInclusive("0.0"), .maxInclusive("1.0"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#memoryWeight"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#decimal"), .minInclusive("0.0"), .maxInclusive("1.0"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#latencyWeight"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#decimal"), .minInclusive("0.0"), .maxInclusive("1.0"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#latencyP95"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#stabilizationWindow"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#cooldown"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .minCount(1), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#circuitBreakerFailures"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#CanaryShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#stepWeight"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("100"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#maxWeight"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("100"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#interval"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .minCount(1), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#threshold"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#successRate"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("0"), .maxInclusive("100"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#latencyP99"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#MetricsShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#portName"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"), .maxLength(15), .minCount(1), .maxCount(1)],
                        message: "a port name: lowercase letters, digits and dashes, at most 15"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#path"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^/[^ ]*$"), .minCount(1), .maxCount(1)],
                        message: "an HTTP path starting with /"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#interval"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#AlertShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#latencyP99"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#latencyFor"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#errorRate"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#decimal"), .minInclusive("0.0"), .maxInclusive("100.0"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#errorRateFor"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#availability"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#decimal"), .minInclusive("0.0"), .maxInclusive("100.0"), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#availabilityFor"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#AllowedFlowShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#from"),
                        constraints: [.shClass("https://w3id.org/ttlc#Service"), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#fromCidr"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}/(3[0-2]|[12]?[0-9])|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))$")],
                        message: "an IPv4 or IPv6 prefix in CIDR notation such as 203.0.113.0/24 or 2001:db8::/32"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#fromEntity"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#World"), .iri("https://w3id.org/ttlc#Host"), .iri("https://w3id.org/ttlc#RemoteNode"), .iri("https://w3id.org/ttlc#KubeApiServer"), .iri("https://w3id.org/ttlc#InCluster")]), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#to"),
                        constraints: [.shClass("https://w3id.org/ttlc#Service"), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#toCidr"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}/(3[0-2]|[12]?[0-9])|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))$")],
                        message: "an IPv4 or IPv6 prefix in CIDR notation such as 203.0.113.0/24 or 2001:db8::/32"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#toEntity"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#World"), .iri("https://w3id.org/ttlc#Host"), .iri("https://w3id.org/ttlc#RemoteNode"), .iri("https://w3id.org/ttlc#KubeApiServer"), .iri("https://w3id.org/ttlc#InCluster")]), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#toPort"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"), .maxLength(15)],
                        message: "a port name: lowercase letters, digits and dashes, at most 15"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#toPortNumber"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("65535")],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#http"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#HttpRuleShape")), .nodeKind(.blankNode)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#HttpRuleShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#method"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), .oneOf([.literal("GET", datatype: nil, language: nil), .literal("HEAD", datatype: nil, language: nil), .literal("POST", datatype: nil, language: nil), .literal("PUT", datatype: nil, language: nil), .literal("PATCH", datatype: nil, language: nil), .literal("DELETE", datatype: nil, language: nil), .literal("OPTIONS", datatype: nil, language: nil)]), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#path"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^/[^ ]*$"), .minCount(1), .maxCount(1)],
                        message: "an HTTP path starting with /"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#HealthCheckShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#url"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^https?://([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?([.][A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?(/[^ ]*)?$"), .minCount(1), .maxCount(1)],
                        message: "an http:// or https:// URL: a host name, an IPv4 address or an [IPv6] address, an optional port 1-65535, then a path"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#withdrawAfter"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("2147483647"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#interval"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#Http01Shape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#ingressClass"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"), .maxLength(63), .minCount(1), .maxCount(1)],
                        message: "a lowercase DNS label such as eu-central or traefik"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#Dns01Shape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#dnsProvider"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#Cloudflare"), .iri("https://w3id.org/ttlc#DigitalOcean")]), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#credential"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#SecretRefShape")), .nodeKind(.blankNode), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#dnsZone"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?[.])+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$"), .maxLength(253)],
                        message: "a lowercase DNS zone such as aegis.example"),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#MatchShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#sourcePrefix"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}/(3[0-2]|[12]?[0-9])|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))$")],
                        message: "an IPv4 or IPv6 prefix in CIDR notation such as 203.0.113.0/24 or 2001:db8::/32"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#destinationPrefix"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}/(3[0-2]|[12]?[0-9])|(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:(:[0-9a-fA-F]{1,4}){1,6}|:((:[0-9a-fA-F]{1,4}){1,7}|:))/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))$")],
                        message: "an IPv4 or IPv6 prefix in CIDR notation such as 203.0.113.0/24 or 2001:db8::/32"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#sourcePort"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("65535")],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#destinationPort"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("65535")],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#protocol"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#TCP"), .iri("https://w3id.org/ttlc#UDP"), .iri("https://w3id.org/ttlc#ICMP")]), .nodeKind(.iri), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#signalKind"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#Packet"), .iri("https://w3id.org/ttlc#HttpRequest"), .iri("https://w3id.org/ttlc#DnsQuery"), .iri("https://w3id.org/ttlc#TlsHandshake"), .iri("https://w3id.org/ttlc#BgpUpdate")]), .nodeKind(.iri)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#payload"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), .minLength(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#rate"),
                        constraints: [.node(.iri("https://w3id.org/ttlc#RateShape")), .nodeKind(.blankNode), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#RateShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#limit"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#integer"), .minInclusive("1"), .maxInclusive("4294967295"), .minCount(1), .maxCount(1)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#window"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([0-9]+(ms|s|m|h|d))+$"), .minCount(1), .maxCount(1)],
                        message: "a duration such as 500ms, 30s, 5m, 1h30m or 90d"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#perKey"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#BySource"), .iri("https://w3id.org/ttlc#ByDestination"), .iri("https://w3id.org/ttlc#BySignalKey")]), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
            NodeShape(
                id: .iri("https://w3id.org/ttlc#GovernancePolicyShape"), targetClasses: [], closed: true,
                ignoredProperties: ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"],
                properties: [
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#operation"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#Create"), .iri("https://w3id.org/ttlc#Update"), .iri("https://w3id.org/ttlc#Delete"), .iri("https://w3id.org/ttlc#Scale")]), .nodeKind(.iri)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#resourceKind"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^[A-Z][A-Za-z0-9]*$")],
                        message: "a resource kind such as Deployment"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#namespace"),
                        constraints: [.shClass("https://w3id.org/ttlc#Namespace"), .nodeKind(.iri)],
                        message: nil),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#field"),
                        constraints: [.datatype("http://www.w3.org/2001/XMLSchema#string"), try pattern("^([A-Za-z][A-Za-z0-9]*|[*])([.]([A-Za-z][A-Za-z0-9]*|[*]))*$")],
                        message: "a dotted field path such as spec.template.spec.containers.image"),
                    PropertyShape(
                        path: .predicate("https://w3id.org/ttlc#verdict"),
                        constraints: [.oneOf([.iri("https://w3id.org/ttlc#Autonomous"), .iri("https://w3id.org/ttlc#RequiresApproval"), .iri("https://w3id.org/ttlc#Forbidden")]), .nodeKind(.iri), .minCount(1), .maxCount(1)],
                        message: nil),
                ]),
        ]
    }
}
