import Planner
import XCTest

@testable import Emitters

/// Quantities are written as the API server writes them back (apimachinery's
/// `Quantity.CanonicalizeBytes`), so a live object and its source show no false drift.
final class CanonicalQuantityTests: XCTestCase {
    func testDecimalValuesTakeTheLargestSuffixThatLeavesNoFraction() {
        let cases = [
            ("1.5", "1500m"), ("0.5", "500m"), ("0.1", "100m"), ("2000", "2k"), ("1000m", "1"),
            ("1500m", "1500m"), ("10", "10"), ("100", "100"), ("1", "1"), ("0.25", "250m"),
            ("2.5k", "2500"), ("1500000", "1500k"), ("3000M", "3G"), ("0.5G", "500M"), ("1T", "1T"),
            ("1.000", "1"), ("0.0005", "500u"), ("0.000000001", "1n"),
        ]
        for (written, canonical) in cases { XCTAssertEqual(CanonicalQuantity.text(written), canonical, written) }
    }

    func testBinaryValuesTakeTheLargestPowerOf1024ThatDividesThem() {
        let cases = [
            ("1024Mi", "1Gi"), ("1536Mi", "1536Mi"), ("0.5Gi", "512Mi"), ("2048Ki", "2Mi"), ("1.5Gi", "1536Mi"),
            ("1Ki", "1Ki"), ("4Gi", "4Gi"), ("1024Gi", "1Ti"), ("1048576Ki", "1Gi"),
        ]
        for (written, canonical) in cases { XCTAssertEqual(CanonicalQuantity.text(written), canonical, written) }
    }

    /// The API server's parser keeps a text it finds canonical in value as it was written:
    /// leading zeros, a fraction of whole thousandths, a binary count 8 does not divide.
    func testTextsTheParserKeepsAsWritten() {
        for kept in ["007", "1.250", "2.500", "12.345k", "1.536G", "0100m", "04Gi", "12Mi", "1025Ki", "3Gi"] {
            XCTAssertEqual(CanonicalQuantity.text(kept), kept, kept)
        }
        // Its fast path ends at 18 digits, a scale below -9 or a binary precision it cannot hold.
        XCTAssertEqual(CanonicalQuantity.text("1234567890.123456789"), "1234567890123456789n")
        XCTAssertEqual(CanonicalQuantity.text("0.05"), "50m")
        XCTAssertEqual(CanonicalQuantity.text("0.500"), "500m", "the integer part 0 is kept, so the digits start with 0")
        XCTAssertEqual(CanonicalQuantity.text("123456Gi"), "123456Gi")
    }

    /// A binary quantity past 2^63 - 1 is capped there.
    func testBinaryValuesPastTheCap() {
        for capped in ["8Ei", "8192Pi", "1099511627776Ti", "9223372036854775808Ki"] {
            XCTAssertEqual(CanonicalQuantity.text(capped), "9223372036854775807", capped)
        }
        XCTAssertEqual(CanonicalQuantity.text("7Ei"), "7Ei")
    }

    func testBinaryValuesBelow1024OrWithAFractionAreWrittenAsDecimal() {
        // Under 1024 bytes, and whole byte counts that 1024 does not divide, lose the binary suffix.
        XCTAssertEqual(CanonicalQuantity.text("0.5Ki"), "512")
        XCTAssertEqual(CanonicalQuantity.text("0.001Ki"), "1024m")
        XCTAssertEqual(CanonicalQuantity.text("1.1Ki"), "1126400m")
        XCTAssertEqual(CanonicalQuantity.text("1.0009765625Ki"), "1025")
    }

    func testValuesAreRoundedUpToNanoUnits() {
        XCTAssertEqual(CanonicalQuantity.text("0.0000000001"), "1n")
        XCTAssertEqual(CanonicalQuantity.text("1.0000000001"), "1000000001n")
        XCTAssertEqual(CanonicalQuantity.text("0.0000000010"), "1n")
    }

    func testZeroAndValuesPastEverySuffix() {
        XCTAssertEqual(CanonicalQuantity.text("0"), "0")
        XCTAssertEqual(CanonicalQuantity.text("0.000Gi"), "0")
        // Exact however long: no Double in between.
        XCTAssertEqual(CanonicalQuantity.text("123456789012345678901234"), "123456789012345678901234")
        XCTAssertEqual(CanonicalQuantity.text("1000000000000000000000"), "1000000000000000000000", "10^21 has no suffix: kept")
        XCTAssertEqual(CanonicalQuantity.text("1000000000000000000000k"), "1000000000000000000000k", "10^24 has no suffix: kept")
        XCTAssertEqual(CanonicalQuantity.text("1000000000000000000"), "1E")
    }

    func testTextsThatAreNotQuantitiesAreKept() {
        for text in ["", "abc", "1.", ".5", "1..2", "-1", "1e3"] { XCTAssertEqual(CanonicalQuantity.text(text), text) }
    }

    /// The Deployment, quota and limit range of the example specs with quantities written
    /// otherwise: each emitted in canonical form, with its spec origin kept.
    func testEmittedObjectsCarryCanonicalQuantities() throws {
        var model = try K8sEmitterTests.model()
        let serviceIndex = try XCTUnwrap(model.services.firstIndex { $0.name == "river-proxy" })
        model.services[serviceIndex].cpu.value = "1.5"
        model.services[serviceIndex].memory.value = "1024Mi"
        model.services[serviceIndex].cpuLimit.value = "2000m"
        model.services[serviceIndex].memoryLimit.value = "0.5Gi"
        let edge = try XCTUnwrap(model.namespaces.firstIndex { $0.name == "edge" })
        model.namespaces[edge].quota.cpu.value = "0.5"
        model.namespaces[edge].quota.storage?.value = "0.5Ti"
        let mesh = try XCTUnwrap(model.namespaces.firstIndex { $0.name == "mesh" })
        model.namespaces[mesh].defaultLimits?.memory.value = "2048Ki"
        let resources = K8sEmitter.resources(model)

        let container = resources.document("Deployment", "edge", "river-proxy").at("spec.template.spec.containers.0.resources")
        XCTAssertEqual(container?.at("requests.cpu")?.text, "1500m")
        XCTAssertEqual(container?.at("requests.memory")?.text, "1Gi")
        XCTAssertEqual(container?.at("limits.cpu")?.text, "2")
        XCTAssertEqual(container?.at("limits.memory")?.text, "512Mi")
        XCTAssertEqual(container?.at("requests.cpu")?.origin?.subject, model.services[serviceIndex].cpu.origin.subject)
        let hard = resources.document("ResourceQuota", "edge", "quota").at("spec.hard")
        XCTAssertEqual(hard?.at("requests.cpu")?.text, "500m")
        XCTAssertEqual(hard?.at("requests.storage")?.text, "512Gi")
        let limits = resources.document("LimitRange", "mesh", "default-limits").at("spec.limits.0")
        XCTAssertEqual(limits?.at("default.memory")?.text, "2Mi")
        XCTAssertEqual(limits?.at("defaultRequest.memory")?.text, "2Mi")
    }
}
