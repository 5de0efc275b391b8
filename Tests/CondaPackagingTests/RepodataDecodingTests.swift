import CondaPackaging
import Foundation
import XCTest

/// Decoding of every fixture repodata.json against the counts Python's json.load sees
/// (Vectors/repodata.json), plus the odd fields listed in the fixtures README.
final class RepodataDecodingTests: XCTestCase {
    func testEveryFixtureFileDecodesWithTheReferenceCounts() throws {
        let fixtures = try FixtureRecords.all()
        let vectors = try TestPaths.vectorObject("repodata.json")
        let files = try XCTUnwrap(vectors["files"] as? [[String: Any]])
        var report = MismatchReport("repodata decoding")
        for file in files {
            let key = try XCTUnwrap(file["file"] as? String)
            guard let repodata = fixtures.files[key] else {
                report.check(false, "\(key): not decoded")
                continue
            }
            report.check(repodata.tarBz2EntryCount == file["packages"] as? Int, "\(key): packages count \(repodata.tarBz2EntryCount)")
            report.check(repodata.condaEntryCount == file["packages_conda"] as? Int, "\(key): packages.conda count \(repodata.condaEntryCount)")
            report.check(repodata.records.count == file["merged"] as? Int, "\(key): merged count \(repodata.records.count)")
            report.check(repodata.skippedEntries.isEmpty, "\(key): skipped \(repodata.skippedEntries)")
            report.check(repodata.removed.count == file["removed"] as? Int, "\(key): removed count \(repodata.removed.count)")
            report.check(repodata.subdir == file["subdir"] as? String, "\(key): subdir \(repodata.subdir ?? "nil")")
            report.check(repodata.repodataVersion == file["repodata_version"] as? Int, "\(key): repodata_version")
            let withTimestamp = (repodata.records + repodata.supersededRecords).filter { $0.timestamp != nil }.count
            report.check(withTimestamp == file["with_timestamp"] as? Int, "\(key): records with timestamp \(withTimestamp)")
        }
        XCTAssertEqual(fixtures.files.count, files.count, "every fixture repodata.json is covered by the vectors")
        report.assertClean()
    }

    func testEveryFixtureVersionParses() throws {
        let fixtures = try FixtureRecords.all()
        let unparsed = fixtures.records.values.filter { $0.parsedVersion == nil }.map(\.version)
        XCTAssertEqual(unparsed, [], "fixture versions that do not parse")
    }

    func testCondaRecordSupersedesTarBz2OfTheSameStem() throws {
        let json = """
        {"info": {"subdir": "linux-64", "base_url": "https://example.invalid/linux-64"}, "repodata_version": 2,
         "packages": {"zlib-1.2.11-h7b6447c_3.tar.bz2": {"name": "zlib", "version": "1.2.11", "build": "h7b6447c_3", "build_number": 3},
                      "zlib-1.2.10-h7b6447c_3.tar.bz2": {"name": "zlib", "version": "1.2.10", "build": "h7b6447c_3", "build_number": 3}},
         "packages.conda": {"zlib-1.2.11-h7b6447c_3.conda": {"name": "zlib", "version": "1.2.11", "build": "h7b6447c_3", "build_number": 3}},
         "removed": ["zlib-1.0-0.tar.bz2"], "unknown_key": {"x": [1, 2]}}
        """
        let repodata = try PackageRecord.decodeRepodata(Data(json.utf8))
        XCTAssertEqual(repodata.records.map(\.fileName), ["zlib-1.2.10-h7b6447c_3.tar.bz2", "zlib-1.2.11-h7b6447c_3.conda"])
        XCTAssertEqual(repodata.supersededRecords.map(\.fileName), ["zlib-1.2.11-h7b6447c_3.tar.bz2"])
        XCTAssertEqual(repodata.subdir, "linux-64")
        XCTAssertEqual(repodata.baseURL, "https://example.invalid/linux-64")
        XCTAssertEqual(repodata.repodataVersion, 2)
        XCTAssertEqual(repodata.removed, ["zlib-1.0-0.tar.bz2"])
    }

    func testOddFieldsCostTheFieldNotTheRecord() throws {
        let json = """
        {"packages": {
          "a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "build_number": 0, "noarch": true,
                            "timestamp": 1506534614, "track_features": "mkl cuda80", "features": "mkl"},
          "b-1-0.tar.bz2": {"name": "b", "version": "1", "build": "0", "build_number": "7", "noarch": "python",
                            "timestamp": 1510000844780, "track_features": ["x", 3], "depends": "python",
                            "size": "big", "md5": 5},
          "c-1-0.tar.bz2": {"name": "c", "version": "1", "build": "0", "timestamp": 1.5e9, "noarch": "weird",
                            "depends": ["python", 2], "constrains": null},
          "d-1-0.tar.bz2": {"name": "d", "version": "v1.6.4", "build": "0", "timestamp": 2},
          "bad-1-0.tar.bz2": {"version": "1"},
          "worse-1-0.tar.bz2": [1, 2]
        }}
        """
        let repodata = try PackageRecord.decodeRepodata(Data(json.utf8))
        let byName = Dictionary(uniqueKeysWithValues: repodata.records.map { ($0.name, $0) })
        let a = try XCTUnwrap(byName["a"])
        XCTAssertEqual(a.noarch, .generic)
        XCTAssertEqual(a.timestamp, 1_506_534_614_000, "seconds become milliseconds")
        XCTAssertEqual(a.trackFeatures, ["mkl", "cuda80"])
        XCTAssertEqual(a.features, "mkl")
        let b = try XCTUnwrap(byName["b"])
        XCTAssertEqual(b.noarch, .python)
        XCTAssertEqual(b.buildNumber, 7)
        XCTAssertEqual(b.timestamp, 1_510_000_844_780, "milliseconds stay")
        XCTAssertEqual(b.trackFeatures, ["x"])
        XCTAssertEqual(b.depends, ["python"])
        XCTAssertNil(b.size)
        XCTAssertNil(b.md5)
        let c = try XCTUnwrap(byName["c"])
        XCTAssertEqual(c.timestamp, 1_500_000_000_000)
        XCTAssertNil(c.noarch)
        XCTAssertEqual(c.depends, ["python"])
        XCTAssertEqual(c.constrains, [])
        let d = try XCTUnwrap(byName["d"])
        XCTAssertEqual(d.timestamp, 2000)
        XCTAssertEqual(d.parsedVersion, try CondaVersion("v1.6.4"))
        XCTAssertEqual(Set(repodata.skippedEntries.keys), ["bad-1-0.tar.bz2", "worse-1-0.tar.bz2"])
        XCTAssertEqual(repodata.tarBz2EntryCount, 6)
    }

    func testSingleRecordIsDecodable() throws {
        let json = #"{"fn": "six-1.16.0-pyhd3eb1b0_1.conda", "name": "six", "version": "1.16.0", "build": "pyhd3eb1b0_1", "build_number": 1, "depends": ["python >=3"], "noarch": "python", "sha256": "ABC"}"#
        let record = try JSONDecoder().decode(PackageRecord.self, from: Data(json.utf8))
        XCTAssertEqual(record.fileName, "six-1.16.0-pyhd3eb1b0_1.conda")
        XCTAssertEqual(record.depends, ["python >=3"])
        XCTAssertTrue(try MatchSpec("six[sha256=" + String(repeating: "a", count: 64) + "]").matches(record) == false)
        XCTAssertThrowsError(try JSONDecoder().decode(PackageRecord.self, from: Data("[]".utf8)))
        XCTAssertThrowsError(try PackageRecord.decodeRepodata(Data("[1]".utf8)))
        XCTAssertThrowsError(try PackageRecord.decodeRepodata(Data("{".utf8)))
    }

    func testFixtureOdditiesFromTheReadme() throws {
        let fixtures = try FixtureRecords.all()
        let records = fixtures.records
        // Timestamps in seconds in index4/linux-64 (cloog, isl, llvmlite) are normalised.
        let cloog = try XCTUnwrap(records["index4/linux-64/cloog-0.18.0-0.tar.bz2"])
        XCTAssertEqual(cloog.timestamp, 1_506_534_614_000)
        // The revoked numpy record still decodes.
        XCTAssertNotNil(records["index4/linux-64/numpy-1.14.5-py36hcd700cb_0.tar.bz2"])
        // with-wheels/noarch (experimental repodata_version 3) keeps its six records.
        let wheels = try XCTUnwrap(fixtures.files["with-wheels/noarch"])
        XCTAssertEqual((wheels.records + wheels.supersededRecords).filter { $0.name == "six" }.count, 6)
        XCTAssertEqual(fixtures.files["with-wheels/noarch"]?.records.first?.timestamp.map { $0 % 1000 }, 0)
        // A leading v, R-style underscores, letters, erlang, custom.
        let versions = Set(records.values.map(\.version))
        for odd in ["v1.6.4", "1.4_5", "1.0.2l", "9b", "R15B01", "custom", "0.4rc.0.post1", "2.000"] where versions.contains(odd) {
            XCTAssertNotNil(try? CondaVersion(odd), odd)
        }
        XCTAssertTrue(versions.contains("v1.6.4"))
    }
}
