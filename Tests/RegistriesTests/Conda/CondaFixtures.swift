import Checks
import CondaPackaging
import Foundation
@testable import Registries
import Transport
import XCTest

/// The real channel snapshots in `../shared/fixtures/conda` (see its README), and helpers to serve
/// them, copy them, and read them the slow, obvious way for comparison.
enum CondaFixtures {
    /// The package root (symlinks resolved, so a private build package pointing here works too).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/fixtures/conda`, or a skip saying why the tests cannot run.
    static func channelsRoot() throws -> URL {
        let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/conda", isDirectory: true)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("pytorch/linux-64/repodata.json").path) else {
            throw XCTSkip("conda fixtures not found at \(root.path): these tests need the workspace's ../shared folder")
        }
        return root
    }

    static func channelURL(_ name: String) throws -> String {
        "file://" + (try channelsRoot()).appendingPathComponent(name).path
    }

    static func repodataPath(_ channel: String, _ subdir: String) throws -> String {
        try channelsRoot().appendingPathComponent("\(channel)/\(subdir)/repodata.json").path
    }

    /// Every record of a fixture subdir, decoded the plain way (`.conda` winning over `.tar.bz2`).
    static func referenceRecords(_ channel: String, _ subdir: String) throws -> [PackageRecord] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try repodataPath(channel, subdir)))
        return try PackageRecord.decodeRepodata(data).records
    }

    /// Every entry (both sections, before merging) of a fixture subdir: filename → name.
    static func referenceEntries(_ channel: String, _ subdir: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try repodataPath(channel, subdir)))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var entries: [String: String] = [:]
        for key in ["packages", "packages.conda"] {
            for (filename, value) in object[key] as? [String: Any] ?? [:] {
                if let name = (value as? [String: Any])?["name"] as? String { entries[filename] = name.lowercased() }
            }
        }
        return entries
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("condareg-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Copies a fixture channel into `folder`, replacing every `repodata.json` by `repodata.json.zst`
    /// (made with `/usr/bin/zstd`), so that only the compressed form is offered.
    static func zstdOnlyCopy(of channel: String, into folder: URL) throws -> URL {
        let zstd = "/usr/bin/zstd"
        guard FileManager.default.isExecutableFile(atPath: zstd) else { throw XCTSkip("\(zstd) is not installed") }
        let source = try channelsRoot().appendingPathComponent(channel)
        let copy = folder.appendingPathComponent(channel, isDirectory: true)
        try FileManager.default.copyItem(at: source, to: copy)
        for subdir in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
            let json = copy.appendingPathComponent("\(subdir)/repodata.json")
            guard FileManager.default.fileExists(atPath: json.path) else { continue }
            try compress(json.path, to: json.path + ".zst")
            try FileManager.default.removeItem(at: json)
        }
        return copy
    }

    static func compress(_ path: String, to output: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zstd")
        process.arguments = ["-q", "-f", "-3", path, "-o", output]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("zstd failed on \(path)") }
    }

    /// A client with short timeouts and fast retries (tests talk to 127.0.0.1 only).
    static func client(cache: HTTPCache? = nil, offline: Bool = false) -> HTTPClient {
        var settings = TransportSettings()
        settings.requestTimeout = 5
        settings.connectTimeout = 2
        settings.backoffBase = 0.02
        settings.backoffMax = 0.1
        settings.retries = 1
        settings.netrcPath = nil
        settings.offline = offline
        return HTTPClient(settings: settings, cache: cache)
    }

    static func linux(python: String = "3.9", glibc: String? = "2.28", cuda: String? = nil) -> Target {
        Target(python: PythonVersion(python), platform: "linux-64", glibc: glibc, cuda: cuda)
    }
}
