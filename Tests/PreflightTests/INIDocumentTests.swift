import Configuration
import XCTest

/// pip.conf as Python's configparser reads it: what it accepts, and the lines it rejects.
final class INIDocumentTests: XCTestCase {
    func testSectionsKeysContinuationsAndComments() throws {
        let text = "; a comment\n[global]\nIndex-URL: https://a.example/simple\n  # comment inside\nextra-index-url =\n    https://b.example/simple\n\n    https://c.example/simple\ntimeout = 60 # not a comment\n[install]\nindex_url=https://d.example/simple\r\n"
        let document = try INIDocument(parsing: text, path: "pip.conf")
        XCTAssertEqual(document.entry(section: "global", key: "index-url")?.value, "https://a.example/simple")
        XCTAssertEqual(document.entry(section: "global", key: "index-url")?.line, 3)
        XCTAssertEqual(document.entry(section: "global", key: "extra-index-url")?.value, "https://b.example/simple\nhttps://c.example/simple")
        XCTAssertEqual(document.entry(section: "global", key: "timeout")?.value, "60 # not a comment")
        XCTAssertEqual(document.entry(section: "install", key: "index_url")?.line, 11)
    }

    func testRejectedLinesNameTheirLine() {
        let cases = [
            ("key = value\n", 1),                      // before any section
            ("[global]\njust words\n", 2),             // neither key = value nor a header
            ("[global]\n= value\n", 2),                // no key
            ("[global]\na = 1\nA = 2\n", 3),           // a key twice in a section (keys are case-insensitive)
            ("[global]\n[install]\n[global]\n", 3),    // a section twice
        ]
        for (text, line) in cases {
            XCTAssertThrowsError(try INIDocument(parsing: text, path: "p.conf"), text) { error in
                XCTAssertEqual((error as? ConfigurationError)?.line, line, text)
                XCTAssertTrue("\(error)".hasPrefix("p.conf:\(line): "), "\(error)")
            }
        }
    }
}
