import Checks
import Resolver

// Small pieces every `check` output format states the same way, so that the text report,
// the annotations and the JUnit file never disagree about where a finding is or how it came about.

extension Finding {
    /// `path:line:column`, `path:line` or `path`: the compiler form editors and terminals link.
    var location: String {
        guard let line else { return path }
        guard let column else { return "\(path):\(line)" }
        return "\(path):\(line):\(column)"
    }

    /// What the finding is about: the requirement as written, else the package, else nil.
    var subject: String? { requirement ?? package }

    /// The dependency chain from the top-level requirement down to the failing one, or empty
    /// when the finding is about a top-level requirement (its `via` is empty).
    var chain: [String] {
        guard !via.isEmpty else { return [] }
        guard let subject, via.last != subject else { return via }
        return via + [subject]
    }

    /// The targets it holds for as people read them: `py3.8 linux-64, py3.10 linux-64` for a
    /// finding merged over a target matrix, else its one target; nil for one about the file.
    var targetsText: String? {
        guard !targets.isEmpty else { return target?.description }
        return targets.map(\.description).joined(separator: ", ")
    }
}

extension Finding.Severity {
    /// The SARIF `level` (and GitHub annotation command) for the severity: info is a note.
    var noteLevel: String {
        switch self {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }
}

extension CheckReport {
    /// Findings of severity info over all specs (the JSON summary counts only errors and warnings).
    var infos: Int { specs.reduce(0) { $0 + $1.findings.filter { $0.severity == .info }.count } }

    /// `2 errors, 1 warning in 3 specs` (`, 1 info` is added before ` in` when there are infos).
    /// An unreachable source is an unknown, not an error to fix, so it is counted apart:
    /// `1 error, 1 unreachable source (14 packages left unknown), 3 warnings in 2 specs`.
    var summaryLine: String {
        var counts = [Self.counted(errors - unreachableSources, "error")]
        if let unreachable = unreachablePhrase { counts.append(unreachable) }
        counts.append(Self.counted(warnings, "warning"))
        if infos > 0 { counts.append("\(infos) info") }
        return counts.joined(separator: ", ") + " in " + Self.counted(specs.count, "spec")
    }

    /// `1 unreachable source (14 packages left unknown)`; nil when every source answered.
    package var unreachablePhrase: String? {
        guard unreachableSources > 0 else { return nil }
        let phrase = Self.counted(unreachableSources, "unreachable source")
        return packagesLeftUnknown > 0 ? phrase + " (\(Self.counted(packagesLeftUnknown, "package")) left unknown)" : phrase
    }

    /// The packages whose verdict an unreachable source left unknown, each once per spec.
    package var packagesLeftUnknown: Int {
        specs.reduce(0) { total, spec in
            total + Set(spec.findings.filter { $0.code == .sourceUnreachable }.flatMap(\.unknownPackages)).count
        }
    }

    static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension SpecReport {
    /// The targets the spec was checked for, as people read them: `py3.8 linux-64 glibc 2.28`.
    var targetsDescription: String {
        targets.isEmpty ? "no target" : targets.map(\.description).joined(separator: "; ")
    }
}

extension String {
    /// Escapes, as visible `\u{…}` (and `\r`, `\n`), what a terminal or a log viewer would act
    /// on rather than show: C0 and C1 control characters except tab (and newline when
    /// `keepingNewlines`), DEL, and the bidirectional overrides that make text read otherwise
    /// than it is. Text from specs and indexes passes through this before it reaches people.
    func escapingControlCharacters(keepingNewlines: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09:
                out.unicodeScalars.append(scalar)
            case 0x0A:
                if keepingNewlines { out.unicodeScalars.append(scalar) } else { out += "\\n" }
            case 0x0D:
                out += "\\r"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
