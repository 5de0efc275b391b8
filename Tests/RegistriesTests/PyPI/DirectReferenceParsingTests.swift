import Checks
import Foundation
import PythonPackaging
import Registries
import Resolver
import Specs
import XCTest

/// `DirectReference`: what a URL or path requirement's text says before anything is fetched.
final class DirectReferenceParsingTests: XCTestCase {
    /// As the spec readers classify it: the location is the URL after `@`, or the line's first word.
    func reference(_ text: String) -> DirectReference? {
        let words = text.split(separator: " ").map(String.init)
        let location = words.count > 2 && words[1] == "@" ? words[2] : words[0]
        let reference: Reference?
        if location.hasPrefix("git+") {
            reference = .vcs(location)
        } else if location.hasPrefix("file:") || location.hasPrefix("/") || location.hasPrefix(".") {
            reference = .localPath(location)
        } else {
            reference = .url(location)
        }
        return DirectReference(SpecRequirement(ecosystem: .pip, text: text, position: SourcePosition(path: "r.txt", line: 1, column: 1),
                                               reference: reference))
    }

    func testBareURLWithMarker() throws {
        let r = try XCTUnwrap(reference("https://download.pytorch.org/whl/cpu/torch-1.1.0-cp36-cp36m-linux_x86_64.whl ; sys_platform == \"linux\""))
        XCTAssertEqual(r.filename, "torch-1.1.0-cp36-cp36m-linux_x86_64.whl")
        XCTAssertEqual(r.project, "torch")
        XCTAssertNil(r.name)
        XCTAssertNotNil(r.marker)
        XCTAssertTrue(r.isRemote)
        XCTAssertEqual(r.tagTriple, "cp36-cp36m-linux_x86_64")
        let py38 = Target(python: "3.8", platform: "linux-64", glibc: "2.28")
        let session = CheckSession()
        XCTAssertEqual(r.unsupportedWheelReason(on: py38, session: session), "it is built for cp36-cp36m and the target runs CPython 3.8")
        XCTAssertNil(r.unsupportedWheelReason(on: Target(python: "3.6", platform: "linux-64", glibc: "2.28"), session: session))
        let mac = Target(python: "3.6", platform: "osx-64", macos: "11.0")
        XCTAssertEqual(r.unsupportedWheelReason(on: mac, session: session), "it is built for the platform linux_x86_64, not osx-64 (macOS 11.0)")
    }

    func testNamedURLWithFragmentAndEncoding() throws {
        let r = try XCTUnwrap(reference("numpy @ https://files.example/p/numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl#sha256=abc"))
        XCTAssertEqual(r.name, "numpy")
        XCTAssertEqual(r.filename, "numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
        let encoded = try XCTUnwrap(reference("https://h/x/pkg%2Dname-1.0.tar.gz?download=1"))
        XCTAssertEqual(encoded.filename, "pkg-name-1.0.tar.gz")
        guard case .sdist = encoded.archive else { return XCTFail("\(encoded.archive)") }
    }

    func testLocalPaths() throws {
        XCTAssertEqual(reference("file:///wheels/x-1.0-py3-none-any.whl")?.absolutePath, "/wheels/x-1.0-py3-none-any.whl")
        XCTAssertEqual(reference("file://localhost/w/a%20b-1.0-py3-none-any.whl")?.absolutePath, "/w/a b-1.0-py3-none-any.whl")
        XCTAssertEqual(reference("/wheels/x-1.0-py3-none-any.whl[extra]")?.filename, "x-1.0-py3-none-any.whl")
        XCTAssertNil(reference("./dist/x-1.0-py3-none-any.whl")?.absolutePath, "relative to where pip runs")
        XCTAssertNil(reference("file://otherhost/x.whl")?.absolutePath)
        guard case .other? = reference("./pkg")?.archive else { return XCTFail("a directory") }
    }

    /// A checkout's name comes from `name @` or `#egg=`; nothing else of it is known before it is cloned.
    func testCheckouts() throws {
        let egg = try XCTUnwrap(reference("git+https://github.com/org/My_Repo@v1#egg=My_Repo&subdirectory=src"))
        guard case .checkout("git") = egg.archive else { return XCTFail("\(egg.archive)") }
        XCTAssertEqual(egg.project, "my-repo")
        XCTAssertFalse(egg.isRemote, "not probed: pip clones it with git, not HTTP")
        XCTAssertNil(egg.absolutePath)
        XCTAssertNil(try XCTUnwrap(reference("git+https://github.com/huggingface/transformers")).project)
        XCTAssertEqual(reference("transformers @ git+https://github.com/huggingface/transformers")?.project, "transformers")
    }

    func testInvalidWheelName() throws {
        guard case .invalidWheel(let message)? = reference("https://h/not-a-wheel.whl")?.archive else { return XCTFail() }
        XCTAssertTrue(message.contains("Invalid wheel filename"), message)
    }
}
