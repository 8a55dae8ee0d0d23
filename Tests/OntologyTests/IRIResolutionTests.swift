import Ontology
import XCTest

/// RFC 3986 §5.4: every normal and abnormal example, against its base.
final class IRIResolutionTests: XCTestCase {
    let base = Array("http://a/b/c/d;p?q".utf8)

    private func resolve(_ reference: String) -> String {
        String(decoding: IRIResolution.resolve(Array(reference.utf8), against: base), as: UTF8.self)
    }

    func testNormalExamples() {
        let cases: [(String, String)] = [
            ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
            ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
            ("../../g", "http://a/g"),
        ]
        for (reference, expected) in cases { XCTAssertEqual(resolve(reference), expected, reference) }
    }

    func testAbnormalExamples() {
        let cases: [(String, String)] = [
            ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
            ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
            ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
        ]
        for (reference, expected) in cases { XCTAssertEqual(resolve(reference), expected, reference) }
    }

    func testSchemeDetection() {
        XCTAssertTrue(Array("urn:x".utf8).withUnsafeBytes { IRIResolution.hasScheme($0) })
        XCTAssertFalse(Array("a/b:c".utf8).withUnsafeBytes { IRIResolution.hasScheme($0) })
        XCTAssertFalse(Array("1a:b".utf8).withUnsafeBytes { IRIResolution.hasScheme($0) })
    }
}
