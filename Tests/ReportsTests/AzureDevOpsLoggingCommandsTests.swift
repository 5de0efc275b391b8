import Checks
import Reports
import Resolver
import XCTest

final class AzureDevOpsLoggingCommandsTests: XCTestCase {
    func testOneLogIssuePerFinding() {
        XCTAssertEqual(AzureDevOpsLoggingCommands.lines(CheckReportFixtures.report), """
        ##vso[task.logissue type=error;sourcepath=env/conda.yaml;linenumber=9;columnnumber=7;code=dependency-not-found]bad-package has no version 0.0 on PyPI%0Avia: good-package==1.0 → bad-package==0.0
        ##vso[task.logissue type=warning;sourcepath=env/conda.yaml;linenumber=4;columnnumber=3;code=pip-not-listed]the environment has a pip: section but does not list pip
        info: env/conda.yaml:6: [pip-unpinned] pip is not pinned
        ##vso[task.logissue type=error;sourcepath=reqs/base.txt;linenumber=3;columnnumber=1;code=version-not-found]numpy has no version 1.99%0Afor: py3.11 osx-arm64 macos 11.0 cuda 12.1%0Atry: numpy==1.24.4, numpy==1.26.4
        ##vso[task.logissue type=warning;sourcepath=reqs/requirements.txt;code=sdist-only]only a source distribution fits%0Avia: awesome-lib==2.0 → pyyaml==5.4.1%0Afor: py3.8 linux-64 glibc 2.28
        """)
        XCTAssertEqual(AzureDevOpsLoggingCommands.lines(CheckReport(specs: [])), "")
    }

    func testEscapingAsTheAgentUnescapes() {
        XCTAssertEqual(AzureDevOpsLoggingCommands.escapeData("100% a;b]c\r\nd"), "100%AZP25 a;b]c%0D%0Ad")
        XCTAssertEqual(AzureDevOpsLoggingCommands.escapeProperty("100% a;b]c\r\nd"), "100%AZP25 a%3Bb%5Dc%0D%0Ad")
        XCTAssertEqual(AzureDevOpsLoggingCommands.escapeProperty("%3B"), "%AZP253B", "an existing escape is not let through")
    }

    func testHostileTextStaysInsideOneCommand() {
        let report = CheckReport(specs: [SpecReport(path: "a;b].txt", kind: "requirements", targets: [CheckReportFixtures.linux38], findings: [
            Finding(severity: .error, code: .packageNotFound, path: "./a;b].txt", line: 2, column: 5,
                    message: "x]y;z 50%\n##vso[task.setvariable variable=X]1\u{1B}[31m"),
            Finding(severity: .info, code: .pipUnpinned, path: "##vso[task.complete result=Failed]", line: 1,
                    message: "##[error]forged\r\nline"),
        ])])
        let lines = AzureDevOpsLoggingCommands.lines(report).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines, [
            #"##vso[task.logissue type=error;sourcepath=a%3Bb%5D.txt;linenumber=2;columnnumber=5;code=package-not-found]x]y;z 50%AZP25%0A##vso[task.setvariable variable=X]1\u{1B}[31m"#,
            #"info: ##vso%5Btask.complete result=Failed]:1: [pip-unpinned] ##%5Berror]forged\r%0Aline"#,
        ])
    }
}
