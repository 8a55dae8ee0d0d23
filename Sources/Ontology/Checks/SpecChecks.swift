/// The checks on a spec graph that SHACL Core cannot express (DESIGN.md "Checks"): unknown
/// classes and properties, duplicate names, dangling references, literal credentials, two
/// owners of one service's replicas, and the address and ASN rules.
public struct SpecChecks: Sendable {
    public let vocabulary: Vocabulary
    /// The classes a spec defines objects of (the shapes' target classes); nil: not checked.
    public let objectClasses: Set<String>?

    public init(vocabulary: Vocabulary, objectClasses: Set<String>? = nil) {
        self.vocabulary = vocabulary
        self.objectClasses = objectClasses
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// Triples already reported here; the shape validator will not report them again.
        public var reported: Set<Int> = []
        /// Names defined twice: what the shapes would say about the merged object only
        /// repeats the duplicate, so they are not checked until it is resolved.
        public var duplicated: Set<TermID> = []
    }

    /// What a literal property holds, for exact address checks.
    enum AddressKind { case ipv4, ip, prefix }

    /// Properties whose literals are addresses or prefixes, by local name.
    static let addressProperties: [String: AddressKind] = [
        "routerId": .ipv4, "neighbor": .ip, "prefix": .prefix,
        "sourcePrefix": .prefix, "destinationPrefix": .prefix, "fromCidr": .prefix, "toCidr": .prefix,
    ]

    static let replicaOwners = ["replicas", "scaling", "blueprint"]

    /// Classes whose objects' names become Kubernetes object names and folders of the output
    /// tree, by local name, with the longest name each may have. A name outside these rules
    /// built objects the API server refuses, and a full IRI such as `<…#../../x>` wrote files
    /// outside the output folder.
    static let kubernetesNamed: [String: NameRule] = {
        var rules = Dictionary(
            uniqueKeysWithValues: ["Namespace", "Cluster", "Node", "Certificate", "Issuer", "NetworkPolicy", "System"].map { ($0, NameRule.label) })
        rules["Service"] = .service
        return rules
    }()

    /// An object's class and name, unique among a spec's objects.
    struct NameKey: Hashable {
        let type: TermID
        let name: String
    }

    /// A name's syntax: a DNS label (RFC 1123; a Service's, RFC 1035, starts with a letter).
    struct NameRule: Sendable {
        let maxLength: Int
        let letterFirst: Bool
        let why: String

        static let label = NameRule(maxLength: 63, letterFirst: false, why: "a Kubernetes name: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters")
        static let service = NameRule(
            maxLength: 55, letterFirst: true,
            why: "a Kubernetes Service name: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 55 characters (63, less the -primary Flagger adds for a canary)")

        func accepts(_ name: String) -> Bool {
            let bytes = Array(name.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= maxLength else { return false }
            func lowerOrDigit(_ byte: UInt8) -> Bool { (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) }
            let firstOK = letterFirst ? first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") : lowerOrDigit(first)
            return firstOK && lowerOrDigit(last) && bytes.allSatisfy { lowerOrDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// The range a duration property's values must lie in (milliseconds), and why each end.
    public struct DurationRange: Sendable {
        public let shortest: Int
        public let whyShortest: String
        public let longest: Int
        public let whyLongest: String
    }

    /// Properties whose literals are durations, by local name, with the range each may take.
    /// Within the shapes' syntax a value can still be too long for the tool that reads it (and
    /// an emitter cannot write it), or too short to mean anything. `DurationTests` holds this
    /// table equal to the shapes' duration properties.
    public static let durationLimits: [String: DurationRange] = {
        let go = "the longest duration Go holds (Flux, Flagger and cert-manager read durations with Go)"
        let probes = "Kubernetes holds probe times as 32-bit seconds"
        func range(_ shortest: Int = 0, _ whyShortest: String = "", longest: Int = SpecDuration.maxMilliseconds, _ whyLongest: String = go) -> DurationRange {
            DurationRange(shortest: shortest, whyShortest: whyShortest, longest: longest, whyLongest: whyLongest)
        }
        var limits = Dictionary(uniqueKeysWithValues: [
            "duration", "renewBefore", "stabilizationWindow", "cooldown", "latencyFor", "errorRateFor", "availabilityFor", "window",
        ].map { ($0, range()) })
        limits["interval"] = range(1000, "Flux, Flagger, Prometheus or the health check would poll it without pause")
        limits["latencyP95"] = range(1, "a latency target of 0 is never met")
        limits["latencyP99"] = range(1, "a latency target of 0 is never met")
        limits["period"] = range(1000, "Kubernetes runs a probe at most once a second", longest: Int(Int32.max) * 1000, probes)
        limits["initialDelay"] = range(longest: Int(Int32.max) * 1000, probes)
        return limits
    }()

    public func run(_ index: GraphIndex) -> Result {
        var result = Result()
        let graph = index.graph
        let secretRef = NS.tc + "SecretRef"
        var firstDefinition: [TermID: Int] = [:]
        var firstNamed: [NameKey: Int] = [:]
        // Each unknown name's suggestion once per kind: a file can misuse one name thousands of
        // times (every node of a long list under an unknown property), and each suggestion
        // compares the name with the whole vocabulary. Classes and properties apart: one name
        // misused as both gets the nearest of each.
        var classSuggestions: [String: String] = [:]
        var propertySuggestions: [String: String] = [:]
        let properties = Set(vocabulary.ranges.keys.map { NS.tc + $0 })
        // The vocabulary's names lowercased once: a file of 50,000 distinct unknown keys took
        // 26 s when every suggestion lowercased and split every name again.
        let classNames = Self.candidates(vocabulary.classes), propertyNames = Self.candidates(properties)
        func suggested(_ name: String, in known: [Candidate], cache: inout [String: String]) -> String {
            if let cached = cache[name] { return cached }
            let made = Self.suggestion(for: name, among: known)
            cache[name] = made
            return made
        }

        // What each predicate is, found once per predicate (a spec uses a hundred or so), not
        // for every triple: its text, local name and range made two strings and three
        // dictionary lookups by string for each of a million triples at 10,000 services.
        var predicates: [TermID: PredicateFacts] = [:]
        for (position, triple) in graph.triples.enumerated() {
            if triple.predicate == index.rdfType {
                let type = graph.terms.text(triple.object)
                if !vocabulary.classes.contains(type) {
                    result.add(
                        Diagnostic(.specUnknownClass, "unknown class \(TermNames.compact(type))\(suggested(type, in: classNames, cache: &classSuggestions))", at: graph.location(of: triple, .object)),
                        triple: position)
                } else if let objectClasses, !objectClasses.contains(type),
                    graph.terms.kind(triple.subject) == .iri || index.byObject[triple.subject].isEmpty
                {
                    // No shape targets a part (tc:Port) or an enumeration (tc:Exposure): one
                    // standing on its own was never checked at all.
                    result.add(
                        Diagnostic(
                            .specPartClass,
                            "\(TermNames.describe(graph.terms.term(triple.subject))) is a \(TermNames.compact(type)), which a spec does not define on its own: it is part of another object, written inside it as [ … ], or one of the vocabulary's values",
                            at: graph.location(of: triple, .subject)),
                        triple: position)
                }
                if graph.terms.kind(triple.subject) == .iri {
                    let className = Self.vocabularyName(type)
                    let name = TermNames.localName(graph.terms.text(triple.subject))
                    if let rule = Self.kubernetesNamed[className], !rule.accepts(name) {
                        result.add(
                            Diagnostic(.specName, "\(TermNames.shortened(name)) cannot name a tc:\(className): it must be \(rule.why)", at: graph.location(of: triple, .subject)),
                            triple: position)
                    }
                    // Objects are emitted and found by name: two IRIs of one class with one
                    // name (`:cache` and `other:cache`) made one file of two Deployments.
                    let key = NameKey(type: triple.object, name: name)
                    if let first = firstNamed[key], graph.triples[first].subject != triple.subject {
                        let firstTriple = graph.triples[first]
                        result.add(
                            Diagnostic(
                                .specDuplicateName,
                                "<\(graph.terms.text(triple.subject))> is a second \(TermNames.compact(type)) named \(TermNames.shortened(name)) (the first is <\(graph.terms.text(firstTriple.subject))>): objects are emitted and referred to by name",
                                at: graph.location(of: triple, .subject), notes: [Note("the other is defined here", at: graph.location(of: firstTriple, .subject))]),
                            triple: position)
                        result.duplicated.insert(triple.subject)
                    } else if firstNamed[key] == nil {
                        firstNamed[key] = position
                    }
                    if let first = firstDefinition[triple.subject] {
                        let firstTriple = graph.triples[first]
                        result.add(
                            Diagnostic(
                                .specDuplicateName, "\(TermNames.compact(graph.terms.text(triple.subject))) is defined twice", at: graph.location(of: triple, .subject),
                                notes: [Note("first defined here", at: graph.location(of: firstTriple, .subject))]),
                            triple: position)
                        result.duplicated.insert(triple.subject)
                    } else {
                        firstDefinition[triple.subject] = position
                    }
                }
                continue
            }
            let facts: PredicateFacts
            if let known = predicates[triple.predicate] {
                facts = known
            } else {
                facts = PredicateFacts(graph.terms.text(triple.predicate), vocabulary)
                predicates[triple.predicate] = facts
            }
            let predicate = facts.iri
            guard let range = facts.range else {
                result.add(
                    Diagnostic(.specUnknownProperty, "unknown property \(TermNames.compact(predicate))\(suggested(predicate, in: propertyNames, cache: &propertySuggestions))", at: graph.location(of: triple, .predicate)),
                    triple: position)
                continue
            }
            // The object's kind first; its text only where a check reads it.
            let objectKind = graph.terms.kind(triple.object)
            switch range {
            case .reference(let classIRI) where classIRI == secretRef:
                if objectKind != .blank {
                    result.add(
                        Diagnostic(
                            .specSecretLiteral, "\(TermNames.compact(predicate)) takes a secret reference, not \(TermNames.describe(graph.terms.term(triple.object))): credentials never appear in a spec",
                            at: graph.location(of: triple, .object),
                            notes: [Note("write [ tc:secretName \"…\" ; tc:key \"…\" ] naming the Kubernetes Secret that holds it")]),
                        triple: position)
                }
            case .reference:
                if objectKind == .iri, index.typeTriples[triple.object].isEmpty, case let iri = graph.terms.text(triple.object), !iri.hasPrefix(NS.tc) {
                    result.add(
                        Diagnostic(.specDangling, "\(TermNames.compact(predicate)) refers to \(TermNames.compact(iri)), which is not defined", at: graph.location(of: triple, .object)),
                        triple: position)
                }
            case .datatype, .vocabularyTerm:
                break
            }
            guard facts.readsLiteral, objectKind == .literal else { continue }
            let text = graph.terms.text(triple.object)
            if let kind = facts.address {
                checkAddress(text, kind, triple, position, &result, graph)
            }
            if let limit = facts.duration {
                checkDuration(text, limit, triple, position, &result, graph)
            }
            if facts.isPath, isHTTPRule(triple.subject, index), let why = PathPattern.problem(text) {
                result.add(
                    Diagnostic(.specRegex, "HTTP rule path \"\(TermNames.shortened(text))\": \(why); Cilium reads it as a Go (RE2) regular expression", at: graph.location(of: triple, .object)),
                    triple: position)
            }
            if facts.isASN, let asn = UInt64(text) {
                checkASN(asn, triple, position, &result, index)
            }
        }
        checkReplicaOwners(index, &result)
        return result
    }

    /// What the checks of a triple need to know of its predicate.
    private struct PredicateFacts {
        let iri: String
        /// The name after `tc:` ("" for another namespace).
        let local: String
        /// Nil when the predicate is not a vocabulary property.
        let range: Vocabulary.Range?
        let address: AddressKind?
        let duration: DurationRange?
        /// `tc:path` (an HTTP rule's path is an RE2 expression).
        let isPath: Bool
        /// `tc:asn` or `tc:remoteAsn`.
        let isASN: Bool
        /// Whether any check reads the text of a literal object.
        var readsLiteral: Bool { address != nil || duration != nil || isPath || isASN }

        init(_ iri: String, _ vocabulary: Vocabulary) {
            self.iri = iri
            local = SpecChecks.vocabularyName(iri)
            range = local.isEmpty ? nil : vocabulary.range(ofProperty: local)
            address = SpecChecks.addressProperties[local]
            duration = SpecChecks.durationLimits[local]
            isPath = local == "path"
            isASN = local == "asn" || local == "remoteAsn"
        }
    }

    /// The name after `tc:` of a vocabulary IRI, "" for any other. Cut off as bytes: a
    /// Character-wise dropFirst walks graphemes.
    private static func vocabularyName(_ iri: String) -> String {
        iri.hasPrefix(NS.tc) ? String(decoding: iri.utf8.dropFirst(NS.tc.utf8.count), as: UTF8.self) : ""
    }

    /// A duration in the shapes' syntax outside what its readers hold or what means anything.
    /// Malformed text is the shapes' to report (`shape.pattern`).
    private func checkDuration(_ text: String, _ range: DurationRange, _ triple: Triple, _ position: Int, _ result: inout Result, _ graph: Graph) {
        let problem: String
        switch SpecDuration.parse(text) {
        case .malformed:
            return
        case .milliseconds(let value) where value >= range.shortest && value <= range.longest:
            return
        case .milliseconds(let value) where value < range.shortest:
            problem = "is too short: at least \(SpecDuration.prometheusText(milliseconds: range.shortest)); \(range.whyShortest)"
        case .milliseconds, .tooLong:
            problem = "is too long: at most \(SpecDuration.prometheusText(milliseconds: range.longest)), \(range.whyLongest)"
        }
        let property = TermNames.compact(graph.terms.text(triple.predicate))
        result.add(Diagnostic(.specDuration, "\(property) \"\(TermNames.shortened(text))\" \(problem)", at: graph.location(of: triple, .object)), triple: position)
    }

    private func checkAddress(_ text: String, _ kind: AddressKind, _ triple: Triple, _ position: Int, _ result: inout Result, _ graph: Graph) {
        let at = graph.location(of: triple, .object)
        let property = TermNames.compact(graph.terms.text(triple.predicate))
        switch kind {
        case .prefix:
            switch IPPrefix.parse(text) {
            case .success(let prefix):
                if IPPrefix.documentation.contains(where: { prefix.isInside($0) }) {
                    result.diagnostics.append(Diagnostic(.specDocumentationPrefix, "\(text) is a documentation prefix (RFC 5737 / RFC 3849): fine for examples, never announced on the Internet", severity: .warning, at: at))
                }
            case .failure(.hostBitsSet(let meant)):
                result.add(Diagnostic(.specCIDR, "\(property) \"\(text)\" has host bits set; did you mean \(meant)?", at: at), triple: position)
            case .failure(.lengthOutOfRange):
                result.add(Diagnostic(.specCIDR, "\(property) \"\(text)\" has a prefix length longer than the address", at: at), triple: position)
            case .failure(.malformed):
                result.add(Diagnostic(.specCIDR, "\(property) \"\(text)\" is not an IPv4 or IPv6 prefix in CIDR notation", at: at), triple: position)
            }
        case .ip, .ipv4:
            guard let address = IPAddress(text), kind == .ip || address.isIPv4 else {
                let expected = kind == .ipv4 ? "an IPv4 address" : "an IPv4 or IPv6 address"
                result.add(Diagnostic(.specIP, "\(property) \"\(text)\" is not \(expected)", at: at), triple: position)
                return
            }
            if property == "tc:neighbor", let why = address.unusableAsNeighbor {
                result.add(Diagnostic(.specIP, "\(property) \"\(text)\" is \(why): no BGP session can be made with it", at: at), triple: position)
                return
            }
            if IPPrefix.documentation.contains(where: { $0.contains(address) }) {
                result.diagnostics.append(Diagnostic(.specDocumentationPrefix, "\(text) is a documentation address (RFC 5737 / RFC 3849)", severity: .warning, at: at))
            }
        }
    }

    /// A node some `tc:http` refers to: an HTTP rule of a policy's allow.
    private func isHTTPRule(_ node: TermID, _ index: GraphIndex) -> Bool {
        let graph = index.graph
        return index.byObject[node].contains { graph.terms.text(graph.triples[$0].predicate) == NS.tc + "http" }
    }

    private func checkASN(_ asn: UInt64, _ triple: Triple, _ position: Int, _ result: inout Result, _ index: GraphIndex) {
        let graph = index.graph
        let at = graph.location(of: triple, .object)
        let reserved: [UInt64: String] = [0: "AS 0 is reserved (RFC 7607)", 23456: "AS 23456 is AS_TRANS (RFC 6793), never a real AS", 65535: "AS 65535 is reserved (RFC 7300)", 4_294_967_295: "AS 4294967295 is reserved (RFC 7300)"]
        if let why = reserved[asn] {
            result.add(Diagnostic(.specASN, why, at: at), triple: position)
            return
        }
        if asn > 4_294_967_295 {
            result.add(Diagnostic(.specASN, "AS \(asn) is larger than 32 bits", at: at), triple: position)
            return
        }
        let isPrivate = (64512...65534).contains(asn) || (4_200_000_000...4_294_967_294).contains(asn)
        if isPrivate, graph.terms.text(triple.predicate) == NS.tc + "remoteAsn" {
            let peerType = graph.terms.lookup(.iri(NS.tc + "peerType")).flatMap { index.objects(triple.subject, $0).first }
                .map { graph.terms.text(graph.triples[$0].object) }
            if peerType == NS.tc + "Transit" || peerType == NS.tc + "IXP" {
                let kind = TermNames.compact(peerType!)
                result.add(
                    Diagnostic(.specASN, "private AS \(asn) on a \(kind.dropFirst(3)) peer: transit and IXP peers have public ASNs", at: at,
                        notes: [Note("private ASNs (64512–65534, 4200000000–4294967294) belong on private peers only")]),
                    triple: position)
            }
        }
        if (64496...64511).contains(asn) || (65536...65551).contains(asn) {
            result.diagnostics.append(Diagnostic(.specDocumentationASN, "AS \(asn) is a documentation ASN (RFC 5398): fine for examples only", severity: .warning, at: at))
        }
    }

    private func checkReplicaOwners(_ index: GraphIndex, _ result: inout Result) {
        let graph = index.graph
        let owners = Self.replicaOwners.compactMap { graph.terms.lookup(.iri(NS.tc + $0)) }
        guard owners.count > 1 else { return }
        for (subject, triples) in index.bySubject.nonEmpty.sorted(by: { $0.triples[0] < $1.triples[0] }) {
            let owning = triples.filter { owners.contains(graph.triples[$0].predicate) }
            let kinds = Set(owning.map { graph.triples[$0].predicate })
            guard kinds.count > 1, let second = owning.first(where: { graph.triples[$0].predicate != graph.triples[owning[0]].predicate }) else { continue }
            let firstTriple = graph.triples[owning[0]]
            let secondTriple = graph.triples[second]
            result.add(
                Diagnostic(
                    .specReplicaOwners,
                    "\(TermNames.compact(graph.terms.text(subject))) has two owners of its replica count: \(TermNames.compact(graph.terms.text(firstTriple.predicate))) and \(TermNames.compact(graph.terms.text(secondTriple.predicate)))",
                    at: graph.location(of: secondTriple, .predicate),
                    notes: [Note("keep one of replicas (fixed), scaling (HPA) or blueprint (ttlc decide)", at: graph.location(of: firstTriple, .predicate))]),
                triple: second)
        }
    }

    /// " (did you mean tc:Service?)" when a known name is one or two edits away.
    /// A vocabulary name, and its local name lowercased for comparing.
    struct Candidate {
        let iri: String
        let lowered: [UInt8]
    }

    /// In IRI order, so that of two names equally near the first is suggested.
    static func candidates(_ iris: Set<String>) -> [Candidate] {
        iris.sorted().map { Candidate(iri: $0, lowered: lowered(localPart($0))) }
    }

    private static func localPart(_ iri: String) -> Substring { iri.split(separator: "#").last ?? Substring(iri) }

    private static func lowered(_ text: Substring) -> [UInt8] {
        text.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
    }

    /// " (did you mean tc:x?)" for the nearest name within two edits, else "".
    static func suggestion(for iri: String, among known: [Candidate]) -> String {
        let local = lowered(localPart(iri))
        var best: (iri: String, distance: Int)?
        for candidate in known where abs(candidate.lowered.count - local.count) <= 2 {
            let distance = editDistance(local, candidate.lowered)
            if distance <= 2, distance < best?.distance ?? 3 { best = (candidate.iri, distance) }
        }
        return best.map { " (did you mean \(TermNames.compact($0.iri))?)" } ?? ""
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension SpecChecks.Result {
    mutating func add(_ diagnostic: Diagnostic, triple: Int) {
        diagnostics.append(diagnostic)
        reported.insert(triple)
    }
}
