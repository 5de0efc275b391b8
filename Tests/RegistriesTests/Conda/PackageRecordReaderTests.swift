import CondaPackaging
import Foundation
@testable import Registries
import XCTest
import TestSupport

/// Both fast record readers — the byte-level group parser (JSON runs of the compact index) and
/// the field reader (msgpack shards) — must read every record exactly as `PackageRecord`'s own
/// `Decodable` does.
final class PackageRecordReaderTests: XCTestCase {
    private func groupRecords(_ json: Data) throws -> [PackageRecord] {
        try json.withUnsafeBytes { bytes throws(RepodataError) in try PackageRecord.records(fromGroup: bytes) }
    }

    private func fieldRecords(_ json: Data) throws -> [PackageRecord] {
        guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { return [] }
        return object.compactMap { fileName, value in
            (value as? [String: Any]).flatMap { PackageRecordReader.record(fileName: fileName, fields: $0) }
        }
    }

    func testAgreesWithDecodableOnFixtureRecords() throws {
        let root = try CondaFixtures.channelsRoot()
        var compared = 0
        // The channels with the odd fields (legacy `features`, seconds timestamps, `noarch: true`,
        // repodata v3 keys); the big plain ones would only make the test slower.
        for channel in ["pytorch", "with-wheels", "index", "conda-test", "openssl-run-exports-test", "conda_format_repo", "main"] {
            for subdir in (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(channel).path)) ?? [] {
                let url = root.appendingPathComponent("\(channel)/\(subdir)/repodata.json")
                guard let data = try? Data(contentsOf: url) else { continue }
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
                var fromGroup: [String: PackageRecord] = [:]
                var fromFields: [String: PackageRecord] = [:]
                for key in ["packages", "packages.conda"] {
                    let section = try JSONSerialization.data(withJSONObject: object[key] as? [String: Any] ?? [:])
                    for record in try groupRecords(section) { fromGroup[record.fileName] = record }
                    for record in try fieldRecords(section) { fromFields[record.fileName] = record }
                }
                for record in try PackageRecord.decodeRepodata(data).records {
                    XCTAssertEqual(fromGroup[record.fileName], record, "group parser: \(channel)/\(subdir) \(record.fileName)")
                    XCTAssertEqual(fromFields[record.fileName], record, "field reader: \(channel)/\(subdir) \(record.fileName)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 3_500)
    }

    func testToleratesOddFieldTypes() throws {
        let json = Data(#"""
        {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "build_number": "3", "noarch": true,
                           "timestamp": 1600000000.5, "track_features": "mkl, cuda", "features": ["x", "y"],
                           "depends": "python", "size": true, "md5": 5, "run_exports": {"weak": ["z"]}},
         "b-1-0.tar.bz2": {"name": 7},
         "c-1-0.tar.bz2": "not a record",
         "d-1-0.tar.bz2": {"name": "d", "noarch": "python", "timestamp": 1600000000000, "build_number": -1,
                           "license": "caf\u00e9 \ud83d\ude00 \"q\"\n", "size": 1.5e3}}
        """#.utf8)
        for (reader, read) in [("group parser", groupRecords), ("field reader", fieldRecords)] {
            let records = Dictionary(uniqueKeysWithValues: try read(json).map { ($0.fileName, $0) })
            XCTAssertEqual(records.keys.sorted(), ["a-1-0.tar.bz2", "d-1-0.tar.bz2"], reader)
            let a = try XCTUnwrap(records["a-1-0.tar.bz2"])
            XCTAssertEqual(a.buildNumber, 3, reader)
            XCTAssertEqual(a.noarch, .generic, reader)
            XCTAssertEqual(a.timestamp, 1_600_000_000_000, "\(reader): seconds become milliseconds")
            XCTAssertEqual(a.trackFeatures, ["mkl", "cuda"], reader)
            XCTAssertEqual(a.features, "x y", reader)
            XCTAssertEqual(a.depends, ["python"], reader)
            XCTAssertNil(a.size, "\(reader): a boolean is not a size")
            XCTAssertNil(a.md5, reader)
            let d = try XCTUnwrap(records["d-1-0.tar.bz2"])
            XCTAssertEqual(d.noarch, .python, reader)
            XCTAssertEqual(d.timestamp, 1_600_000_000_000, reader)
            XCTAssertEqual(d.buildNumber, 0, reader)
            XCTAssertEqual(d.license, "café 😀 \"q\"\n", reader)
            XCTAssertEqual(d.size, 1500, reader)
        }
    }

    func testMalformedGroupsThrow() {
        let bad = [
            "", "{", "{\"a\": ", "{\"a\": {\"name\": \"a\"}", "{\"a\": {\"name\": \"a\"}} x", "{\"a\" {}}",
            "{\"a\": {\"size\": 1e999}}", "{\"a\": {\"name\": 'a'}}", "{\"a\": {\"name\": \"a\\x\"}}",
            "{\"a\": {\"name\": \"\\ud800\"}}", "{\"a\": {\"size\": 01}}", "{\"a\": {\"size\": 1.}}", "{\"a\": {\"size\": -}}",
            "{\"a\": {\"name\": tru}}", "{\"a\": {\"name\": \"a\nb\"}}", "{\"a\": {\"x\": [1 2]}}", "{\"a\": {\"x\": \"\\u12\"}}",
        ]
        for text in bad {
            XCTAssertThrowsError(try groupRecords(Data(text.utf8)), "accepted \(text.debugDescription)")
            XCTAssertNil(try? JSONSerialization.jsonObject(with: Data(text.utf8)), "the reference accepts \(text.debugDescription)")
        }
        // Stricter than the reference, which takes a trailing comma; a group is always an object.
        for text in ["[]", "{\"a\": {\"name\": \"a\",}}"] {
            XCTAssertThrowsError(try groupRecords(Data(text.utf8)), "accepted \(text.debugDescription)")
        }
        XCTAssertEqual(try groupRecords(Data(" { } ".utf8)), [])
    }

    /// Random byte edits of a real group: the parser accepts exactly what `JSONSerialization`
    /// accepts and then reads the same records as the field reader.
    func testMutatedGroupsMatchTheReference() throws {
        let root = try CondaFixtures.channelsRoot()
        let data = try Data(contentsOf: root.appendingPathComponent("pytorch/linux-64/repodata.json"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let packages = try XCTUnwrap(object["packages"] as? [String: Any])
        let sample = Dictionary(uniqueKeysWithValues: packages.sorted { $0.key < $1.key }.prefix(3).map { ($0.key, $0.value) })
        let original = Array(try JSONSerialization.data(withJSONObject: sample, options: [.sortedKeys]))
        let alphabet = Array("{}[]\",:\\ 0123456789.eE-+tfnu\"abc".utf8)
        var generator = SeededGenerator(seed: 0x5EED)
        var accepted = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                }
            }
            let json = Data(bytes)
            let reference = try? JSONSerialization.jsonObject(with: json)
            let parsed = try? groupRecords(json)
            guard let reference, !String(decoding: bytes, as: UTF8.self).contains(",}") else {
                XCTAssertNil(parsed, "accepted what the reference refuses: \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            guard reference is [String: Any] else { continue }
            let expected = try fieldRecords(json).sorted { $0.fileName < $1.fileName }
            XCTAssertEqual(parsed?.sorted { $0.fileName < $1.fileName }, expected, String(decoding: bytes, as: UTF8.self))
            accepted += 1
        }
        XCTAssertGreaterThan(accepted, 100, "the edits should leave some groups valid")
    }
}
