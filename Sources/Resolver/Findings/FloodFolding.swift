import Checks
/// Floods: one cause that yields a finding per line or per package it touches. Each is folded
/// into its first copy, which says how many there were and lists them (`lines`, `packages`), so
/// the report shows the cause once instead of 12 or 40 times.
///
/// What counts as one cause is narrow on purpose: findings about different packages whose fixes
/// differ (two top-level `version-not-found` lines, each to be re-pinned) are separate problems
/// and stay separate. A flood is
/// - the same remark about the file on many lines (`invalid-spec` with one parse error on every
///   line of a file that is not really a requirements list): one cause when it repeats
///   `lineFloodMinimum` times, where two or so are more likely separate typos;
/// - one dependency reached through several requirements (`wrapt` needed by three lines): its
///   verdict, and its fix, is one whichever line pulled it in;
/// - many dependencies of one top-level requirement failing the same way (a channel that lacks a
///   whole family of packages): the fix is at that requirement (another version of it, another
///   channel), not at each dependency, none of which the spec names.
enum FloodFolding {
    /// Copies of one file-level remark from which they count as one cause.
    static let lineFloodMinimum = 3
    /// Dependencies of one requirement failing alike from which they count as one cause.
    static let rootFloodMinimum = 3

    static func folded(_ findings: [Finding]) -> [Finding] {
        sameRoot(sameDependency(sameRemark(findings)))
    }

    /// A remark about the file (no package, no chain) repeated on many lines of it, with the
    /// same reason (the message's first line; what follows quotes the line itself).
    static func sameRemark(_ findings: [Finding]) -> [Finding] {
        FindingFolding.fold(findings, minimum: lineFloodMinimum, key: { f -> String? in
            guard f.package == nil, f.via.isEmpty, f.line != nil, f.related.isEmpty else { return nil }
            return "\(f.severity)|\(f.code.rawValue)|\(f.path)|\(f.target?.description ?? "")|\(reason(f.message))"
        }, merge: { group in
            var kept = group[0]
            kept.lines = distinct(group.compactMap(\.line))
            guard kept.lines.count > 1 else { return kept }
            let rest = kept.message.dropFirst(reason(kept.message).count)
            kept.message = reason(kept.message) + " (the same on \(kept.lines.count) lines: " + ShortList.text(kept.lines.map(String.init)) + ")" + rest
            return kept
        })
    }

    /// One dependency with one verdict, reached from several lines or chains: once, with every
    /// line (`lines`) and the other chains named.
    static func sameDependency(_ findings: [Finding]) -> [Finding] {
        FindingFolding.fold(findings, minimum: 2, key: { f -> String? in
            guard let package = f.package, !f.via.isEmpty, f.packages.isEmpty else { return nil }
            return "\(f.severity)|\(f.code.rawValue)|\(f.source ?? "")|\(package)|\(f.requirement ?? "")|\(f.path)|\(f.target?.description ?? "")"
        }, merge: { group in
            var kept = group[0]
            kept.lines = distinct(group.compactMap(\.line))
            let others = distinct(group.dropFirst().map { $0.via.joined(separator: " → ") }.filter { $0 != kept.via.joined(separator: " → ") })
            if !others.isEmpty { kept.message += "; also needed by " + ShortList.text(others) }
            kept.suggestions = distinct(group.flatMap(\.suggestions))
            return kept
        })
    }

    /// Dependencies of one top-level line that fail alike (the same message once each one's
    /// name is taken out): once, with every package.
    static func sameRoot(_ findings: [Finding]) -> [Finding] {
        FindingFolding.fold(findings, minimum: rootFloodMinimum, key: { f -> String? in
            guard let package = f.package, let root = f.via.first, f.lines.isEmpty else { return nil }
            let alike = f.message.replacingOccurrences(of: f.requirement ?? package, with: "\u{0}")
                .replacingOccurrences(of: package, with: "\u{0}")
            return "\(f.severity)|\(f.code.rawValue)|\(f.source ?? "")|\(f.path)|\(f.line ?? 0)|\(f.target?.description ?? "")|\(root)|\(alike)"
        }, merge: { group in
            var kept = group[0]
            kept.packages = distinct(group.compactMap(\.package))
            guard kept.packages.count > 1, let root = kept.via.first else { return kept }
            kept.message += "; the same for \(kept.packages.count - 1) more dependencies of \(root): " + ShortList.text(Array(kept.packages.dropFirst()))
            kept.suggestions = distinct(group.flatMap(\.suggestions))
            return kept
        })
    }

    /// The first line of a message: its reason, without the excerpt some messages quote below it.
    static func reason(_ message: String) -> String {
        String(message.prefix { $0 != "\n" })
    }

    static func distinct<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}
