import Checks
import Reports
import Resolver
import XCTest

final class GitHubAnnotationsTests: XCTestCase {
    func testOneCommandPerFinding() {
        XCTAssertEqual(GitHubAnnotations.lines(CheckReportFixtures.report), """
        ::error file=env/conda.yaml,line=9,col=7,title=dependency-not-found::bad-package has no version 0.0 on PyPI%0Avia: good-package==1.0 → bad-package==0.0
        ::warning file=env/conda.yaml,line=4,col=3,title=pip-not-listed::the environment has a pip: section but does not list pip
        ::notice file=env/conda.yaml,line=6,title=pip-unpinned::pip is not pinned
        ::error file=reqs/base.txt,line=3,col=1,title=version-not-found::numpy has no version 1.99%0Afor: py3.11 osx-arm64 macos 11.0 cuda 12.1%0Atry: numpy==1.24.4, numpy==1.26.4
        ::warning file=reqs/requirements.txt,title=sdist-only::only a source distribution fits%0Avia: awesome-lib==2.0 → pyyaml==5.4.1%0Afor: py3.8 linux-64 glibc 2.28
        """)
    }

    func testNoFindingsIsNoOutput() {
        XCTAssertEqual(GitHubAnnotations.lines(CheckReport(specs: [SpecReport(path: "a", kind: "requirements", targets: [], findings: [])])), "")
    }

    func testEscapingAsTheRunnerUnescapes() {
        XCTAssertEqual(GitHubAnnotations.escapeData("100% a,b:c\r\nd"), "100%25 a,b:c%0D%0Ad")
        XCTAssertEqual(GitHubAnnotations.escapeProperty("100% a,b:c\r\nd"), "100%25 a%2Cb%3Ac%0D%0Ad")
        XCTAssertEqual(GitHubAnnotations.escapeProperty("%2C"), "%252C", "an existing escape is not let through")
    }

    func testHostileTextStaysInsideOneCommand() {
        let output = GitHubAnnotations.lines(CheckReportFixtures.hostile)
        XCTAssertEqual(output, """
        ::error file=we ird/a%2Cb%3Ac%2525"<&>'é.txt,line=2,col=5,title=package-not-found::say "hi", <b>&amp; 100%25 done: yes%0Aline two\\r%0A::error::forged\\u{1B}[31m naïve ✓ 𝄞%0Avia: a,b:c → x<y>&"z"==1,2%0Atry: 100%25, a,b
        ::warning file=inc/\\u{202E}txt.exe,line=1,col=1,title=yanked::tab\there\\u{0}nul
        """)
        let lines = output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
        XCTAssertFalse(output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })

        // What the runner would read back: the property values and the message as written.
        let command = String(lines[0])
        let propertiesEnd = command.range(of: "::", range: command.index(command.startIndex, offsetBy: 2)..<command.endIndex)!
        let properties = command[command.index(command.startIndex, offsetBy: "::error ".count)..<propertiesEnd.lowerBound]
            .split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map { unescape(String($0)) } }
        XCTAssertEqual(properties.map { $0[0] }, ["file", "line", "col", "title"])
        XCTAssertEqual(properties[0][1], CheckReportFixtures.hostilePath)
        let message = unescape(String(command[propertiesEnd.upperBound...]))
        XCTAssertTrue(message.hasPrefix("say \"hi\", <b>&amp; 100% done: yes\nline two\\r\n::error::forged"), message)
    }

    /// The Actions runner's unescaping, for the round trip.
    private func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",")
            .replacingOccurrences(of: "%25", with: "%")
    }
}
