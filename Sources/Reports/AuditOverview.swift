import Checks
import Foundation
import Audit
import Resolver

/// Where a report links to: the spec line in the repository (`--repo-url`) and each
/// package's project page. No links to the repository without `--repo-url`.
package struct AuditLinks: Sendable, Equatable {
    /// `https://github.com/org/repo` (then `URL/blob/HEAD/PATH#L12`), or a template with
    /// `{path}` and `{line}` (`https://gitlab.example/g/r/-/blob/main/{path}#L{line}`).
    package var repoURL: String?
    /// The repository's root directory (absolute) that spec paths are taken relative to for
    /// repository links; specs outside it get no link. Nil: `workingDirectory`.
    package var repoRoot: String?
    /// The directory relative spec paths are relative to (absolute); nil: paths are taken as
    /// relative to the repository root as they are.
    package var workingDirectory: String?

    package init(repoURL: String? = nil, repoRoot: String? = nil, workingDirectory: String? = nil) {
        self.repoURL = repoURL
        self.repoRoot = repoRoot
        self.workingDirectory = workingDirectory
    }

    /// Whether `url` can be used as `--repo-url`: an http(s) URL.
    package static func isValidRepoURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    }

    /// The link to `path` (line `line`) in the repository, or nil.
    package func repository(path: String, line: Int?) -> String? {
        guard let repoURL, Self.isValidRepoURL(repoURL) else { return nil }
        func parts(_ p: String) -> [Substring] { p.split(separator: "/").filter { $0 != "." } }
        var full = parts(path)
        if !path.hasPrefix("/"), let workingDirectory { full = parts(workingDirectory) + full }
        if path.hasPrefix("/") || workingDirectory != nil {
            guard let root = repoRoot ?? workingDirectory else { return nil }
            let base = parts(root)
            guard full.count > base.count, Array(full.prefix(base.count)) == base else { return nil }
            full.removeFirst(base.count)
        }
        let parts = full
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        let encoded = parts.map { $0.addingPercentEncoding(withAllowedCharacters: Self.componentAllowed) ?? String($0) }.joined(separator: "/")
        if repoURL.contains("{path}") {
            return repoURL.replacingOccurrences(of: "{path}", with: encoded)
                .replacingOccurrences(of: "{line}", with: line.map(String.init) ?? "1")
        }
        var base = repoURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/blob/HEAD/" + encoded + (line.map { "#L\($0)" } ?? "")
    }

    static let componentAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~+@")
        return set
    }()

    /// A package's page: PyPI's project page, or the conda channel's page on anaconda.org
    /// (a search there when the channel is unknown or not an anaconda.org channel).
    package static func package(_ name: String, source: String?, channel: String? = nil) -> String? {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else { return nil }
        switch source {
        case "pypi": return "https://pypi.org/project/\(name)/"
        case "conda":
            if let channel, !channel.isEmpty, channel.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                return "https://anaconda.org/\(channel)/\(name)"
            }
            return "https://anaconda.org/search?q=\(name)"
        default: return nil
        }
    }
}

/// The views of an audit that lead the report: what breaks, by cause and package, and what
/// is unknown rather than wrong.
enum AuditOverview {
    /// One cause: a finding code and the package it is about, across specs.
    struct Cause {
        var severity: Finding.Severity
        var code: FindingCode
        var package: String
        var source: String?
        /// Indices into the report's specs, in report order, each once.
        var specs: [Int] = []
        var findings = 0
        var new = 0
        var targets: [String] = []
        var message: String
    }

    /// Errors and warnings grouped by (severity, code, package), the unknowns left out; the
    /// causes that break the most specs first.
    static func causes(_ run: AuditRun) -> [Cause] {
        var order: [String] = []
        var byKey: [String: Cause] = [:]
        for (i, spec) in run.report.specs.enumerated() {
            for (j, finding) in spec.findings.enumerated() where finding.severity != .info && !finding.isUnknownVerdict {
                let package = finding.package ?? ""
                let key = "\(finding.severity.rawValue)\u{0}\(finding.code.rawValue)\u{0}\(package.lowercased())"
                var cause = byKey[key] ?? Cause(severity: finding.severity, code: finding.code, package: package,
                                                source: finding.source, message: finding.message)
                if byKey[key] == nil { order.append(key) }
                if cause.specs.last != i { cause.specs.append(i) }
                cause.findings += 1
                if isNew(run, i, j) { cause.new += 1 }
                let target = AuditPresentation.target(finding)
                if !cause.targets.contains(target) { cause.targets.append(target) }
                byKey[key] = cause
            }
        }
        return order.compactMap { byKey[$0] }.sorted { a, b in
            if a.severity != b.severity { return a.severity < b.severity }
            if a.specs.count != b.specs.count { return a.specs.count > b.specs.count }
            if (a.new > 0) != (b.new > 0) { return a.new > 0 }
            return a.package.lowercased() < b.package.lowercased()
        }
    }

    static func isNew(_ run: AuditRun, _ i: Int, _ j: Int) -> Bool {
        guard run.previousGenerated != nil else { return true }
        return i < run.findingHistory.count && j < run.findingHistory[i].count ? run.findingHistory[i][j].isNew : true
    }

    /// A resolution whose outcome is unknown, or a finding that says so.
    struct Unknown {
        var spec: Int
        var target: String
        var finding: Finding?
    }

    static func unknowns(_ run: AuditRun) -> [Unknown] {
        var out: [Unknown] = []
        for (i, spec) in run.report.specs.enumerated() {
            for finding in spec.findings where finding.isUnknownVerdict {
                out.append(Unknown(spec: i, target: AuditPresentation.target(finding), finding: finding))
            }
            for entry in spec.resolution where entry.status == .unknown {
                let target = entry.target.description
                if !out.contains(where: { $0.spec == i && $0.target == target && $0.finding != nil }) {
                    out.append(Unknown(spec: i, target: target, finding: nil))
                }
            }
        }
        return out
    }

    /// The conda channel a spec's resolution took `name` from, if any.
    static func channel(of name: String, in spec: SpecReport) -> String? {
        for entry in spec.resolution {
            if let package = entry.packages.first(where: { $0.source == "conda" && $0.name == name }) { return package.channel }
        }
        return nil
    }
}
