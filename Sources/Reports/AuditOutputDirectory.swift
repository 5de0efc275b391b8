import Foundation
import Audit
import Resolver

/// An audit's output directory: `report.json`, `report.md`, `report.html` and `history.json`.
package struct AuditOutputDirectory: Sendable {
    package static let reportJSON = "report.json"
    package static let reportMarkdown = "report.md"
    package static let reportHTML = "report.html"
    package static let historyJSON = "history.json"

    package var path: String
    package init(path: String) { self.path = path }

    package func file(_ name: String) -> String {
        URL(fileURLWithPath: path).appendingPathComponent(name).path
    }

    /// The run recorded here and its history. A directory without `history.json` (written by a
    /// plain `check --format json > report.json`, or an older audit) gets a history of one run.
    package func read(fallbackGenerated: String) throws(AuditReportReader.Malformed) -> (AuditRun, AuditHistory) {
        let reportPath = file(Self.reportJSON)
        guard FileManager.default.fileExists(atPath: reportPath) else {
            throw AuditReportReader.Malformed(path: reportPath, reason: "no such file (is \(path) an audit's output directory?)")
        }
        let run = try AuditReportReader.run(fromFile: reportPath, fallbackGenerated: fallbackGenerated)
        var history = try AuditReportReader.history(fromFile: file(Self.historyJSON))
        if history.entries.isEmpty { history = history.appending(.init(run: run)) }
        return (run, history)
    }

    /// Writes the four files (each atomically), creating the directory. `history` should
    /// already include this run.
    package func write(_ run: AuditRun, history: AuditHistory, title: String, links: AuditLinks = AuditLinks()) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let files: [(String, String)] = [
            (Self.reportJSON, AuditJSONReport.json(run).rendered() + "\n"),
            (Self.historyJSON, AuditJSONReport.historyJSON(history).rendered() + "\n"),
            (Self.reportMarkdown, AuditMarkdownReport.markdown(run, history: history.wholeAudits, title: title)),
            (Self.reportHTML, AuditHTMLReport.html(run, history: history.wholeAudits, title: title, links: links)),
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)), options: .atomic)
        }
    }
}
