import Foundation
import TestSupport
import XCTest

/// The real conda channel snapshots in `../shared/fixtures/conda` (see its README), as `file://`
/// URLs or served over a loopback HTTP server, as a mirror of a channel host would serve them.
enum CondaFixtureChannels {
    /// `../shared/fixtures/conda`, or a skip saying why the test cannot run.
    static func root() throws -> URL {
        let root = CLIRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/conda")
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("pytorch/linux-64/repodata.json").path) else {
            throw XCTSkip("../shared/fixtures/conda is absent (a plain clone outside the workspace)")
        }
        return root
    }

    /// A channel as a `file://` URL.
    static func fileURL(_ name: String) throws -> String {
        "file://" + (try root()).appendingPathComponent(name).path
    }

    /// Every fixture channel over HTTP: `server.url("/pytorch")` is the pytorch channel.
    static func serve() throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer.serving(directory: try root())
    }
}
