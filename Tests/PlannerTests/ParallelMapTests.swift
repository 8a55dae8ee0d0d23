import XCTest

@testable import Planner

/// The parallel map gives its results in input order, whatever the schedule; beside a task, it
/// gives the task's result too, for inputs shorter and longer than its chunks.
final class ParallelMapTests: XCTestCase {
    func testResultsComeInInputOrder() {
        for count in [0, 1, 64, 65, 1_000, 10_007] {
            let items = (0..<count).map { "item \($0)" }
            XCTAssertEqual(ParallelMap.map(items) { $0.uppercased() }, items.map { $0.uppercased() }, "\(count) items")
        }
    }

    func testAMapBesideATaskGivesBoth() {
        for count in [0, 1, 63, 64, 65, 5_003] {
            let items = Array(0..<count)
            let (mapped, sum) = ParallelMap.map(items, beside: { items.reduce(0, +) }) { $0 * 3 }
            XCTAssertEqual(mapped, items.map { $0 * 3 }, "\(count) items")
            XCTAssertEqual(sum, count * (count - 1) / 2, "\(count) items")
        }
    }

    func testRangesCoverEveryIndexOnceInOrder() {
        for count in [0, 1, 1_023, 1_024, 2_048, 16_385, 100_000] {
            let ranges = ParallelMap.ranges(of: count) { $0 }
            XCTAssertEqual(ranges.flatMap { Array($0) }, Array(0..<count), "\(count) items")
            XCTAssertLessThanOrEqual(ranges.count, 16)
            XCTAssertTrue(ranges.count == 1 || ranges.allSatisfy { $0.count >= 1_024 }, "\(count) items")
        }
    }

    func testAValueFreedElsewhereIsFreed() {
        final class Tracked: @unchecked Sendable {
            let freed: XCTestExpectation
            init(_ freed: XCTestExpectation) { self.freed = freed }
            deinit { freed.fulfill() }
        }
        let freed = expectation(description: "freed")
        FreedElsewhere.free(Tracked(freed))
        wait(for: [freed], timeout: 10)
    }

    func testRangesBesideTwoTasksGiveAllThree() {
        for count in [0, 1, 255, 256, 10_000] {
            let (ranges, sum, text) = ParallelMap.ranges(of: count, beside: { (0..<count).reduce(0, +) }, { "count \(count)" }) { $0 }
            XCTAssertEqual(ranges.flatMap { Array($0) }, Array(0..<count), "\(count) items")
            XCTAssertEqual(sum, count * (count - 1) / 2)
            XCTAssertEqual(text, "count \(count)")
        }
    }

    func testFlattenedKeepsEveryElementInOrder() {
        for sizes in [[], [0, 0], [3, 0, 5], Array(repeating: 7, count: 1_000), (0..<300).map { $0 % 40 }] {
            var next = 0
            let nested = sizes.map { size in (0..<size).map { _ in defer { next += 1 }; return "e\(next)" } }
            XCTAssertEqual(ParallelMap.flattened(nested), nested.flatMap { $0 }, "\(sizes.count) parts")
        }
    }
}
