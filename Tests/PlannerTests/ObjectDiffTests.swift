import Ontology
import XCTest

@testable import Planner

/// Field-level differences between two versions of a Kubernetes object, as a plan prints them.
final class ObjectDiffTests: XCTestCase {
    private struct NotYAML: Error {}

    private func changes(_ old: String, _ new: String) throws -> [String] {
        guard case .success(let before) = YAMLDocuments.read(Array(old.utf8), path: "old.yaml"),
            case .success(let after) = YAMLDocuments.read(Array(new.utf8), path: "new.yaml")
        else { throw NotYAML() }
        return ObjectDiff.changes(from: before[0], to: after[0]).map { "\($0.path): \($0.before ?? "-") → \($0.after ?? "-")" }
    }

    func testOneNameTakenFromAListIsOneRemoval() throws {
        XCTAssertEqual(
            try changes("resources:\n- a\n- echo\n- m\n- r\n", "resources:\n- a\n- m\n- r\n"),
            ["resources[1]: echo → -"])
    }

    func testOneNameAddedToAListIsOneAddition() throws {
        XCTAssertEqual(
            try changes("resources:\n- a\n- m\n", "resources:\n- a\n- b\n- m\n"),
            ["resources[1]: - → b"])
    }

    func testAValueReplacedInPlaceIsOneChange() throws {
        XCTAssertEqual(
            try changes("args:\n- --port\n- \"80\"\n- -v\n", "args:\n- --port\n- \"81\"\n- -v\n"),
            ["args[1]: 80 → 81"])
    }

    func testMappingsMatchByKeyAndRemovalsComeLast() throws {
        XCTAssertEqual(
            try changes("spec:\n  gone: 1\n  replicas: 2\n", "spec:\n  replicas: 3\n  added: x\n"),
            ["spec.replicas: 2 → 3", "spec.added: - → x", "spec.gone: 1 → -"])
    }

    func testListsOfObjectsMatchByPosition() throws {
        XCTAssertEqual(
            try changes(
                "containers:\n- name: a\n  image: x:1\n- name: b\n  image: y:1\n",
                "containers:\n- name: a\n  image: x:2\n"),
            ["containers[0].image: x:1 → x:2", "containers[1].name: b → -", "containers[1].image: y:1 → -"])
    }

    func testAValueThatChangesShapeComparesItsLeaves() throws {
        XCTAssertEqual(try changes("labels: {}\n", "labels:\n  app: x\n"), ["labels.app: - → x", "labels: {} → -"])
        XCTAssertEqual(try changes("items: []\nkeep: 1\n", "items: []\nkeep: 1\n"), [])
    }
}
