import Checks
import Resolver

/// Hand-built `check` reports that every format's tests render.
enum CheckReportFixtures {
    static let linux38 = Target(python: "3.8", platform: "linux-64", glibc: "2.28")
    static let macGPU311 = Target(python: "3.11", platform: "osx-arm64", glibc: "2.28", macos: "11.0", cuda: "12.1")
    static let windows312 = Target(python: "3.12", platform: "win-64")

    /// Three specs: a conda environment with an error, a warning and an info; a requirements
    /// file checked for a target matrix, with a finding in a `-r` include and one without a
    /// line; a clean pyproject.
    static let report = CheckReport(specs: [
        SpecReport(path: "env/conda.yaml", kind: "conda-environment", targets: [linux38], findings: [
            Finding(severity: .error, code: .dependencyNotFound, source: "pypi", package: "bad-package",
                    requirement: "bad-package==0.0", path: "env/conda.yaml", line: 9, column: 7, target: linux38,
                    via: ["good-package==1.0"], message: "bad-package has no version 0.0 on PyPI"),
            Finding(severity: .warning, code: .pipNotListed, path: "env/conda.yaml", line: 4, column: 3,
                    message: "the environment has a pip: section but does not list pip"),
            Finding(severity: .info, code: .pipUnpinned, source: "conda", package: "pip", requirement: "pip",
                    path: "env/conda.yaml", line: 6, message: "pip is not pinned"),
        ]),
        SpecReport(path: "reqs/requirements.txt", kind: "requirements", targets: [linux38, macGPU311], findings: [
            Finding(severity: .error, code: .versionNotFound, source: "pypi", package: "numpy",
                    requirement: "numpy==1.99", path: "reqs/base.txt", line: 3, column: 1, target: macGPU311,
                    message: "numpy has no version 1.99", suggestions: ["numpy==1.24.4", "numpy==1.26.4"]),
            Finding(severity: .warning, code: .sdistOnly, source: "pypi", package: "pyyaml",
                    requirement: "pyyaml==5.4.1", path: "reqs/requirements.txt", target: linux38,
                    via: ["awesome-lib==2.0", "pyyaml==5.4.1"], message: "only a source distribution fits"),
        ]),
        SpecReport(path: "clean/pyproject.toml", kind: "pyproject", targets: [windows312], findings: []),
    ])

    /// Text a hostile spec or index could put in a report.
    static let hostileMessage = "say \"hi\", <b>&amp; 100% done: yes\nline two\r\n::error::forged\u{1B}[31m naïve ✓ 𝄞"
    static let hostilePath = "we ird/a,b:c%25\"<&>'é.txt"

    static let hostile = CheckReport(specs: [
        SpecReport(path: hostilePath, kind: "requirements", targets: [linux38], findings: [
            Finding(severity: .error, code: .packageNotFound, source: "pypi", package: "x<y>&\"z\"",
                    requirement: "x<y>&\"z\"==1,2", path: hostilePath, line: 2, column: 5, target: linux38,
                    via: ["a,b:c", "x<y>&\"z\"==1,2"], message: hostileMessage, suggestions: ["100%", "a,b"]),
            Finding(severity: .warning, code: .yanked, source: "pypi", package: "ok", requirement: "ok==1",
                    path: "inc/\u{202E}txt.exe", line: 1, column: 1, target: linux38, message: "tab\there\u{0}nul"),
        ]),
    ])
}
