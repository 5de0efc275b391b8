import Foundation
import TestSupport

/// A private index as Azure Artifacts, Artifactory or devpi serve one: every URL of the host —
/// simple pages, the per-version JSON API, files and their `.metadata` — needs the same basic-auth
/// credentials, and answers 401 without them. Each dependency of `goodpkg==0.9` has its metadata
/// where a different fallback step finds it, so one `check` exercises every kind of request:
///
/// - `goodpkg` 0.9: an advertised PEP 658 `.metadata` file (needs `apipkg`, `colorama`, `staticsdist`);
/// - `apipkg` 1.0: the JSON API (`/pypi/apipkg/1.0/json`), and an advertised `.metadata` file too,
///   since the client stops asking the JSON API after a few misses and the order is not fixed;
/// - `colorama` 0.4.6: a real wheel with no `.metadata`, read by HTTP range requests;
/// - `staticsdist` 1.0: only an sdist (a `sdist-only` warning; its metadata is not needed).
///
/// After `moveFiles(to:)` (another origin, e.g. `cdn()`), the pages link the files with `.metadata`
/// there, as pypi.org links to files.pythonhosted.org, and the index redirects its own `/files/`
/// URLs (the other files' links) there: both ways a client leaves the index's origin.
final class PrivateIndex {
    static let credentials = BasicCredentials(user: "alice", password: "s3cr3t")

    enum Pages { case json, html }

    let server: LoopbackHTTPServer
    let root: URL

    /// The other origin's URL that stands for `/files` (nil: the files are on the index itself).
    /// Set after both servers listen, since each needs the other's address.
    private let filesLocation = FilesLocation()

    init(pages: Pages) throws {
        root = CLIRunner.temporaryDirectory()
        try Self.writeFiles(to: root.appendingPathComponent("files"))
        let site = try StaticFiles(root: root)
        var options = ServerOptions()
        options.requiredCredentials = Self.credentials
        let location = filesLocation
        server = try LoopbackHTTPServer(options: options) { request in
            let filesBase = location.base
            let path = request.path
            if path == "/pypi/apipkg/1.0/json" {
                return .json(#"{"info": {"name": "apipkg", "version": "1.0", "requires_dist": [], "requires_python": ">=3.7"}}"#)
            }
            if path.hasPrefix("/files/") {
                if let filesBase { return .redirect(to: filesBase + path.dropFirst("/files".count)) }
                return site.reply(for: request)
            }
            let parts = path.split(separator: "/")
            guard parts.count == 2, parts[0] == "simple", let files = Self.projects[String(parts[1])] else { return .notFound }
            let wantsJSON = pages == .json && (request.header("Accept") ?? "").contains("application/vnd.pypi.simple.v1+json")
            if wantsJSON {
                let entries = files.map { name in
                    #"{"filename": "\#(name)", "url": "\#(Self.link(name, filesBase))", "hashes": {}, "core-metadata": \#(Self.metadata[name] != nil)}"#
                }
                return .json(#"{"meta": {"api-version": "1.1"}, "name": "\#(parts[1])", "files": [\#(entries.joined(separator: ", "))]}"#,
                             contentType: "application/vnd.pypi.simple.v1+json")
            }
            let anchors = files.map { name in
                "<a href=\"\(Self.link(name, filesBase))\"\(Self.metadata[name] != nil ? " data-core-metadata=\"true\"" : "")>\(name)</a><br/>"
            }
            return .text("<!DOCTYPE html><html><body>\(anchors.joined(separator: "\n"))</body></html>", contentType: "text/html")
        }
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: root)
    }

    /// Serves the files from `base` (e.g. `http://127.0.0.1:PORT/files` of `cdn()`) from now on.
    func moveFiles(to base: String) { filesLocation.base = base }

    /// The index URL with the credentials in it, as a requirements file or `--index-url` gives it.
    var authenticatedIndexURL: String {
        server.url("/simple").replacingOccurrences(
            of: "http://", with: "http://\(Self.credentials.user):\(Self.credentials.password)@")
    }

    static let projects: [String: [String]] = [
        "goodpkg": ["goodpkg-0.9-py3-none-any.whl"],
        "apipkg": ["apipkg-1.0-py3-none-any.whl"],
        "colorama": ["colorama-0.4.6-py2.py3-none-any.whl"],
        "staticsdist": ["staticsdist-1.0.tar.gz"],
    ]

    /// PEP 658 metadata files, by distribution file name.
    static let metadata: [String: String] = [
        "goodpkg-0.9-py3-none-any.whl": "Metadata-Version: 2.1\nName: goodpkg\nVersion: 0.9\nRequires-Dist: apipkg>=1.0\nRequires-Dist: colorama\nRequires-Dist: staticsdist\n",
        "apipkg-1.0-py3-none-any.whl": "Metadata-Version: 2.1\nName: apipkg\nVersion: 1.0\n",
    ]

    /// Where a page links a file: one with `.metadata` straight to `filesBase`, any other to the
    /// index's own `/files/`, relative to the page.
    private static func link(_ name: String, _ filesBase: String?) -> String {
        if let filesBase, metadata[name] != nil { return filesBase + "/" + name }
        return "../../files/" + name
    }

    /// The index's files on another origin (a "CDN"), which needs `credentials` of its own when given.
    func cdn(requiring credentials: BasicCredentials? = nil) throws -> LoopbackHTTPServer {
        var options = ServerOptions()
        options.requiredCredentials = credentials
        return try LoopbackHTTPServer.serving(directory: root, options: options)
    }

    private static func writeFiles(to files: URL) throws {
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let fixtures = CLIRunner.packageRoot.appendingPathComponent("Tests/RegistriesTests/Fixtures")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("colorama-0.4.6-py2.py3-none-any.whl"),
                                         to: files.appendingPathComponent("colorama-0.4.6-py2.py3-none-any.whl"))
        for (name, text) in metadata {
            try text.write(to: files.appendingPathComponent(name + ".metadata"), atomically: true, encoding: .utf8)
        }
        // An sdist whose PKG-INFO (Metadata-Version 2.2, nothing dynamic) states its dependencies.
        let source = files.deletingLastPathComponent().appendingPathComponent("src/staticsdist-1.0")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try "Metadata-Version: 2.2\nName: staticsdist\nVersion: 1.0\n".write(
            to: source.appendingPathComponent("PKG-INFO"), atomically: true, encoding: .utf8)
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["czf", files.appendingPathComponent("staticsdist-1.0.tar.gz").path,
                         "-C", source.deletingLastPathComponent().path, "staticsdist-1.0"]
        try tar.run()
        tar.waitUntilExit()
    }
}

/// The `/files` base an index's handler reads while a test may set it.
private final class FilesLocation: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    var base: String? {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}
