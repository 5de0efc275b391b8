import Foundation
import TestSupport

/// A loopback index whose projects form the dependency graphs the resolution tests need: real
/// project names and real-shaped wheels, PEP 691 pages and PEP 658 metadata files.
enum ResolutionIndex {
    /// project → [(version, Requires-Dist lines)]
    static let projects: [String: [(String, [String])]] = [
        "pandas": [("1.4.4", ["numpy>=1.18.5"]), ("2.0.3", ["numpy>=1.20.3", "python-dateutil>=2.8.2"])],
        "numpy": [("1.19.5", []), ("1.20.3", []), ("1.24.4", [])],
        "python-dateutil": [("2.8.2", ["six>=1.5"])],
        "six": [("1.16.0", [])],
        "top": [("1.0", ["mid>=1.0"])],
        "mid": [("1.0", ["low>=1.0"])],
        "low": [("1.0", ["numpy<1.20"])],
        "requests": [("2.28.1", ["charset-normalizer<3,>=2", "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""])],
        "charset-normalizer": [("2.1.1", [])],
        "pysocks": [("1.5.6", []), ("1.5.7", []), ("1.7.1", [])],
        "oldpy": [("1.0", ["numpy<1.20; python_version < \"3.9\""])],
        "cyc-a": [("1.0", ["cyc-b"])],
        "cyc-b": [("1.0", ["cyc-a>=1.0"])],
        "broken": [("1.0", ["numpy (>=> 1)", "six"])],
    ]

    static func wheel(_ project: String, _ version: String) -> String {
        "\(project.replacingOccurrences(of: "-", with: "_"))-\(version)-py3-none-any.whl"
    }

    static func start() throws -> LoopbackHTTPServer {
        var metadata: [String: String] = [:]
        for (project, versions) in projects {
            for (version, requires) in versions {
                metadata[wheel(project, version)] = "Metadata-Version: 2.1\nName: \(project)\nVersion: \(version)\n"
                    + requires.map { "Requires-Dist: \($0)\n" }.joined()
            }
        }
        let files = metadata
        return try LoopbackHTTPServer { request in
            let path = request.path
            if path.hasPrefix("/files/"), path.hasSuffix(".metadata") {
                return files[String(path.dropFirst("/files/".count).dropLast(".metadata".count))].map { .text($0) } ?? .notFound
            }
            let parts = path.split(separator: "/")
            guard parts.count == 2, parts[0] == "simple", let versions = projects[String(parts[1])] else { return .notFound }
            let entries = versions.map { version, _ in
                "{\"filename\": \"\(wheel(String(parts[1]), version))\", \"url\": \"../../files/\(wheel(String(parts[1]), version))\", \"hashes\": {}, \"requires-python\": null, \"yanked\": false}"
            }
            return .json("{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"\(parts[1])\", \"files\": [\(entries.joined(separator: ", "))]}",
                         contentType: "application/vnd.pypi.simple.v1+json")
        }
    }
}
