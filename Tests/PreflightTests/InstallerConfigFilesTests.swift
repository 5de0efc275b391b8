import Foundation
import TestSupport
import XCTest

/// The configuration users already have in files: pip's pip.conf (index-url, extra-index-url),
/// conda's .condarc (channels, channel_priority), a project's [tool.preflight] table; where each
/// file stands against the environment and the flags, and the report naming each setting's source.
final class InstallerConfigFilesTests: XCTestCase {
    var root: URL!
    var home: URL { root.appendingPathComponent("home") }
    var cache: String { root.appendingPathComponent("cache").path }
    var index: String { "file://" + root.appendingPathComponent("simple").path }
    var nowhere: String { "file://" + root.appendingPathComponent("nowhere").path }

    override func setUpWithError() throws {
        root = CLIRunner.temporaryDirectory()
        let project = root.appendingPathComponent("simple/mirrored")
        for dir in [project, root.appendingPathComponent("nowhere"), root.appendingPathComponent("files"), home] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        let wheel = "mirrored-1.0-py3-none-any.whl"
        try "<html><body><a href=\"../../files/\(wheel)\">\(wheel)</a></body></html>"
            .write(to: project.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: root.appendingPathComponent("files/\(wheel)").path, contents: Data())
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func write(_ text: String, _ relative: String) throws -> String {
        let file = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// The home's user files are read: pip's is skipped when PIP_CONFIG_FILE names an existing file.
    var userFiles: [String: String] { ["HOME": home.path, "PIP_CONFIG_FILE": root.appendingPathComponent("absent.conf").path] }

    func check(_ spec: String, _ arguments: [String] = [], _ environment: [String: String] = [:], directory: URL? = nil) throws -> CLIResult {
        try CLIRunner.run(["check", spec, "--offline", "--cache-dir", cache] + arguments,
                          environment: userFiles.merging(environment) { $1 }, directory: directory)
    }

    func testUserPipConfIndexIsUsedAndNamedInTheReport() throws {
        let conf = try write("[global]\nindex-url = \(nowhere)\n\n[install]\n# pip install reads this section over [global]\nindex-url = \(index)\n",
                             "home/.config/pip/pip.conf")
        let spec = try write("mirrored==1.0\n", "requirements.txt")
        let text = try check(spec)
        XCTAssertEqual(text.status, 0, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.contains("settings: pypi.index_url=\(index) (\(conf):6)"), text.stdout)
        let json = try check(spec, ["--format", "json"]).json()
        let settings = json["settings"] as? [String: [String: String]]
        XCTAssertEqual(settings?["pypi.index_url"]?["source"], "\(conf):6", "\(json)")
        // Without the file nothing is configured: no settings line, no settings object.
        try FileManager.default.removeItem(atPath: conf)
        let plain = try check(spec, ["--format", "json", "--index-url", index])
        XCTAssertNil(plain.json()["settings"], plain.stdout)
    }

    func testPipConfOverALoopbackServerAndPrecedence() throws {
        let server = try LoopbackHTTPServer.serving(directory: root)
        defer { server.stop() }
        let served = server.url("/simple")
        let conf = try write("[global]\nextra-index-url =\n    \(nowhere)\n    \(served)\n", "pip.conf")
        let spec = try write("mirrored==1.0\n", "requirements.txt")
        let run = { (arguments: [String], environment: [String: String]) in
            // The wheel is an empty file: availability only, no metadata to read.
            try CLIRunner.run(["check", spec, "--cache-dir", self.cache, "--format", "json", "--no-transitive", "--no-resolve"] + arguments,
                              environment: ["PIP_CONFIG_FILE": conf, "HOME": self.home.path].merging(environment) { $1 })
        }
        // An extra index from $PIP_CONFIG_FILE (a value continued on indented lines) finds it.
        let fromFile = try run(["--index-url", nowhere], [:])
        XCTAssertEqual(fromFile.status, 0, fromFile.stdout + fromFile.stderr)
        // The environment variable beats the file, as in pip; the flag beats both.
        let fromVariable = try run(["--index-url", nowhere], ["PIP_EXTRA_INDEX_URL": nowhere])
        XCTAssertEqual(fromVariable.status, 1, fromVariable.stdout + fromVariable.stderr)
        XCTAssertEqual((fromVariable.json()["settings"] as? [String: [String: String]])?["pypi.extra_index_urls"]?["source"], "PIP_EXTRA_INDEX_URL")
        let fromFlag = try run(["--index-url", nowhere, "--extra-index-url", served], ["PIP_EXTRA_INDEX_URL": nowhere])
        XCTAssertEqual(fromFlag.status, 0, fromFlag.stdout + fromFlag.stderr)
        XCTAssertNil(fromFlag.json()["settings"], "a flag's setting needs no explanation: \(fromFlag.stdout)")
        // PIP_INDEX_URL beats a pip.conf index-url.
        try write("[global]\nindex-url = \(served)\n", "pip.conf")
        XCTAssertEqual(try run([], [:]).status, 0)
        XCTAssertEqual(try run([], ["PIP_INDEX_URL": nowhere]).status, 1)
        // PIP_CONFIG_FILE=/dev/null turns pip's files off, as in pip.
        let off = try CLIRunner.run(["check", spec, "--offline", "--cache-dir", cache, "--format", "json"],
                                    environment: ["PIP_CONFIG_FILE": "/dev/null", "HOME": home.path])
        XCTAssertNil(off.json()["settings"], off.stdout)
    }

    func testMalformedPipConfIsAUsageErrorAtItsLine() throws {
        let spec = try write("mirrored==1.0\n", "requirements.txt")
        let cases = [
            ("[global]\nindex-url = \(index)\nthis line has no value\n", ":3:"),
            ("index-url = \(index)\n", ":1:"),
            ("[global]\nindex-url = \(index)\nindex-url = \(nowhere)\n", ":3:"),
            ("[global]\nindex-url = mirror.example/simple\n", ":2:"),
        ]
        for (text, place) in cases {
            let conf = try write(text, "home/.pip/pip.conf")
            let result = try check(spec)
            XCTAssertEqual(result.status, 2, text + result.stderr)
            XCTAssertTrue(result.stderr.contains(conf + place), "\(text): \(result.stderr)")
        }
    }

    func testCredentialsInAPipConfURLNeverAppear() throws {
        try write("[global]\nindex-url = https://builder:s3cr3t-t0ken@127.0.0.1:9/simple\n", "home/.config/pip/pip.conf")
        let spec = try write("mirrored==1.0\n", "requirements.txt")
        for format in ["text", "json", "sarif"] {
            let result = try check(spec, ["--format", format, "-v"])
            XCTAssertFalse((result.stdout + result.stderr).contains("s3cr3t"), format + result.stdout + result.stderr)
        }
        let text = try check(spec)
        XCTAssertTrue(text.stdout.contains("pypi.index_url=https://127.0.0.1:9/simple ("), text.stdout)
    }

    /// A channel of one subdir with one record per (name, version) given.
    func channel(_ name: String, _ records: [(String, String)]) throws -> String {
        var packages: [String] = []
        for (package, version) in records {
            packages.append("\"\(package)-\(version)-0.tar.bz2\": {\"name\": \"\(package)\", \"version\": \"\(version)\", \"build\": \"0\", \"build_number\": 0, \"depends\": [], \"subdir\": \"linux-64\"}")
        }
        try write("{\"info\": {\"subdir\": \"linux-64\"}, \"packages\": {\(packages.joined(separator: ", "))}}", "\(name)/linux-64/repodata.json")
        try write("{\"info\": {\"subdir\": \"noarch\"}, \"packages\": {}}", "\(name)/noarch/repodata.json")
        return "file://" + root.appendingPathComponent(name).path
    }

    func testCondarcChannelsServeAnEnvironmentWithoutChannelsAndNodefaultsDropsThem() throws {
        let mirror = try channel("mirror", [("tool", "1.0")])
        let empty = try channel("empty", [])
        let condarc = try write("channel_priority: strict\nchannels:\n  - \(mirror)\n", "home/.condarc")
        let bare = try write("name: e\ndependencies:\n  - tool=1.0\n", "bare/environment.yml")
        let used = try check(bare)
        XCTAssertEqual(used.status, 0, used.stdout + used.stderr)
        XCTAssertTrue(used.stdout.contains("conda.default_channels=\(mirror) (\(condarc):3)"), used.stdout)
        // As `conda env create`, the configured channels follow the file's own ...
        let own = try write("name: e\nchannels:\n  - \(empty)\ndependencies:\n  - tool=1.0\n", "own/environment.yml")
        let followed = try check(own)
        XCTAssertEqual(followed.status, 0, followed.stdout + followed.stderr)
        // ... unless it names nodefaults.
        let alone = try write("name: e\nchannels:\n  - \(empty)\n  - nodefaults\ndependencies:\n  - tool=1.0\n", "alone/environment.yml")
        let dropped = try check(alone)
        XCTAssertEqual(dropped.status, 1, dropped.stdout + dropped.stderr)
        // $CONDARC is read after ~/.condarc and wins.
        let other = try write("channels: [\(empty)]\n", "other.condarc")
        XCTAssertEqual(try check(bare, [], ["CONDARC": other]).status, 1)
    }

    func testCondarcChannelPriorityIsTheDefault() throws {
        let first = try channel("first", [("tool", "1.0")])
        let second = try channel("second", [("tool", "2.0")])
        let spec = try write("name: e\nchannels:\n  - \(first)\n  - \(second)\n  - nodefaults\ndependencies:\n  - tool>=2\n", "environment.yml")
        // Strict (preflight's default): tool comes from the first channel, which has no 2.x.
        XCTAssertEqual(try check(spec).status, 1)
        let condarc = try write("channel_priority: flexible\n", "home/.config/conda/.condarc")
        let flexible = try check(spec)
        XCTAssertEqual(flexible.status, 0, flexible.stdout + flexible.stderr)
        XCTAssertTrue(flexible.stdout.contains("conda.channel_priority=flexible (\(condarc):1)"), flexible.stdout)
        // The flag wins, and then the setting is not reported.
        let strict = try check(spec, ["--channel-priority", "strict"])
        XCTAssertEqual(strict.status, 1, strict.stdout)
        XCTAssertFalse(strict.stdout.contains("settings:"), strict.stdout)
    }

    func testPyprojectToolPreflightTargetsPickThePython() throws {
        let project = root.appendingPathComponent("project")
        try write("[project]\nname = \"demo\"\n\n[tool.preflight.targets]\npython = \"3.9\"\n\n[tool.preflight.pypi]\nindex_url = \"\(index)\"\n",
                  "project/pyproject.toml")
        let spec = try write("mirrored==1.0\n", "project/requirements.txt")
        let result = try check(spec, ["--format", "json"], directory: project)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let targets = (result.json()["specs"] as? [[String: Any]])?.first?["targets"] as? [[String: String]]
        XCTAssertEqual(targets?.first?["python"], "3.9", result.stdout)
        let settings = result.json()["settings"] as? [String: [String: String]]
        XCTAssertEqual(settings?["targets.python"]?["source"], "pyproject.toml:5", result.stdout)
        XCTAssertEqual(settings?["pypi.index_url"]?["source"], "pyproject.toml:8", result.stdout)
        // --config wins over the project's table; a pip.conf is below both.
        let config = try write("targets:\n  python: \"3.11\"\n", "config.yaml")
        try write("[global]\nindex-url = \(nowhere)\n", "home/.config/pip/pip.conf")
        let overridden = try check(spec, ["--format", "json", "--config", config], directory: project)
        XCTAssertEqual(overridden.status, 0, overridden.stdout + overridden.stderr)
        let python = ((overridden.json()["specs"] as? [[String: Any]])?.first?["targets"] as? [[String: String]])?.first?["python"]
        XCTAssertEqual(python, "3.11", overridden.stdout)
        // A bad value in the table is a usage error at its line.
        try write("[tool.preflight.targets]\npython = \"three\"\n", "project/pyproject.toml")
        let bad = try check(spec, [], directory: project)
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("pyproject.toml:2"), bad.stderr)
    }

    func testHelpStatesThePrecedence() throws {
        for command in [["check"], ["audit", "run"], ["exists"]] {
            let help = try CLIRunner.run(command + ["--help"])
            let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for name in ["pip.conf", ".condarc", "[tool.preflight]", "PIP_INDEX_URL", "--config FILE"] {
                XCTAssertTrue(flat.contains(name), "\(command) --help lacks \(name): \(help.stdout)")
            }
        }
    }
}
