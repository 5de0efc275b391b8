import CondaPackaging
import Foundation
import XCTest

/// Every record of every fixture repodata.json, keyed `channel/subdir/filename`, decoded
/// once per test process.
enum FixtureRecords {
    struct Loaded: Sendable {
        var files: [String: Repodata]
        var records: [String: PackageRecord]
    }

    private static let cache: Result<Loaded, Error> = Result { try load() }

    static func all() throws -> Loaded {
        _ = try TestPaths.requireCondaFixtures()
        return try cache.get()
    }

    private static func load() throws -> Loaded {
        let root = TestPaths.condaFixtures
        var files: [String: Repodata] = [:]
        var records: [String: PackageRecord] = [:]
        let channels = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        for channel in channels {
            let channelURL = root.appendingPathComponent(channel)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: channelURL.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for subdir in try FileManager.default.contentsOfDirectory(atPath: channelURL.path).sorted() {
                let file = channelURL.appendingPathComponent(subdir).appendingPathComponent("repodata.json")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                let repodata = try PackageRecord.decodeRepodata(Data(contentsOf: file))
                let key = "\(channel)/\(subdir)"
                files[key] = repodata
                for record in repodata.records + repodata.supersededRecords {
                    records["\(key)/\(record.fileName)"] = record
                }
            }
        }
        return Loaded(files: files, records: records)
    }
}
