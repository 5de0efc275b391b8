@testable import Registries
import TestSupport
import XCTest

final class RepodataScannerTests: XCTestCase {
    struct Found: Equatable {
        var name: String
        var section: RepodataSection
        var text: String
    }

    /// Scans `document` fed in chunks of `chunk` bytes; returns each run as (name, section, bytes).
    func scan(_ document: String, chunk: Int = Int.max) throws -> (runs: [Found], info: String?) {
        let bytes = Array(document.utf8)
        var scanner = RepodataScanner()
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try bytes[offset..<end].withUnsafeBytes { try scanner.feed($0) }
            offset = end
        }
        try scanner.finish()
        let runs = scanner.runs.runs.map {
            Found(name: scanner.runs.names[Int($0.nameID)], section: $0.section,
                  text: String(decoding: bytes[$0.start..<$0.end], as: UTF8.self))
        }
        return (runs, scanner.infoRange.map { String(decoding: bytes[$0], as: UTF8.self) })
    }

    func testFindsRecordsGroupedIntoRunsWithExactByteRanges() throws {
        let document = """
        {"info": {"subdir": "linux-64", "base_url": "https://x/{y}"},
         "packages": {
           "a-1-0.tar.bz2": {"name": "a", "depends": ["b >=1", "c {"], "version": "1"},
           "a-2-0.tar.bz2": {"version": "2", "name": "a"},
           "b-1-0.tar.bz2": {"build": "0", "name": "b", "nested": {"name": "not-this"}}
         },
         "packages.conda": {"a-3-0.conda": {"name": "a"}},
         "removed": ["z-1-0.tar.bz2"], "repodata_version": 1}
        """
        let (runs, info) = try scan(document)
        XCTAssertEqual(runs, [
            Found(name: "a", section: .packages,
                  text: #""a-1-0.tar.bz2": {"name": "a", "depends": ["b >=1", "c {"], "version": "1"},"# + "\n   " + #""a-2-0.tar.bz2": {"version": "2", "name": "a"}"#),
            Found(name: "b", section: .packages, text: #""b-1-0.tar.bz2": {"build": "0", "name": "b", "nested": {"name": "not-this"}}"#),
            Found(name: "a", section: .conda, text: #""a-3-0.conda": {"name": "a"}"#),
        ])
        XCTAssertEqual(info, #"{"subdir": "linux-64", "base_url": "https://x/{y}"}"#)
    }

    func testChunkBoundariesDoNotChangeTheResult() throws {
        let path = try CondaFixtures.repodataPath("with-wheels", "noarch")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let whole = try scan(text)
        for chunk in [1, 3, 7, 64, 4096] {
            let pieces = try scan(text, chunk: chunk)
            XCTAssertEqual(pieces.runs, whole.runs, "chunk size \(chunk)")
            XCTAssertEqual(pieces.info, whole.info, "chunk size \(chunk)")
        }
        XCTAssertEqual(Set(whole.runs.map(\.name)), ["six"])
    }

    func testEscapedAndCapitalisedNamesAndMissingNames() throws {
        let document = #"""
        {"packages": {
          "q\"x-1-0.tar.bz2": {"name": "q\u0041x"},
          "Big-1-0.tar.bz2": {"name": "Big"},
          "no-name-here-1.0-py_0.tar.bz2": {"version": "1.0"},
          "weird.tar.bz2": {"version": "1.0"},
          "not-an-object-1-0.tar.bz2": 17
        }}
        """#
        let (runs, _) = try scan(document)
        XCTAssertEqual(runs.map(\.name), ["qax", "big", "no-name-here"])
    }

    func testRejectsWhatIsNotRepodata() {
        let bad = [
            "", "   ", "<html><body>Service Unavailable</body></html>", "[]", "\"packages\"", "{\"packages\": {",
            "{\"packages\": {\"a\": {\"name\": \"a\"}}", "{}}", "{} {}", "{} x", "{\"a\": \"unterminated}",
            "{\"a\": [1, 2}", "{\"a\": 1 @}", String(repeating: "[", count: 600), "{" + String(repeating: "[", count: 600),
        ]
        for document in bad {
            XCTAssertThrowsError(try scan(document), "accepted: \(document.prefix(40))")
        }
    }

    func testAcceptsAnEmptyChannelAndUnknownKeys() throws {
        XCTAssertEqual(try scan(#"{"info":{"subdir":"noarch"},"packages":{},"packages.conda":{}}"#).runs, [])
        let (runs, _) = try scan(#"{"v3": {"whl": {"x-1.whl": {"name": "x"}}}, "packages": {"y-1-0.tar.bz2": {"name": "y"}}}"#)
        XCTAssertEqual(runs.map(\.name), ["y"])
    }

    /// Whole fields of the usual shapes are taken at once when they lie in one chunk; fed a byte
    /// at a time nothing ever does, so that scan is the byte-by-byte reading, and both must find
    /// the same runs: on every fixture as published and compacted, on records whose fields take
    /// the general path (escapes, nesting, a `name` that is not a string, odd spacing), and on
    /// documents with whitespace sprinkled between tokens.
    func testFieldAtATimeScanAgreesWithTheByteAtATimeScan() throws {
        var documents: [String] = [#"""
        {"packages": {
          "a-1-0.tar.bz2": {"version":"1","name" : "a" ,"depends":[ "b >=1" , "c" ],"n":null},
          "b-1-0.tar.bz2": {"name": 7, "x": "b-not-a-name", "y": "still-not"},
          "c-1-0.tar.bz2": {"depends": ["x"], "name": "c\u0041", "name2": "no"},
          "d-1-0.tar.bz2": {"nested": {"name": "inner"}, "name": "d", "list": [["name"], {"name": "z"}]},
          "e-1-0.tar.bz2": {"names": "no", "nam": "no", "name": "e", "size": -1.5E+3, "ok": true},
          "f-1-0.tar.bz2": {"name": "f",}, "g-1-0.tar.bz2": {}, "h-1-0.tar.bz2": {"name":"h"}
        }, "packages.conda": {"i-1-0.conda":{"a":[],"name":"i","b":[,"x",]}}}
        """#]
        let root = try CondaFixtures.channelsRoot()
        for channel in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            for subdir in ["linux-64", "noarch"] {
                let path = root.appendingPathComponent("\(channel)/\(subdir)/repodata.json").path
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                documents.append(String(decoding: data, as: UTF8.self))
                let object = try JSONSerialization.jsonObject(with: data)
                let compact = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                documents.append(String(decoding: compact, as: UTF8.self))
            }
        }
        var random = SeededGenerator(seed: 20261204)
        let spaced = documents.prefix(4).map { document -> String in
            // Whitespace after structural bytes outside strings (a quote toggles "inside").
            var out = "", inside = false, escaped = false
            for character in document {
                out.append(character)
                if inside {
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inside = false }
                    continue
                }
                if character == "\"" { inside = true; continue }
                if ":,[{".contains(character) || random.below(7) == 0 { out += ["", " ", "\n", "\t ", "\r\n"][random.below(5)] }
            }
            return out
        }
        documents += spaced
        XCTAssertGreaterThan(documents.count, 20)
        for (number, document) in documents.enumerated() {
            let whole = try scan(document)
            // Five-byte pieces hold hardly a whole field either; byte by byte is slow on the big fixtures.
            let bytewise = try scan(document, chunk: document.utf8.count < 600_000 ? 1 : 5)
            XCTAssertEqual(whole.runs, bytewise.runs, "document \(number)")
            XCTAssertEqual(whole.info, bytewise.info, "document \(number)")
            let odd = try scan(document, chunk: 97)
            XCTAssertEqual(odd.runs, bytewise.runs, "document \(number), 97-byte chunks")
        }
        // `b` has no string name (its filename names it), `c` an escaped one, `g` none at all.
        XCTAssertEqual(try scan(documents[0]).runs.map(\.name), ["a", "b", "ca", "d", "e", "f", "g", "h", "i"])
    }

    func testFindsEveryEntryOfEveryFixture() throws {
        let root = try CondaFixtures.channelsRoot()
        for channel in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            for subdir in (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(channel).path)) ?? [] {
                let path = root.appendingPathComponent("\(channel)/\(subdir)/repodata.json").path
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let bytes = Array(text.utf8)
                var scanner = RepodataScanner()
                try bytes.withUnsafeBytes { try scanner.feed($0) }
                try scanner.finish()
                let expected = try CondaFixtures.referenceEntries(channel, subdir)
                XCTAssertEqual(scanner.runs.recordCount, expected.count, "\(channel)/\(subdir)")
                XCTAssertEqual(Set(scanner.runs.names), Set(expected.values), "\(channel)/\(subdir)")
            }
        }
    }
}
