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
        // azure-ai-ml on Python 3.8 (issue 17): the newest 13 azure-monitor-opentelemetry releases
        // need an opentelemetry-sdk that requires Python 3.9, the oldest does not; pip backtracks to it.
        "azure-ai-ml": [("1.32.0", ["azure-monitor-opentelemetry>=1.0.0"])],
        "azure-monitor-opentelemetry": [("1.0.0", ["opentelemetry-sdk~=1.20"])]
            + ["1.1.0", "1.1.1", "1.2.0", "1.3.0", "1.4.0", "1.4.1", "1.4.2", "1.5.0", "1.6.0", "1.6.1", "1.7.0", "1.8.0", "1.8.10"]
            .map { ($0, ["opentelemetry-sdk~=1.44.0"]) },
        "opentelemetry-sdk": [("1.20.0", []), ("1.44.0", [])],
        // Few enough versions for the walk to try them all: each needs the Python 3.9 sdk.
        "azure-monitor-lite": [("1.7.0", ["opentelemetry-sdk~=1.44.0"]), ("1.8.0", ["opentelemetry-sdk~=1.44.0"])],
    ]

    /// Requires-Python per wheel (none: any Python).
    static let requiresPython: [String: String] = [
        wheel("opentelemetry-sdk", "1.20.0"): ">=3.7",
        wheel("opentelemetry-sdk", "1.44.0"): ">=3.9",
    ]

    /// Projects that publish only an sdist whose archive cannot be read: its metadata is unknown.
    static let opaqueSdists: [String: String] = ["opaque": "opaque-1.0.tar.gz"]

    static func wheel(_ project: String, _ version: String) -> String {
        "\(project.replacingOccurrences(of: "-", with: "_"))-\(version)-py3-none-any.whl"
    }

    /// `metadataDelay`: each metadata file answers that many seconds late (a slow or busy index).
    static func start(metadataDelay: Double = 0) throws -> LoopbackHTTPServer {
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
            if path.hasPrefix("/files/"), opaqueSdists.values.contains(String(path.dropFirst("/files/".count))) {
                return .text("this is not a gzip archive")
            }
            if path.hasPrefix("/files/"), path.hasSuffix(".whl") {
                return .text("PK")  // a direct wheel URL is probed, not unpacked
            }
            if path.hasPrefix("/files/"), path.hasSuffix(".metadata") {
                let reply = files[String(path.dropFirst("/files/".count).dropLast(".metadata".count))].map { Reply.text($0) } ?? .notFound
                return metadataDelay > 0 ? .delayed(seconds: metadataDelay, then: reply) : reply
            }
            let parts = path.split(separator: "/")
            if parts.count == 2, parts[0] == "simple", let sdist = opaqueSdists[String(parts[1])] {
                return .json("{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"\(parts[1])\", \"files\": [{\"filename\": \"\(sdist)\", \"url\": \"../../files/\(sdist)\", \"hashes\": {}, \"requires-python\": null, \"yanked\": false}]}",
                             contentType: "application/vnd.pypi.simple.v1+json")
            }
            guard parts.count == 2, parts[0] == "simple", let versions = projects[String(parts[1])] else { return .notFound }
            let entries = versions.map { version, _ in
                let file = wheel(String(parts[1]), version)
                let python = requiresPython[file].map { "\"\($0)\"" } ?? "null"
                return "{\"filename\": \"\(file)\", \"url\": \"../../files/\(file)\", \"hashes\": {}, \"requires-python\": \(python), \"yanked\": false}"
            }
            return .json("{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"\(parts[1])\", \"files\": [\(entries.joined(separator: ", "))]}",
                         contentType: "application/vnd.pypi.simple.v1+json")
        }
    }
}
