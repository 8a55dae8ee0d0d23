import CAllocator
import XCTest

/// `ttlc` tunes glibc's allocator at start (AllocatorTuning): the settings must be ones glibc
/// takes, and values that do not fit mallopt's int must be refused, not wrapped.
final class AllocatorTuningTests: XCTestCase {
    func testGlibcTakesTheSettingsTtlcUses() {
        #if canImport(Glibc)
            XCTAssertEqual(ttlc_allocator_tune(1 << 30, 64 << 20, 32 << 20), 1)
        #endif
    }

    func testValuesBeyondAnIntAreRefused() {
        XCTAssertEqual(ttlc_allocator_tune(1 << 40, 0, 0), 0)
        XCTAssertEqual(ttlc_allocator_tune(0, UInt(Int32.max) + 1, 0), 0)
    }
}
