import Foundation
import TestSupport

/// A small PyPI-shaped index on 127.0.0.1: PEP 691 JSON pages (or PEP 503 HTML when the client
/// does not ask for JSON), a project list at the root, and real-looking file names.
enum FakeIndex {
    struct File {
        var filename: String
        var requiresPython: String? = nil
        var yanked: Bool = false
    }

    static let projects: [String: [File]] = [
        "demo": [
            File(filename: "demo-1.0.tar.gz"),
            File(filename: "demo-1.0-py3-none-any.whl"),
            File(filename: "demo-1.5-py3-none-any.whl", yanked: true),
            File(filename: "demo-2.0-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
            File(filename: "demo-2.0-cp311-cp311-macosx_11_0_arm64.whl"),
            File(filename: "demo-2.0.tar.gz"),
            File(filename: "demo-2.1rc1-py3-none-any.whl"),
            File(filename: "demo-3.0-py3-none-any.whl", requiresPython: ">=3.9"),
            File(filename: "demo-3.0.tar.gz", requiresPython: ">=3.9"),
        ],
        "sdist-only": [File(filename: "sdist_only-0.1.tar.gz")],
        "scikit-learn": [File(filename: "scikit_learn-1.3.0-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")],
        "winonly": [File(filename: "winonly-1.0-cp38-cp38-win_amd64.whl")],
        "parent": [File(filename: "parent-1.0-py3-none-any.whl")],
        "bad-package": [File(filename: "bad_package-1.0-py3-none-any.whl")],
        "needs-sdist": [File(filename: "needs_sdist-1.0-py3-none-any.whl")],
    ]

    /// PEP 658 metadata files, by wheel file name.
    static let metadata: [String: String] = [
        "parent-1.0-py3-none-any.whl": "Metadata-Version: 2.1\nName: parent\nVersion: 1.0\nRequires-Dist: bad-package==0.0\nRequires-Dist: demo>=2.0\nRequires-Dist: winonly; sys_platform == \"win32\"\n",
        "needs_sdist-1.0-py3-none-any.whl": "Metadata-Version: 2.1\nName: needs-sdist\nVersion: 1.0\nRequires-Dist: sdist-only\n",
        "demo-2.0-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl": "Metadata-Version: 2.1\nName: demo\nVersion: 2.0\n",
        "demo-3.0-py3-none-any.whl": "Metadata-Version: 2.1\nName: demo\nVersion: 3.0\n",
        "bad_package-1.0-py3-none-any.whl": "Metadata-Version: 2.1\nName: bad-package\nVersion: 1.0\n",
    ]

    static func json(project: String, files: [File]) -> String {
        let entries = files.map { f -> String in
            let rp = f.requiresPython.map { "\"\($0)\"" } ?? "null"
            return """
            {"filename": "\(f.filename)", "url": "../../files/\(f.filename)", "hashes": {"sha256": "\(String(repeating: "ab", count: 32))"}, "requires-python": \(rp), "yanked": \(f.yanked)}
            """
        }
        return "{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"\(project)\", \"files\": [\(entries.joined(separator: ", "))]}"
    }

    static func html(files: [File]) -> String {
        let anchors = files.map { f -> String in
            var attributes = ""
            if let rp = f.requiresPython { attributes += " data-requires-python=\"\(rp.replacingOccurrences(of: ">", with: "&gt;"))\"" }
            if f.yanked { attributes += " data-yanked=\"\"" }
            return "<a href=\"../../files/\(f.filename)#sha256=\(String(repeating: "ab", count: 32))\"\(attributes)>\(f.filename)</a><br/>"
        }
        return "<!DOCTYPE html><html><body>\(anchors.joined(separator: "\n"))</body></html>"
    }

    static func start(htmlOnly: Bool = false) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let path = request.path
            if path.hasPrefix("/files/"), path.hasSuffix(".metadata") {
                let wheel = String(path.dropFirst("/files/".count).dropLast(".metadata".count))
                return metadata[wheel].map { .text($0) } ?? .notFound
            }
            let wantsJSON = !htmlOnly && (request.header("Accept") ?? "").contains("application/vnd.pypi.simple.v1+json")
            if path == "/simple/" {
                let names = projects.keys.sorted()
                if wantsJSON {
                    let list = names.map { "{\"name\": \"\($0)\"}" }.joined(separator: ", ")
                    return .json("{\"meta\": {\"api-version\": \"1.1\"}, \"projects\": [\(list)]}", contentType: "application/vnd.pypi.simple.v1+json")
                }
                return .text(names.map { "<a href=\"/simple/\($0)/\">\($0)</a>" }.joined(separator: "\n"), contentType: "text/html")
            }
            let parts = path.split(separator: "/")
            guard parts.count == 2, parts[0] == "simple", let files = projects[String(parts[1])] else { return .notFound }
            if wantsJSON {
                return .json(json(project: String(parts[1]), files: files), contentType: "application/vnd.pypi.simple.v1+json")
            }
            return .text(html(files: files), contentType: "text/html")
        }
    }
}
