import Planner
import XCTest

@testable import Emitters

/// The order objects are rendered in: by path, then identity, as one stable sort gives it, also
/// when the two halves of a large desired state are sorted on two cores and merged.
final class PathOrderTests: XCTestCase {
    private func resource(_ path: String, _ name: String) -> Resource {
        Resource(id: ResourceID(apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: name), path: path, document: .object([]), subjects: [])
    }

    func testLargeAndSmallDesiredStatesSortAsOneStableSort() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 7, 2_047, 2_048, 5_001] {
            // Few distinct paths and names: many ties, which a stable sort keeps in input order.
            let resources = (0..<count).map { _ in
                resource("apps/ns/s\(Int.random(in: 0..<40, using: &generator))/x.yaml", "n\(Int.random(in: 0..<3, using: &generator))")
            }
            let expected = resources.indices.sorted { a, b in
                resources[a].path != resources[b].path ? resources[a].path < resources[b].path : resources[a].id < resources[b].id
            }
            XCTAssertEqual(BuildPipeline.pathOrder(resources), expected, "\(count) objects")
        }
    }

    func testMergedKeepsTheFirstListsElementOnATie() {
        let merged = BuildPipeline.merged([(1, "a"), (3, "a"), (5, "a")], [(1, "b"), (2, "b"), (5, "b"), (6, "b")]) { $0.0 < $1.0 }
        XCTAssertEqual(merged.map { "\($0.0)\($0.1)" }, ["1a", "1b", "2b", "3a", "5a", "5b", "6b"])
    }
}
