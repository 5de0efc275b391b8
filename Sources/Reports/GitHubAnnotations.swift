import Checks
import Resolver

/// `preflight check --format github`: GitHub Actions workflow commands, one per finding, which
/// the runner turns into annotations on the file and line:
/// `::error file=PATH,line=L,col=C,title=CODE::message` (`::warning`, and `::notice` for info).
///
/// Values are escaped as the Actions runner unescapes them (`@actions/core`'s
/// `escapeProperty`/`escapeData`), so a hostile message or path cannot end the command early
/// or start another one. Lines are separated by newlines, with none after the last; a report
/// without findings is the empty string.
package enum GitHubAnnotations {
    /// One workflow command per finding, in report order. Paths are made repository-relative
    /// (`RepositoryPath`, with `root` the checkout): the runner attaches an annotation to a file
    /// of the diff only by that exact spelling.
    package static func lines(_ report: CheckReport, root: String? = nil) -> String {
        var lines = report.specs.flatMap { spec in
            spec.findings.flatMap(annotated).map { finding in
                var finding = finding
                finding.path = RepositoryPath.relative(finding.path, root: root)
                return command(finding, statesTarget: spec.targets.count > 1)
            }
        }
        // An outage's errors are not errors to fix: a notice on the run says how many of them
        // there are and how much is unknown, so the error count is not read as broken specs.
        if report.unreachableSources > 0 {
            lines.append("::notice title=preflight::" + escapeData(report.summaryLine.escapingControlCharacters(keepingNewlines: false)))
        }
        return lines.joined(separator: "\n")
    }

    /// A conflict is annotated on every spec line it involves, so each shows in the diff view.
    static func annotated(_ f: Finding) -> [Finding] {
        var out = [f]
        for place in f.related where place.path != f.path || place.line != f.line || place.column != f.column {
            var copy = f
            copy.path = place.path
            copy.line = place.line
            copy.column = place.column
            copy.requirement = place.requirement
            copy.related = []
            out.append(copy)
        }
        return out
    }

    static func command(_ f: Finding, statesTarget: Bool) -> String {
        let name: String
        switch f.severity {
        case .error: name = "error"
        case .warning: name = "warning"
        case .info: name = "notice"
        }
        // Control characters are made visible before the command escaping: the runner prints
        // the message into the log, where an escape sequence would recolour it.
        var properties = [("file", f.path.escapingControlCharacters(keepingNewlines: false))]
        if let line = f.line {
            properties.append(("line", String(line)))
            if let column = f.column { properties.append(("col", String(column))) }
        }
        properties.append(("title", f.code.rawValue))

        var message = f.message
        if !f.chain.isEmpty { message += "\nvia: " + f.chain.joined(separator: " → ") }
        if statesTarget, let targets = f.targetsText { message += "\nfor: " + targets }
        if !f.suggestions.isEmpty { message += "\ntry: " + f.suggestions.joined(separator: ", ") }

        message = message.escapingControlCharacters(keepingNewlines: true)
        return "::\(name) " + properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
            + "::" + escapeData(message)
    }

    /// A command's message: `%`, CR and LF are percent-encoded.
    package static func escapeData(_ s: String) -> String {
        escape(s, also: [:])
    }

    /// A command property value: as data, and `:` and `,` too, which delimit properties.
    package static func escapeProperty(_ s: String) -> String {
        escape(s, also: [":": "%3A", ",": "%2C"])
    }

    private static func escape(_ s: String, also extra: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if let replacement = extra[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
