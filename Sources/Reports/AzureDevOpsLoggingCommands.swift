import Checks
import Foundation
import Resolver

/// `preflight check --format azure` (or `ado`): Azure Pipelines logging commands, one per
/// finding, which the agent turns into issues on the run's summary and, for a pull request
/// build, on the file and line:
/// `##vso[task.logissue type=error;sourcepath=PATH;linenumber=L;columnnumber=C;code=CODE]message`.
///
/// Azure has no informational issue type: an info finding is a plain log line
/// (`info: PATH:L:C: [CODE] message`), with what could make the agent read it as a command
/// made inert. Values are escaped as the agent unescapes them (its `CommandStringConvertor`:
/// `%` as `%AZP25`, `;`, `]`, CR, LF as `%3B`, `%5D`, `%0D`, `%0A`), so a hostile message or
/// path cannot end the command early or start another one. Lines are separated by newlines,
/// with none after the last; a report without findings is the empty string.
package enum AzureDevOpsLoggingCommands {
    /// One command per finding, in report order; a conflict once per spec line it involves, as
    /// the GitHub annotations do. Paths are made repository-relative (`RepositoryPath`).
    package static func lines(_ report: CheckReport, root: String? = nil) -> String {
        var lines = report.specs.flatMap { spec in
            spec.findings.flatMap(GitHubAnnotations.annotated).map { finding in
                var finding = finding
                finding.path = RepositoryPath.relative(finding.path, root: root)
                return command(finding, statesTarget: spec.targets.count > 1)
            }
        }
        // As the GitHub notice: the counts with the unreachable sources apart, as a log line.
        if report.unreachableSources > 0 {
            lines.append(defused("summary: " + report.summaryLine.escapingControlCharacters(keepingNewlines: false)))
        }
        return lines.joined(separator: "\n")
    }

    static func command(_ f: Finding, statesTarget: Bool) -> String {
        var message = f.message
        if !f.chain.isEmpty { message += "\nvia: " + f.chain.joined(separator: " → ") }
        if statesTarget, let targets = f.targetsText { message += "\nfor: " + targets }
        if !f.suggestions.isEmpty { message += "\ntry: " + f.suggestions.joined(separator: ", ") }
        // Control characters are made visible first: the agent prints the message into the
        // log, where an escape sequence would recolour it.
        message = message.escapingControlCharacters(keepingNewlines: true)
        let path = f.path.escapingControlCharacters(keepingNewlines: false)

        let type: String
        switch f.severity {
        case .error: type = "error"
        case .warning: type = "warning"
        case .info:
            var shown = f
            shown.path = path
            return defused("info: \(shown.location): [\(f.code.rawValue)] " + escapeData(message))
        }
        var properties = [("type", type), ("sourcepath", path)]
        if let line = f.line {
            properties.append(("linenumber", String(line)))
            if let column = f.column { properties.append(("columnnumber", String(column))) }
        }
        properties.append(("code", f.code.rawValue))
        return "##vso[task.logissue " + properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ";")
            + "]" + escapeData(message)
    }

    /// A command's message: `%`, CR and LF are escaped (the agent reads the message up to the
    /// end of the line).
    package static func escapeData(_ s: String) -> String {
        escape(s, also: [:])
    }

    /// A property value: as data, and `;` and `]` too, which end a property and the properties.
    package static func escapeProperty(_ s: String) -> String {
        escape(s, also: [";": "%3B", "]": "%5D"])
    }

    /// A plain line is scanned for `##vso[` anywhere in it: the bracket is escaped there, which
    /// the agent does not unescape outside a command, so the text shows but does nothing.
    static func defused(_ line: String) -> String {
        line.replacingOccurrences(of: "##vso[", with: "##vso%5B").replacingOccurrences(of: "##[", with: "##%5B")
    }

    private static func escape(_ s: String, also extra: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%AZP25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if let replacement = extra[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
