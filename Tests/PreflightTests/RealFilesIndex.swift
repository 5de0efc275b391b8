import Foundation
import TestSupport

/// A loopback PyPI-shaped index with real file names, Requires-Python values, sha256 digests and
/// yank reasons (copied from PyPI's JSON API: PyYAML 6.0.1, numpy 1.24.3/1.24.4, requests
/// 2.31.0–2.32.3; a subset of each release's files). It also serves `/files/…` and `/whl/…` as
/// downloadable files (any name containing `missing` is a 404), for URL requirements.
enum RealFilesIndex {
    struct File {
        var filename: String
        var sha256: String
        var requiresPython: String? = nil
        /// The yank reason; nil when the file is not yanked.
        var yanked: String? = nil

        init(_ filename: String, _ sha256: String, requiresPython: String? = nil, yanked: String? = nil) {
            self.filename = filename
            self.sha256 = sha256
            self.requiresPython = requiresPython
            self.yanked = yanked
        }
    }

    static let projects: [String: [File]] = [
        "pyyaml": [
            File("PyYAML-6.0.1-cp312-cp312-macosx_11_0_arm64.whl", "40df9b996c2b73138957fe23a16a4f0ba614f4c0efce1e9406a184b6d07fa3a9", requiresPython: ">=3.6"),
            File("PyYAML-6.0.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "6c22bec3fbe2524cde73d7ada88f6566758a8f7227bfbf93a408a9d86bcc12a0", requiresPython: ">=3.6"),
            File("PyYAML-6.0.1.tar.gz", "bfdf460b1736c775f2ba9f6a92bca30bc2095067b8a9d77876d1fad6cc3b4a43", requiresPython: ">=3.6"),
            File("PyYAML-6.0.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "d2b04aac4d386b172d5b9692e2d2da8de7bfb6c387fa4f801fbf6fb2e6ba4673", requiresPython: ">=3.6"),
        ],
        "numpy": [
            File("numpy-1.24.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "a1d3c026f57ceaad42f8231305d4653d5f05dc6332a730ae5c0bea3513de0950", requiresPython: ">=3.8"),
            File("numpy-1.24.3-cp311-cp311-macosx_11_0_arm64.whl", "d6cc757de514c00b24ae8cf5c876af2a7c3df189028d68c0cb4eaa9cd5afc2bf", requiresPython: ">=3.8"),
            File("numpy-1.24.3-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "4749e053a29364d3452c034827102ee100986903263e89884922ef01a0a6fd2f", requiresPython: ">=3.8"),
            File("numpy-1.24.3.tar.gz", "ab344f1bf21f140adab8e47fdbc7c35a477dc01408791f8ba00d018dd0bc5155", requiresPython: ">=3.8"),
            File("numpy-1.24.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "7215847ce88a85ce39baf9e89070cb860c98fdddacbaa6c0da3ffb31b3350bd5", requiresPython: ">=3.8"),
            File("numpy-1.24.4.tar.gz", "80f5e3a4e498641401868df4208b74581206afbee7cf7b8329daae82676d9463", requiresPython: ">=3.8"),
            File("numpy-1.24.4-cp311-cp311-macosx_11_0_arm64.whl", "e2926dac25b313635e4d6cf4dc4e51c8c0ebfed60b801c799ffc4c32bf3d1254", requiresPython: ">=3.8"),
            File("numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "dd80e219fd4c71fc3699fc1dadac5dcf4fd882bfc6f7ec53d30fa197b8ee22dc", requiresPython: ">=3.8"),
        ],
        "requests": [
            File("requests-2.31.0.tar.gz", "942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1", requiresPython: ">=3.7"),
            File("requests-2.31.0-py3-none-any.whl", "58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f", requiresPython: ">=3.7"),
            File("requests-2.32.0-py3-none-any.whl", "f2c3881dddb70d056c5bd7600a4fae312b2a300e39be6a118d30b90bd27262b5", requiresPython: ">=3.8", yanked: "Yanked due to conflicts with CVE-2024-35195 mitigation"),
            File("requests-2.32.0.tar.gz", "fa5490319474c82ef1d2c9bc459d3652e3ae4ef4c4ebdd18a21145a47ca4b6b8", requiresPython: ">=3.8", yanked: "Yanked due to conflicts with CVE-2024-35195 mitigation"),
            File("requests-2.32.1-py3-none-any.whl", "21ac9465cdf8c1650fe1ecde8a71669a93d4e6f147550483a2967d08396a56a5", requiresPython: ">=3.8", yanked: "Yanked due to conflicts with CVE-2024-35195 mitigation "),
            File("requests-2.32.1.tar.gz", "eb97e87e64c79e64e5b8ac75cee9dd1f97f49e289b083ee6be96268930725685", requiresPython: ">=3.8", yanked: "Yanked due to conflicts with CVE-2024-35195 mitigation "),
            File("requests-2.32.2-py3-none-any.whl", "fc06670dd0ed212426dfeb94fc1b983d917c4f9847c863f313c9dfaaffb7c23c", requiresPython: ">=3.8"),
            File("requests-2.32.2.tar.gz", "dd951ff5ecf3e3b3aa26b40703ba77495dab41da839ae72ef3c8e5d8e2433289", requiresPython: ">=3.8"),
            File("requests-2.32.3-py3-none-any.whl", "70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6", requiresPython: ">=3.8"),
            File("requests-2.32.3.tar.gz", "55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760", requiresPython: ">=3.8"),
        ],
        // Issue 17.2: what to suggest instead (pandas 1.3.0 and scipy 1.7.1 have no Python 3.10
        // wheels, their next patch releases do; dill below 0.3.2 is an sdist; deepspeed ships sdists
        // and one dev-release wheel).
        "pandas": [
            File("pandas-1.3.0-cp38-cp38-manylinux_2_5_x86_64.manylinux1_x86_64.whl", "f058c786e7b0a9e7fa5e0b9f4422e0ccdd3bf3aa3053c18d77ed2a459bd9a45a", requiresPython: ">=3.7.1"),
            File("pandas-1.3.0-cp39-cp39-manylinux_2_5_x86_64.manylinux1_x86_64.whl", "522bfea92f3ef6207cadc7428bda1e7605dae0383b8065030e7b5d0266717b48", requiresPython: ">=3.7.1"),
            File("pandas-1.3.0.tar.gz", "c554e6c9cf2d5ea1aba5979cc837b3649539ced0e18ece186f055450c86622e2", requiresPython: ">=3.7.1"),
            File("pandas-1.3.3-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "86b16b1b920c4cb27fdd65a2c20258bcd9c794be491290660722bb0ea765054d", requiresPython: ">=3.7.1"),
            File("pandas-1.3.3-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "49fd2889d8116d7acef0709e4c82b8560a8b22b0f77471391d12c27596e90267", requiresPython: ">=3.7.1"),
            File("pandas-1.3.5-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "2651d75b9a167cc8cc572cf787ab512d16e316ae00ba81874b560586fa1325e0", requiresPython: ">=3.7.1"),
            File("pandas-2.3.3-cp310-cp310-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl", "dd7478f1463441ae4ca7308a70e90b33470fa593429f9d4c578dd00d1fa78838", requiresPython: ">=3.9"),
        ],
        "scipy": [
            File("scipy-1.7.1-cp38-cp38-manylinux_2_5_x86_64.manylinux1_x86_64.whl", "90c07ba5f34f33299a428b0d4fa24c30d2ceba44d63f8385b2b05be460819fcb", requiresPython: ">=3.7,<3.10"),
            File("scipy-1.7.1-cp39-cp39-manylinux_2_5_x86_64.manylinux1_x86_64.whl", "4729b41a4cdaf4cd011aeac816b532f990bdf97710cef59149d3e293115cf467", requiresPython: ">=3.7,<3.10"),
            File("scipy-1.7.1.tar.gz", "6b47d5fa7ea651054362561a28b1ccc8da9368a39514c1bbf6c0977a1c376764", requiresPython: ">=3.7,<3.10"),
            File("scipy-1.7.2-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "82c5befebf54d799d77e5f0205c03030f57f69ba2541baa44d2e6ad138c28cd3", requiresPython: ">=3.7,<3.11"),
            File("scipy-1.7.3-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "f7eaea089345a35130bc9a39b89ec1ff69c208efa97b3f8b25ea5d4c41d88094", requiresPython: ">=3.7,<3.11"),
            File("scipy-1.15.3-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "9e2abc762b0811e09a0d3258abee2d98e0c703eee49464ce0069590846f31d40", requiresPython: ">=3.10"),
        ],
        "dill": [
            File("dill-0.3.1.1.tar.gz", "42d8ef819367516592a825746a18073ced42ca169ab1f5f4044134703e7a049c", requiresPython: ">=2.6, !=3.0.*"),
            File("dill-0.3.3-py2.py3-none-any.whl", "78370261be6ea49037ace8c17e0b7dd06d0393af6513cc23f9b222d9367ce389", requiresPython: ">=2.6, !=3.0.*"),
            File("dill-0.4.0-py3-none-any.whl", "44f54bf6412c2c8464c14e8243eb163690a9800dbe2c367330883b19c7561049", requiresPython: ">=3.8"),
        ],
        "deepspeed": [
            File("deepspeed-0.3.1.dev5-py3-none-any.whl", "8077d5af79f3e1e4d1cef0a789d17390ead1ce2d21e875894455529a26af158a"),
            File("deepspeed-0.3.1.dev5.tar.gz", "1ae6f0ab662b36e906a06a1ce67eed544c69c3faf2428255c152003c23fdfc29"),
            File("deepspeed-0.16.0.tar.gz", "166c7151799d1e6cce1bc338199fc0c0e450db4cc4549cb457b99299ebff54ac"),
        ],
        // Issue 17.4: names that never install what was meant.
        "sklearn": [
            File("sklearn-0.0.tar.gz", "e23001573aa194b834122d2b9562459bf5ae494a2d59ca6b8aa22c85a44c0e31"),
            File("sklearn-0.0.post12.tar.gz", "54cff9e20839b7b202321178228af4d9388bedf78425d9299fd9ee170d68802e"),
        ],
        "pytorch": [
            File("pytorch-0.1.2.tar.gz", "f074adb9d20214cec7ee5a78bc60670cbbe006251ae5de166d7907720cdcd50c"),
            File("pytorch-1.0.2.tar.gz", "a6915d372c085a02eceebf59d16cbcc18a2693ac3487a53e3cc8be31fee65079"),
        ],
        "uuid": [File("uuid-1.30.tar.gz", "1f87cc004ac5120466f36c5beae48b4c48cc411968eed0eaecd3da82aa96193f")],
        "legacy-model": [File("legacy_model-0.1-py3-none-any.whl", String(repeating: "5e", count: 32))],
        // Issue 17.5: sdists that are pure Python (fusepy) and one whose metadata declares C (crcmod).
        "fusepy": [File("fusepy-3.0.1.tar.gz", "72ff783ec2f43de3ab394e3f7457605bf04c8cf288a2f4068b4cde141d4ee6bd")],
        "crcmod": [
            File("crcmod-1.7.tar.gz", "dc7051a0db5f2bd48665a990d3ec1cc305a466a77358ca4492826f41f283601e"),
            File("crcmod-1.7.win32-py3.1.msi", "50586ab48981f11e5b117523d97bb70864a2a1af246cf6e4f5c4a21ef4611cd1"),
        ],
        // Issue 17.6: requires_python `>3.8` installs on python:3.8's 3.8.20, not on pip's 3.8.0.
        "adlfs": [
            File("adlfs-2022.4.0-py3-none-any.whl", "a28ddca56a5764332cdf490024f9e8bd77204ab5a1d4ed52bd23d0291bfe9593", requiresPython: ">3.8"),
            File("adlfs-2022.4.0.tar.gz", "055806592ab5792296def36470eee1067c8ff6e1176bc054a831510e471c3833", requiresPython: ">3.8"),
        ],
        "apache-beam": [
            File("apache_beam-2.40.0-cp38-cp38-manylinux1_x86_64.whl", "323835379756f5bb1cb5cfc8554a23319fdc6f1695a28523b8bbe428b36a0b0d", requiresPython: ">=3.7"),
        ],
    ]

    /// PEP 658 metadata files (advertised on the pages), by file name: the dependency lines as PyPI has them.
    static let metadata: [String: String] = [
        "apache_beam-2.40.0-cp38-cp38-manylinux1_x86_64.whl":
            "Metadata-Version: 2.1\nName: apache-beam\nVersion: 2.40.0\nRequires-Python: >=3.7\nRequires-Dist: dill (<0.3.2,>=0.3.1.1)\n",
        "dill-0.3.3-py2.py3-none-any.whl": "Metadata-Version: 2.1\nName: dill\nVersion: 0.3.3\n",
        "legacy_model-0.1-py3-none-any.whl": "Metadata-Version: 2.1\nName: legacy-model\nVersion: 0.1\nRequires-Dist: sklearn\nRequires-Dist: uuid\n",
    ]

    /// Per-version JSON API answers (`/pypi/NAME/VERSION/json`), as PyPI gives them (trimmed).
    static let jsonAPI: [String: String] = [
        "/pypi/crcmod/1.7/json": #"{"info": {"name": "crcmod", "version": "1.7", "requires_dist": null, "requires_python": null, "classifiers": ["Development Status :: 5 - Production/Stable", "License :: OSI Approved :: MIT License", "Programming Language :: C", "Programming Language :: C++", "Programming Language :: Python", "Programming Language :: Python :: 3"]}}"#,
    ]

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func json(project: String, files: [File]) -> String {
        let entries = files.map { f -> String in
            let rp = f.requiresPython.map(quoted) ?? "null"
            let yanked = f.yanked.map(quoted) ?? "false"
            return """
            {"filename": \(quoted(f.filename)), "url": "../../files/\(f.filename)", "hashes": {"sha256": "\(f.sha256)"}, "requires-python": \(rp), "yanked": \(yanked), "core-metadata": \(metadata[f.filename] != nil)}
            """
        }
        return "{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \(quoted(project)), \"files\": [\(entries.joined(separator: ", "))]}"
    }

    static func html(files: [File]) -> String {
        let anchors = files.map { f -> String in
            var attributes = ""
            if let rp = f.requiresPython { attributes += " data-requires-python=\"\(rp.replacingOccurrences(of: ">", with: "&gt;"))\"" }
            if let reason = f.yanked { attributes += " data-yanked=\"\(reason)\"" }
            return "<a href=\"../../files/\(f.filename)#sha256=\(f.sha256)\"\(attributes)>\(f.filename)</a><br/>"
        }
        return "<!DOCTYPE html><html><body>\(anchors.joined(separator: "\n"))</body></html>"
    }

    static func start(htmlOnly: Bool = false) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let path = request.path
            if path.hasPrefix("/files/") || path.hasPrefix("/whl/") {
                if path.contains("missing") { return .notFound }
                if path.hasSuffix(".metadata") {
                    return metadata[String(path.dropFirst("/files/".count).dropLast(".metadata".count))].map { .text($0) } ?? .notFound
                }
                // A real server answers a range read with the bytes asked for.
                if request.header("Range") != nil {
                    return .response(status: 206, headers: [("Content-Type", "application/octet-stream"), ("Content-Range", "bytes 0-0/4")],
                                     body: Data("P".utf8))
                }
                return .response(status: 200, headers: [("Content-Type", "application/octet-stream")], body: Data("PK\u{3}\u{4}".utf8))
            }
            if let answer = jsonAPI[path] { return .json(answer) }
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

    /// `preflight check --format json` of `lines` (written to a requirements file) for each target.
    static func check(_ lines: [String], server: LoopbackHTTPServer, directory: URL, targets: [String], extra: [String] = []) throws -> (CLIResult, [[String: Any]]) {
        let spec = directory.appendingPathComponent("requirements-\(UUID().uuidString.prefix(8)).txt")
        try (lines.joined(separator: "\n") + "\n").write(to: spec, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--index-url", server.url("/simple"), "--cache-dir", directory.appendingPathComponent("cache").path,
                                        "--format", "json", "--no-transitive"] + targets + extra + [spec.path])
        let specs = result.json()["specs"] as? [[String: Any]] ?? []
        return (result, specs.flatMap { $0["findings"] as? [[String: Any]] ?? [] })
    }

    static func describe(_ findings: [[String: Any]]) -> String {
        findings.map { "\($0["code"] ?? "") line \($0["line"] ?? "") \($0["target"] ?? ""): \($0["message"] ?? "") \($0["suggestions"] ?? "")" }.joined(separator: "\n")
    }
}
