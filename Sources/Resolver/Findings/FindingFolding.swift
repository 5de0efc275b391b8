/// How one spec's findings, gathered over every requirement and target, become one finding
/// per problem. A reader acts on causes: twenty copies of "the channel is down" or of the same
/// verdict once per target bury the one line that needs a fix, and counting them inflates
/// every summary. Each step keeps the first copy (its `package`, `target`, line) so that what a
/// single finding said before reads the same, and records what it absorbed in `packages`,
/// `targets` or `unknownPackages`.
public enum FindingFolding {
    /// The steps in order: unreachable sources, exact repeats, floods, then target matrices
    /// (a flood is folded per target first, so that its targets can then merge too).
    public static func folded(_ findings: [Finding]) -> [Finding] {
        acrossTargets(FloodFolding.folded(withoutRepeats(unreachablePerSource(findings))))
    }

    /// One `source-unreachable` per source (`UnreachableSource`): it is one outage whatever
    /// needed the source, so its copies are folded into the first, which lists every package
    /// whose verdict they left unknown.
    static func unreachablePerSource(_ findings: [Finding]) -> [Finding] {
        merged(findings, key: { f in
            f.code == .sourceUnreachable ? UnreachableSource.key(message: f.message) : nil
        }, absorb: { kept, copy in
            if kept.unknownPackages.isEmpty { kept.unknownPackages = kept.unknownVerdicts }
            for name in copy.unknownVerdicts where !kept.unknownPackages.contains(name) { kept.unknownPackages.append(name) }
        }).map { f in
            guard f.code == .sourceUnreachable else { return f }
            var f = f
            f.unknownPackages = f.unknownVerdicts
            f.message += UnknownVerdictsTail.text(f.unknownPackages, message: f.message)
            return f
        }
    }

    /// The same finding twice for one line, package, chain and target (two checks that reach
    /// one verdict): once.
    static func withoutRepeats(_ findings: [Finding]) -> [Finding] {
        merged(findings, key: { f in
            "\(f.code.rawValue)|\(f.path)|\(f.line ?? 0)|\(f.column ?? 0)|\(f.package ?? "")|\(f.target?.description ?? "")|\(f.via)"
        }, absorb: { _, _ in })
    }

    /// Findings identical in everything but their target, once, with every target: a matrix
    /// checks one spec several times, and a problem on every target is still one problem.
    static func acrossTargets(_ findings: [Finding]) -> [Finding] {
        merged(findings, key: { f -> Finding? in
            guard f.target != nil else { return nil }
            var bare = f
            bare.target = nil
            bare.targets = []
            return bare
        }, absorb: { kept, copy in
            if kept.targets.isEmpty, let first = kept.target { kept.targets = [first] }
            for target in copy.targets.isEmpty ? [copy.target].compactMap({ $0 }) : copy.targets
            where !kept.targets.contains(target) {
                kept.targets.append(target)
            }
        })
    }

    /// `findings` in order, each that shares a non-nil key with an earlier one folded into that
    /// earlier one by `absorb`.
    static func merged<Key: Hashable>(_ findings: [Finding], key: (Finding) -> Key?,
                                      absorb: (inout Finding, Finding) -> Void) -> [Finding] {
        var out: [Finding] = []
        var index: [Key: Int] = [:]
        for finding in findings {
            guard let k = key(finding) else {
                out.append(finding)
                continue
            }
            if let i = index[k] {
                absorb(&out[i], finding)
            } else {
                index[k] = out.count
                out.append(finding)
            }
        }
        return out
    }
}

extension Finding {
    /// The packages whose verdict this unreachable-source finding leaves unknown: those it
    /// lists, else the one it is about.
    var unknownVerdicts: [String] {
        !unknownPackages.isEmpty ? unknownPackages : package.map { [$0] } ?? []
    }
}

/// `; verdict unknown for: a, b, c …(+N)`, the end of an unreachable source's message.
enum UnknownVerdictsTail {
    /// Names shown before the rest is counted: enough to recognise the spec, short enough for
    /// one annotation line.
    static let shown = 8

    /// Empty when there is nothing to add: no packages, or the message already names its only one.
    static func text(_ packages: [String], message: String) -> String {
        guard !packages.isEmpty, !(packages.count == 1 && message.contains(packages[0])) else { return "" }
        let rest = packages.count - shown
        return "; verdict unknown for: " + packages.prefix(shown).joined(separator: ", ") + (rest > 0 ? " …(+\(rest))" : "")
    }
}
