import Ontology
import XCTest

final class YAMLTests: XCTestCase {
    private let header = "prefix: https://example.org/aegis#\n---\n"

    private func objects(_ graph: Graph, _ predicate: String) -> [Term] {
        graph.triples.filter { graph.terms.term($0.predicate) == .iri(NS.tc + predicate) }.map { graph.terms.term($0.object) }
    }

    func testTwinOfTheExampleSpecIsIsomorphic() {
        var turtle = Graph()
        var yaml = Graph()
        XCTAssertNil(SpecLoader().load(path: fixture("specs/aegis.ttl"), into: &turtle))
        XCTAssertNil(SpecLoader().load(path: fixture("Tests/Fixtures/twin/aegis.yaml"), into: &yaml))
        XCTAssertGreaterThan(turtle.triples.count, 50)
        XCTAssertTrue(Isomorphism.isomorphic(turtle, yaml))

        // And the comparison is not vacuous: one changed value breaks it.
        var changed = Graph()
        let text = try! String(contentsOfFile: fixture("Tests/Fixtures/twin/aegis.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "targetCpu: 70", with: "targetCpu: 71")
        XCTAssertNil(YAMLReader.read(SourceFile(path: "changed.yaml", bytes: Array(text.utf8)), vocabulary: .builtIn, into: &changed))
        XCTAssertFalse(Isomorphism.isomorphic(turtle, changed))
    }

    func testCoreSchemaScalars() {
        let (graph, problem) = readYAML(header + """
            kind: Peer
            name: p
            remoteAsn: 64496
            maxPrefixes: 0x10
            bfd: True
            neighbor: 198.51.100.1
            """)
        XCTAssertNil(problem)
        XCTAssertEqual(objects(graph, "remoteAsn"), [.literal("64496", datatype: NS.xsdInteger)])
        XCTAssertEqual(objects(graph, "maxPrefixes"), [.literal("16", datatype: NS.xsdInteger)])
        XCTAssertEqual(objects(graph, "bfd"), [.literal("true", datatype: NS.xsdBoolean)])
        XCTAssertEqual(objects(graph, "neighbor"), [.literal("198.51.100.1")])
    }

    func testUnknownPropertiesKeepTheirCoreSchemaType() {
        let (graph, problem) = readYAML(header + "kind: Service\nname: s\nweight: 0.25\nratio: 1e3\nlabel: '7'\n")
        XCTAssertNil(problem)
        XCTAssertEqual(objects(graph, "weight"), [.literal("0.25", datatype: NS.xsdDecimal)])
        XCTAssertEqual(objects(graph, "ratio"), [.literal("1e3", datatype: NS.xsdDouble)])
        XCTAssertEqual(objects(graph, "label"), [.literal("7")])
    }

    func testNamesReferToObjectsAndEnumerationsToTheVocabulary() {
        let (graph, problem) = readYAML(header + "kind: Service\nname: s\ndependsOn: [a, b]\nexpose: LoadBalancer\n")
        XCTAssertNil(problem)
        XCTAssertEqual(objects(graph, "dependsOn"), [.iri("https://example.org/aegis#a"), .iri("https://example.org/aegis#b")])
        XCTAssertEqual(objects(graph, "expose"), [.iri(NS.tc + "LoadBalancer")])
    }

    func testScalarOfTheWrongKind() {
        let (_, quoted) = readYAML(header + "kind: Peer\nname: p\nremoteAsn: \"64496\"\n")
        assertDiagnostic(quoted, .yamlScalarKind, "`remoteAsn` takes an integer, found a string '64496'", at: "test.yaml:5:12")

        let (_, number) = readYAML(header + "kind: Service\nname: s\ncpu: 1\n")
        assertDiagnostic(number, .yamlScalarKind, "`cpu` takes a string, found an integer '1'", at: "test.yaml:5:6")
        XCTAssertEqual(number?.notes.first?.message, "quote it to make it a string: \"1\"")

        let (_, reference) = readYAML(header + "kind: Service\nname: s\ndependsOn: \"cache\"\n")
        assertDiagnostic(reference, .yamlScalarKind, "`dependsOn` takes a Service, found a quoted string", at: "test.yaml:5:12")

        let (_, mapping) = readYAML(header + "kind: Service\nname: s\nimage: {a: 1}\n")
        assertDiagnostic(mapping, .yamlScalarKind, "`image` takes a string, found a mapping", at: "test.yaml:5:8")

        let (_, integer) = readYAML(header + "kind: Service\nname: s\nblueprint: {cpuWeight: 1}\n")
        assertDiagnostic(integer, .yamlScalarKind, "`cpuWeight` takes a decimal number, found an integer '1'", at: "test.yaml:5:24")
        XCTAssertEqual(integer?.notes.first?.message, "write it with a decimal point: 1.0")

        let (_, null) = readYAML(header + "kind: Service\nname: s\nimage:\n")
        XCTAssertEqual(null?.id, .yamlScalarKind)
    }

    func testSyntaxError() {
        let (_, problem) = readYAML(header + "kind: Service\nname: s\nport: [1, 2\n")
        XCTAssertEqual(problem?.id, .yamlSyntax)
        XCTAssertEqual(problem?.message, "did not find expected ',' or ']'")
        XCTAssertEqual(problem?.location?.line, 6)
        XCTAssertEqual(problem?.notes.first?.location?.description, "test.yaml:5:7")
    }

    func testBadIndentation() {
        let (_, problem) = readYAML(header + "kind: Service\n  name: s\n")
        XCTAssertEqual(problem?.id, .yamlSyntax)
        XCTAssertEqual(problem?.location?.description, "test.yaml:4:7")
    }

    func testMappingErrors() {
        let (_, noPrefix) = readYAML("kind: Service\nname: s\n")
        assertDiagnostic(noPrefix, .yamlMapping, "the first document must declare the file's `prefix` (the IRI base for names)", at: "test.yaml:1:1")
        let (_, noName) = readYAML(header + "kind: Service\nimage: x\n")
        assertDiagnostic(noName, .yamlMapping, "object has no `name`", at: "test.yaml:3:1")
        let (_, noKind) = readYAML(header + "name: s\n")
        assertDiagnostic(noKind, .yamlMapping, "object has no `kind` (its class, such as Service)", at: "test.yaml:3:1")
        let (_, duplicate) = readYAML(header + "kind: Service\nname: s\nimage: a\nimage: b\n")
        assertDiagnostic(duplicate, .yamlMapping, "duplicate key `image`; list repeated values as a sequence", at: "test.yaml:6:1")
        XCTAssertEqual(duplicate?.notes.first?.location?.description, "test.yaml:5:1")
        let (_, badName) = readYAML(header + "kind: Service\nname: river proxy\n")
        assertDiagnostic(badName, .yamlMapping, "'river proxy' is not a usable name: use letters, digits, '-', '_' and '.'", at: "test.yaml:4:7")
        // A control character in a name is shown escaped, not printed raw.
        let (_, control) = readYAML(header + "kind: Namespace\nname: \"a\\0b\"\n")
        assertDiagnostic(control, .yamlMapping, "'a\\u{0}b' is not a usable name: use letters, digits, '-', '_' and '.'", at: "test.yaml:4:7")
        let (_, nested) = readYAML(header + "kind: Service\nname: s\nhost: [[a]]\n")
        XCTAssertEqual(nested?.id, .yamlMapping)
    }

    /// What was let through or dropped: a second `prefix` (the first won), control characters
    /// in the prefix (NULs reached the output), tags on mappings, sequences and keys (dropped),
    /// a tagged name (`!!str edge` still referred to edge), a signed radix integer (0o+17 was 15).
    func testHeaderTagsAndRadixEdges() {
        let (_, twice) = readYAML("prefix: https://example.org/a#\nprefix: https://example.org/b#\n---\nkind: Namespace\nname: n\n")
        assertDiagnostic(twice, .yamlMapping, "duplicate key `prefix`; list repeated values as a sequence", at: "test.yaml:2:1")
        let (_, control) = readYAML("prefix: \"https://example.org/a\\n#\"\n---\nkind: Namespace\nname: n\n")
        assertDiagnostic(control, .yamlMapping, "`prefix` must be an absolute IRI such as https://example.org/aegis#, found 'https://example.org/a\\u{a}#'", at: "test.yaml:1:9")
        let (_, onMapping) = readYAML(header + "kind: Namespace\nname: n\nquota: !!binary {cpu: \"1\"}\n")
        assertDiagnostic(onMapping, .yamlMapping, "YAML tag !!binary is not supported on a mapping or a sequence", at: "test.yaml:5:8")
        let (_, onSequence) = readYAML(header + "kind: Service\nname: s\nhost: !x [a.example]\n")
        assertDiagnostic(onSequence, .yamlMapping, "YAML tag !x is not supported on a mapping or a sequence", at: "test.yaml:5:7")
        let (_, onKey) = readYAML(header + "kind: Service\nname: s\n!!str image: x\n")
        assertDiagnostic(onKey, .yamlMapping, "YAML tag !!str is not supported on a key", at: "test.yaml:5:1")
        let (_, taggedName) = readYAML(header + "kind: Service\nname: s\nnamespace: !!str edge\n")
        assertDiagnostic(taggedName, .yamlScalarKind, "`namespace` takes a Namespace, found a string tagged !!str", at: "test.yaml:5:12")
        let (_, signed) = readYAML(header + "kind: Peer\nname: p\nmaxPrefixes: 0o+17\n")
        assertDiagnostic(signed, .yamlScalarKind, "`maxPrefixes` takes an integer, found a string '0o+17'", at: "test.yaml:5:14")
        let (octal, fine) = readYAML(header + "kind: Peer\nname: p\nmaxPrefixes: 0o17\n")
        XCTAssertNil(fine)
        XCTAssertEqual(objects(octal, "maxPrefixes"), [.literal("15", datatype: NS.xsdInteger)])
        // Past 64 bits still an integer, exactly (was "takes an integer, found a string"): the
        // shape's maximum then says it is too large.
        let (huge, hugeProblem) = readYAML(header + "kind: Peer\nname: p\nmaxPrefixes: 0x1FFFFFFFFFFFFFFFFF\nremoteAsn: 0o7777777777777777777777777\n")
        XCTAssertNil(hugeProblem)
        XCTAssertEqual(objects(huge, "maxPrefixes"), [.literal("590295810358705651711", datatype: NS.xsdInteger)])
        XCTAssertEqual(objects(huge, "remoteAsn"), [.literal("37778931862957161709567", datatype: NS.xsdInteger)])
        let (hex, _) = readYAML(header + "kind: Peer\nname: p\nmaxPrefixes: 0xFFFFFFFFFFFFFFFF\nremoteAsn: 0x0\n")
        XCTAssertEqual(objects(hex, "maxPrefixes"), [.literal("18446744073709551615", datatype: NS.xsdInteger)])
        XCTAssertEqual(objects(hex, "remoteAsn"), [.literal("0", datatype: NS.xsdInteger)])
        // Past 256 digits, a string (converting 40,000 hex digits took 15 s).
        let (_, endless) = readYAML(header + "kind: Peer\nname: p\nmaxPrefixes: 0x" + String(repeating: "f", count: 40_000) + "\n")
        XCTAssertEqual(endless?.id, .yamlScalarKind)
    }

    /// A name of digits is referred to plainly (`namespace: 123` was "found an integer"); a name
    /// YAML reads as a boolean or null could be defined and never referred to, so it is refused.
    /// A quoted kind is told to be plain.
    func testNamesThatLookLikeOtherScalars() {
        let (graph, problem) = readYAML(header + "kind: Namespace\nname: 123\n---\nkind: Service\nname: web\nnamespace: 123\n")
        XCTAssertNil(problem)
        XCTAssertEqual(objects(graph, "namespace"), [.iri("https://example.org/aegis#123")])
        let (_, boolean) = readYAML(header + "kind: Namespace\nname: true\n")
        assertDiagnostic(boolean, .yamlMapping, "'true' cannot be a name: written plain to refer to it, YAML reads it as a boolean", at: "test.yaml:4:7")
        let (_, quotedKind) = readYAML(header + "kind: \"Service\"\nname: web\n")
        assertDiagnostic(quotedKind, .yamlScalarKind, "`kind` must be a class name such as Service", at: "test.yaml:3:7")
        XCTAssertEqual(quotedKind?.notes.first?.message, "write it plain (unquoted): kind: Service")
    }

    /// An unknown key over a list is one error, not one per item.
    func testOneErrorForAnUnknownKeyOverAList() throws {
        let (graph, problem) = readYAML(header + "kind: Namespace\nname: n\nfoo: [1, 2, 3]\n")
        XCTAssertNil(problem)
        let found = try SpecValidation.builtIn().get().validate(graph).filter { $0.id == .specUnknownProperty }
        XCTAssertEqual(found.map(\.message), ["unknown property tc:foo (did you mean tc:from?)"])
    }

    func testAnchorsAliasesAndMergeKeysAreRefused() {
        let (_, alias) = readYAML(header + "kind: Service\nname: s\ncpu: &c \"1\"\nmemory: *c\n")
        assertDiagnostic(alias, .yamlAlias, "an anchor (&name) is not supported in spec files", at: "test.yaml:5:6")
        let (_, merge) = readYAML(header + "kind: Service\nname: s\n<<: {cpu: \"1\"}\n")
        assertDiagnostic(merge, .yamlAlias, "a merge key (<<) is not supported in spec files", at: "test.yaml:5:1")
    }

    /// Marks on one long line are found by walking on from the mark before (characters of one
    /// to four bytes among them), and a long list is read whole.
    func testLocationsAlongALongFlowListAndItsItems() {
        let items = (0..<3000).map { "a\($0)" }
        let lead = "{kind: Service, name: s, image: \"é€😀\", dependsOn: ["
        let (graph, problem) = readYAML(header + lead + items.joined(separator: ", ") + "]}\n")
        XCTAssertNil(problem)
        XCTAssertEqual(graph.triples.filter { graph.terms.text($0.predicate).hasSuffix("dependsOn") }.count, 3000)
        let anchored = items.dropLast().joined(separator: ", ") + ", &x " + items.last!
        let (_, refused) = readYAML(header + lead + anchored + "]}\n")
        let column = lead.unicodeScalars.count + items.dropLast().map { $0.count + 2 }.reduce(0, +) + 1
        assertDiagnostic(refused, .yamlAlias, "an anchor (&name) is not supported in spec files", at: "test.yaml:3:\(column)")
    }

    func testBillionLaughsIsRejectedQuicklyWithBoundedMemory() {
        var text = header + "kind: Service\nname: s\n"
        text += "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ","))]\n"
        }
        let start = Date()
        let (graph, problem) = readYAML(text)
        XCTAssertEqual(problem?.id, .yamlAlias)
        XCTAssertEqual(problem?.location?.line, 5)
        XCTAssertTrue(graph.triples.isEmpty)
        // Not a timing assertion of performance: a sanity bound that catches expansion (10^9 nodes).
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testDeepNestingIsBounded() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let (_, problem) = readYAML(header + "kind: Service\nname: s\nhost: \(deep)\n")
        XCTAssertNotNil(problem)
    }

    func testLocationsOfYAMLTerms() {
        let (graph, problem) = readYAML(header + "kind: Service\nname: s\nport:\n  - name: http\n    number: 80\n")
        XCTAssertNil(problem)
        let number = graph.triples.first { graph.terms.term($0.predicate) == .iri(NS.tc + "number") }!
        XCTAssertEqual(graph.location(of: number, .predicate).description, "test.yaml:7:5")
        XCTAssertEqual(graph.location(of: number, .object).description, "test.yaml:7:13")
        XCTAssertEqual(graph.location(of: number, .subject).description, "test.yaml:6:5")
        let type = graph.triples.first { graph.terms.term($0.predicate) == .iri(NS.rdfType) }!
        XCTAssertEqual(graph.location(of: type, .subject).description, "test.yaml:4:7")
    }

    /// libyaml also breaks lines at a lone CR, NEL, LS and PS; a location after one was shifted
    /// by a line per break (the file's line table counts LF only). A control character, found by
    /// libyaml's reader, was reported at 1:1.
    func testLocationsAfterOtherLineBreaksAndOfControlCharacters() {
        for lineBreak in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            let (_, problem) = readYAML(header + "# note\(lineBreak)kind: Service\nname: web\nreplicas: x\n")
            assertDiagnostic(problem, .yamlScalarKind, "`replicas` takes an integer, found a string 'x'", at: "test.yaml:5:11")
        }
        let (_, separated) = readYAML(header + "kind: Service\nname: web\nimage: \"a\u{2028}b\"\nreplicas: x\n")
        assertDiagnostic(separated, .yamlScalarKind, "`replicas` takes an integer, found a string 'x'", at: "test.yaml:6:11")
        let (_, control) = readYAML(header + "kind: Service\nname: web\nimage: \"a\u{7}b\"\n")
        assertDiagnostic(control, .yamlSyntax, "control characters are not allowed", at: "test.yaml:5:10")
    }

    func testNotUTF8() {
        var graph = Graph()
        let bytes = Array(header.utf8) + Array("kind: Service\nname: s\nimage: caf".utf8) + [0xE9, 0x0A]
        let problem = YAMLReader.read(SourceFile(path: "x.yaml", bytes: bytes), vocabulary: .builtIn, into: &graph)
        assertDiagnostic(problem, .inputEncoding, "file is not valid UTF-8 (byte 0xE9)", at: "x.yaml:5:11")
    }
}
