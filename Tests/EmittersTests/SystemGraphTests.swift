import Emitters
import Planner
import XCTest

/// The DOT picture is a pure function of the model: the same whatever order the spec files are
/// read in, and every edge's ends are drawn.
final class SystemGraphTests: XCTestCase {
    func testFileOrderDoesNotChangeThePicture() throws {
        let forward = try K8sEmitterTests.model()
        let backward = try K8sEmitterTests.model(reversed: true)
        for view in SystemGraph.View.allCases {
            XCTAssertEqual(SystemGraph.dot(forward, view: view), SystemGraph.dot(backward, view: view), view.rawValue)
        }
    }

    func testEveryEdgeEndIsANodeOfThePicture() throws {
        let dot = SystemGraph.dot(try K8sEmitterTests.model(), view: .all)
        let lines = dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let nodes = Set(lines.filter { !$0.contains(" -> ") && $0.hasPrefix("\"") }.compactMap { $0.split(separator: " ").first.map(String.init) })
        let edges = lines.filter { $0.contains(" -> ") }
        XCTAssertFalse(edges.isEmpty)
        for edge in edges {
            let ends = edge.components(separatedBy: " -> ")
            let from = ends[0]
            let to = String(ends[1].prefix { $0 != " " })
            XCTAssertTrue(nodes.contains(from), "\(from) in \(edge)")
            XCTAssertTrue(nodes.contains(to), "\(to) in \(edge)")
        }
    }
}
