import CondaPackaging
import Foundation
@testable import Registries
import XCTest

/// The fast record reader must read every record exactly as `PackageRecord`'s own `Decodable` does.
final class PackageRecordReaderTests: XCTestCase {
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
                var fast: [String: PackageRecord] = [:]
                for key in ["packages", "packages.conda"] {
                    let section = try JSONSerialization.data(withJSONObject: object[key] as? [String: Any] ?? [:])
                    for record in try PackageRecordReader.records(fromGroup: section) { fast[record.fileName] = record }
                }
                for record in try PackageRecord.decodeRepodata(data).records {
                    XCTAssertEqual(fast[record.fileName], record, "\(channel)/\(subdir) \(record.fileName)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 3_500)
    }

    func testToleratesOddFieldTypes() throws {
        let json = #"""
        {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0", "build_number": "3", "noarch": true,
                           "timestamp": 1600000000.5, "track_features": "mkl, cuda", "features": ["x", "y"],
                           "depends": "python", "size": true, "md5": 5},
         "b-1-0.tar.bz2": {"name": 7},
         "c-1-0.tar.bz2": "not a record",
         "d-1-0.tar.bz2": {"name": "d", "noarch": "python", "timestamp": 1600000000000, "build_number": -1}}
        """#
        let records = Dictionary(uniqueKeysWithValues: try PackageRecordReader.records(fromGroup: Data(json.utf8)).map { ($0.fileName, $0) })
        XCTAssertEqual(records.keys.sorted(), ["a-1-0.tar.bz2", "d-1-0.tar.bz2"])
        let a = try XCTUnwrap(records["a-1-0.tar.bz2"])
        XCTAssertEqual(a.buildNumber, 3)
        XCTAssertEqual(a.noarch, .generic)
        XCTAssertEqual(a.timestamp, 1_600_000_000_000, "seconds become milliseconds")
        XCTAssertEqual(a.trackFeatures, ["mkl", "cuda"])
        XCTAssertEqual(a.features, "x y")
        XCTAssertEqual(a.depends, ["python"])
        XCTAssertNil(a.size, "a boolean is not a size")
        XCTAssertNil(a.md5)
        let d = try XCTUnwrap(records["d-1-0.tar.bz2"])
        XCTAssertEqual(d.noarch, .python)
        XCTAssertEqual(d.timestamp, 1_600_000_000_000)
        XCTAssertEqual(d.buildNumber, 0)
        XCTAssertThrowsError(try PackageRecordReader.records(fromGroup: Data("{\"a\": ".utf8)))
    }
}
