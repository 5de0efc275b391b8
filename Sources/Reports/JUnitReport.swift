import Checks
import Resolver

/// `preflight check --format junit`: JUnit XML for CI test dashboards.
///
/// One `<testsuite>` per spec (named by its path, with its kind and targets as properties) and
/// one `<testcase>` per finding: an error is a `<failure>` (message, `type` = the finding code,
/// the location, chain and suggestions as its text), except an unreachable source, an `<error>`
/// (no verdict, not a failed one); a warning or info is a passing testcase
/// whose `<system-out>` says what was found. A spec without findings is one passing testcase.
/// Text is escaped for XML 1.0; characters XML cannot carry at all (most C0 controls) are
/// written as visible `\u{…}` escapes. With a `JUnitTiming`, `<testsuites>` and each
/// `<testsuite>` carry `time` and `timestamp`.
package enum JUnitReport {
    /// The testcase of a spec without findings.
    package static let passingCaseName = "no problems found"

    /// The whole XML document, ending with a newline.
    package static func xml(_ report: CheckReport, timing: JUnitTiming? = nil) -> String {
        let suiteTiming = timing.map { ($0.timestamp, JUnitTiming.formatted($0.suiteSeconds(suites: report.specs.count))) }
        let suites = report.specs.map { suite($0, timing: suiteTiming) }
        let tests = report.specs.reduce(0) { $0 + max($1.findings.count, 1) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"preflight check\" tests=\"\(tests)\" failures=\"\(report.errors - report.unreachableSources)\" errors=\"\(report.unreachableSources)\""
        if let timing { out += " time=\"\(JUnitTiming.formatted(timing.seconds))\" timestamp=\"\(timing.timestamp)\"" }
        out += ">\n"
        out += suites.joined()
        out += "</testsuites>\n"
        return out
    }

    static func suite(_ spec: SpecReport, timing: (timestamp: String, time: String)? = nil) -> String {
        let unknown = spec.findings.filter { $0.code == .sourceUnreachable }.count
        let failures = spec.findings.filter { $0.severity == .error }.count - unknown
        var out = "  <testsuite name=\"\(attribute(spec.path))\" tests=\"\(max(spec.findings.count, 1))\""
            + " failures=\"\(failures)\" errors=\"\(unknown)\" skipped=\"0\""
        if let timing { out += " time=\"\(timing.time)\" timestamp=\"\(timing.timestamp)\"" }
        out += ">\n"
        out += "    <properties>\n"
        out += "      <property name=\"kind\" value=\"\(attribute(spec.kind))\"/>\n"
        for target in spec.targets {
            out += "      <property name=\"target\" value=\"\(attribute(target.description))\"/>\n"
        }
        out += "    </properties>\n"
        if spec.findings.isEmpty {
            out += "    <testcase name=\"\(passingCaseName)\" classname=\"\(attribute(spec.path))\"/>\n"
        }
        for finding in spec.findings {
            out += testcase(finding, suite: spec.path, statesTarget: spec.targets.count > 1)
        }
        out += "  </testsuite>\n"
        return out
    }

    static func testcase(_ f: Finding, suite: String, statesTarget: Bool) -> String {
        var name = "\(f.code.rawValue): \(f.subject ?? f.location)"
        if statesTarget, let targets = f.targetsText { name += " [\(targets)]" }
        var out = "    <testcase name=\"\(attribute(name))\" classname=\"\(attribute(suite))\">\n"
        let details = body(f, statesTarget: statesTarget)
        switch f.severity {
        case .error where f.code == .sourceUnreachable:
            // JUnit's `error`: the test could not run to a verdict, which is what an unreachable source means.
            out += "      <error message=\"\(attribute(f.message))\" type=\"\(attribute(f.code.rawValue))\">"
                + text(details) + "</error>\n"
        case .error:
            out += "      <failure message=\"\(attribute(f.message))\" type=\"\(attribute(f.code.rawValue))\">"
                + text(details) + "</failure>\n"
        case .warning, .info:
            out += "      <system-out>" + text(details) + "</system-out>\n"
        }
        out += "    </testcase>\n"
        return out
    }

    /// The same lines the text report prints for the finding, without colour.
    static func body(_ f: Finding, statesTarget: Bool) -> String {
        var lines = ["\(f.location): \(f.severity.rawValue)[\(f.code.rawValue)]: \(f.message)"]
        if !f.chain.isEmpty { lines.append("via: " + f.chain.joined(separator: " → ")) }
        if statesTarget, let targets = f.targetsText { lines.append("for: " + targets) }
        if !f.suggestions.isEmpty { lines.append("try: " + f.suggestions.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    /// Character data: `&`, `<`, `>` as entities, CR as a reference so parsers keep it.
    static func text(_ s: String) -> String { escape(s, inAttribute: false) }

    /// An attribute value in double quotes: also `"` and `'`, and tab, LF and CR as character
    /// references, which attribute-value normalisation would otherwise turn into spaces.
    static func attribute(_ s: String) -> String { escape(s, inAttribute: true) }

    private static func escape(_ s: String, inAttribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "'" where inAttribute: out += "&apos;"
            case "\r": out += "&#13;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if isXMLCharacter(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            }
        }
        return out
    }

    /// XML 1.0's `Char` production (surrogates cannot occur in a Swift scalar).
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
