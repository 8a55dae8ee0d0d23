import Ontology
import Planner
import XCTest

@testable import Emitters

/// What the API server, kustomize or a controller would refuse in the emitted objects
/// themselves: each found by building a mutated example spec and running the real tools
/// (kubectl kustomize refused the first three trees; the rest the API server or cert-manager).
final class EmittedObjectCheckTests: XCTestCase {
    private func problems(_ change: (inout SystemModel) throws -> Void) throws -> [Diagnostic] {
        var model = try K8sEmitterTests.model()
        XCTAssertEqual(Self.check(Emitters.resources(model)), [], "the example specs must pass")
        try change(&model)
        return Self.check(Emitters.resources(model))
    }

    /// The checks on the objects, then the one on their rendered files, as a build runs them.
    private static func check(_ resources: [Resource]) -> [Diagnostic] {
        EmittedObjectChecks.run(resources) + EmittedObjectChecks.unwritable(in: BuildPipeline.render(resources), of: resources)
    }

    private func service(_ model: SystemModel, _ name: String) throws -> Int {
        try XCTUnwrap(model.services.firstIndex { $0.name == name })
    }

    /// A copy of a service of the example under another name, in the same namespace.
    private func addCopy(of original: String, named name: String, to model: inout SystemModel) throws {
        var copy = model.services[try service(model, original)]
        copy.name = name
        copy.iri = "https://example.org/aegis#" + name
        model.services.append(copy)
    }

    func testAServiceNamedLikeAnotherServicesLoadBalancer() throws {
        let found = try problems { try addCopy(of: "dragonfly", named: "river-proxy-lb", to: &$0) }
        let duplicate = try XCTUnwrap(found.first { $0.id == .buildDuplicateObject }, "\(found)")
        XCTAssertTrue(duplicate.message.hasPrefix("Service edge/river-proxy-lb is emitted twice"), duplicate.message)
        XCTAssertNotNil(duplicate.location)
    }

    func testAServiceNamedLikeWhatFlaggerMakesForACanary() throws {
        let found = try problems { try addCopy(of: "rule-engine", named: "threat-api-primary", to: &$0) }
        let messages = found.filter { $0.id == .buildDuplicateObject }.map(\.message)
        XCTAssertTrue(messages.contains { $0.hasPrefix("Deployment detection/threat-api-primary is also the name Flagger gives") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("Service detection/threat-api-primary is also the name Flagger gives") }, "\(messages)")
    }

    func testTwoCertificatesFillingOneSecret() throws {
        var resources = Emitters.resources(try K8sEmitterTests.model())
        let certificate = try XCTUnwrap(resources.first { $0.id.kind == "Certificate" })
        var copy = certificate
        copy.id.name += "-again"
        resources.append(copy)
        let found = EmittedObjectChecks.run(resources)
        XCTAssertEqual(found.map(\.id), [.buildDuplicateObject], "\(found)")
        XCTAssertTrue(found[0].message.contains("is filled by two Certificates"), found[0].message)
    }

    /// kustomize's YAML encoder refuses these even escaped ("yaml: control characters are not
    /// allowed"); a line separator it takes, escaped.
    func testCharactersNoOutputCanCarry() throws {
        for bad in ["a\u{7F}b", "a\u{80}b", "a\u{9F}b", "a\u{FFFE}b"] {
            let found = try problems { model in
                let index = try service(model, "river-proxy")
                model.services[index].config[0].value.value = bad
            }
            XCTAssertEqual(found.map(\.id), [.buildUnwritableCharacter], bad.debugDescription)
            XCTAssertEqual(found.first?.location?.file.hasSuffix("aegis.ttl"), true, "\(found)")
        }
        for fine in ["a\u{85}b", "a\u{2028}b", "a\u{1}b", "é漢"] {
            XCTAssertEqual(EmittedObjectChecks.unwritableScalar(fine), nil, fine.debugDescription)
        }
        // Text that only looks like the escapes of those characters is no problem.
        for written in ["a\\u007Fb", "\\u0080", "x \\uFFFE"] {
            let found = try problems { model in
                let index = try service(model, "river-proxy")
                model.services[index].config[0].value.value = written
            }
            XCTAssertEqual(found, [], written)
        }
    }

    /// The rendered YAML tells which files may hold such a character: each is written only as
    /// its escape. Every character that needs an escape is tried, and the answer must be true
    /// exactly for the ones kustomize refuses (or when the text holds a backslash-u of its own).
    func testRenderedFilesTellWhichMayHoldCharactersNoOutputCanCarry() {
        let scalars = (0..<0x110000).compactMap(Unicode.Scalar.init).filter { YAMLWriter.needsEscape($0) || $0.value == 0xFFFF }
        XCTAssertGreaterThan(scalars.count, 60)
        for scalar in scalars {
            let text = "key: a" + String(scalar) + "b"
            var out = ByteSink()
            YAMLWriter.write(.object([("value", .string(text))]), into: &out)
            XCTAssertEqual(
                YAMLWriter.mayHoldUnwritable(out.bytes), EmittedObjectChecks.unwritableScalar(text) != nil,
                "U+\(String(scalar.value, radix: 16)): \(String(decoding: out.bytes, as: UTF8.self))")
        }
        var plain = ByteSink()
        YAMLWriter.write(.object([("value", .string("a\\u0081"))]), into: &plain)
        XCTAssertTrue(YAMLWriter.mayHoldUnwritable(plain.bytes), "a look-alike is searched, not trusted")
        XCTAssertFalse(YAMLWriter.mayHoldUnwritable(Array("value: \\u00".utf8)), "cut short at the end")
    }

    func testAConfigMapOverOneMebibyte() throws {
        let found = try problems { model in
            let index = try service(model, "river-proxy")
            model.services[index].config[0].value.value = String(repeating: "x", count: EmittedObjectChecks.configMapLimit)
        }
        XCTAssertEqual(found.map(\.id), [.buildConfigMapSize], "\(found)")
        XCTAssertTrue(found[0].message.contains("the API server takes at most 1048576 (1 MiB)"), found[0].message)
        let fits = try problems { model in
            let index = try service(model, "river-proxy")
            model.services[index].config[0].value.value = String(repeating: "x", count: 1000)
        }
        XCTAssertEqual(fits, [])
    }

    /// A config folder at /tmp gave the container two mounts there (the API server: "must be
    /// unique").
    func testAConfigFolderAtTheTmpMount() throws {
        for path in ["/tmp", "/tmp/", "//tmp", "/tmp/.", "/./tmp/./"] {
            let found = try problems { model in
                let index = try service(model, "river-proxy")
                let origin = model.services[index].origin
                model.services[index].configPath = Located(path, origin)
            }
            XCTAssertEqual(found.map(\.id), [.buildDuplicateMountPath], path)
            XCTAssertTrue(found.first?.message.contains("mounts two volumes at /tmp") == true, "\(found)")
        }
        XCTAssertEqual(try problems { model in
            let index = try service(model, "river-proxy")
            model.services[index].configPath = Located("/tmp/river", model.services[index].origin)
        }, [])
    }
}
