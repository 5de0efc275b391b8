import Checks
import Foundation
import PythonPackaging
import Registries

/// Which files of a project pip may install for one requirement on one target: the files that
/// install there (Requires-Python, wheel tags; sdists as pip sees them), restricted by the
/// requirement's `--hash` values the way pip restricts them. Pure: no I/O.
///
/// pip (`CandidateEvaluator.get_applicable_candidates` → `filter_unallowed_hashes`): of the files
/// applicable to the target, when some publish a digest that is listed, only those — and the
/// files that publish no digest at all — are kept; when none is listed, all are kept, and the
/// download of the one chosen then fails with "THESE PACKAGES DO NOT MATCH THE HASHES".
/// Per version, a file whose hash is listed ranks first (pip's `_sort_key` puts
/// `has_allowed_hash` before everything else); yanked files only count when the requirement
/// pins a version that only yanked files satisfy (PEP 592, as pip's resolver applies it).
package struct FileRestriction: Sendable, Hashable {
    /// Algorithm → listed digests (lower-case hex).
    package let hashes: [String: Set<String>]

    /// No `--hash`: every applicable file may be installed.
    package static let unrestricted = FileRestriction(hashes: [])

    /// `algorithm:digest` values as written in `--hash` options (`sha256:…`).
    package init(hashes: [String]) {
        var table: [String: Set<String>] = [:]
        for value in hashes {
            let parts = value.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[1].isEmpty else { continue }
            table[parts[0].lowercased(), default: []].insert(parts[1].lowercased())
        }
        self.hashes = table
    }

    package var isRestricting: Bool { !hashes.isEmpty }

    /// How a file's published digests compare with the listed ones.
    package enum HashMatch: Sendable, Hashable {
        /// A published digest is listed.
        case matches
        /// For every listed algorithm the file publishes a digest, and none is listed: pip's check
        /// of the downloaded file fails.
        case mismatches
        /// Nothing to compare (the index publishes no digest of a listed algorithm).
        case unknown
    }

    package func match(_ file: DistributionFile) -> HashMatch {
        guard isRestricting else { return .matches }
        var comparable = true
        for (algorithm, listed) in hashes {
            guard let published = file.hashes[algorithm]?.lowercased() else { comparable = false; continue }
            if listed.contains(published) { return .matches }
        }
        return comparable ? .mismatches : .unknown
    }

    /// What pip may install, best first, with what the restriction did.
    package struct Candidates: Sendable {
        /// The files pip may install for the requirement on the target, best first (newest
        /// version first; within a version a listed hash first, then the best wheel tag, the
        /// highest build tag, sdists last). Sdists are included as pip includes them; whether one
        /// is acceptable (`--allow-sdist`) is the caller's policy.
        package var files: [DistributionFile]
        /// The files that install on the target before the hashes are applied, best first.
        package var applicable: [DistributionFile]
        /// With `--hash`: whether a listed digest matches an applicable file. False means pip
        /// keeps every applicable file and the one it downloads fails the hash check (when it
        /// publishes a digest: see `installFailsHashCheck`).
        package var hashMatched: Bool
        /// The files (of those given) whose digest is listed but that do not install on the
        /// target: another platform's or Python's wheels.
        package var matchedElsewhere: [DistributionFile]

        /// pip would download `files.first`, and its published digests show it cannot pass.
        package var installFailsHashCheck: Bool
        /// Sdists only, though wheels for the target exist: the hashes force a build from source.
        package var hashesForceSdist: Bool
    }

    /// The candidates among `files` (the files of one version, or of every version the
    /// requirement's specifier selects) of project `project` for `target`. `pinned`: the
    /// requirement pins a version with `==`/`===`, so a yanked file may be used when nothing else fits.
    /// `session`: the run's tag sets and `requires_python` answers.
    package func candidates(among files: [DistributionFile], project: String, target: Target, pinned: Bool,
                            session: CheckSession) -> Candidates {
        let parser = ProjectFilenameParser(projectName: project)
        let tags = TargetTags.supportedTagSet(for: target, session: session)
        let python = target.python.fullVersion
        struct Ranked {
            var file: DistributionFile
            var version: Version
            var priority: Int  // wheel tag priority; sdists after every wheel
            var build: WheelFilename.Build?
            var isWheel: Bool
            var match: HashMatch
        }
        var applicable: [Ranked] = []
        var matchedElsewhere: [DistributionFile] = []
        for file in files {
            let parsed = parser.parse(file.filename)
            var fits = parsed != nil
            if fits, let requires = file.requiresPython { fits = RequiresPython.admits(requires, python: python, answers: session.requiresPython) }
            var priority = Int.max
            var build: WheelFilename.Build?
            if fits, case .wheel(let wheel)? = parsed {
                if let best = wheel.bestPriority(in: tags) { priority = best; build = wheel.build } else { fits = false }
            }
            let match = match(file)
            guard fits, let parsed else {
                if isRestricting, match == .matches { matchedElsewhere.append(file) }
                continue
            }
            applicable.append(Ranked(file: file, version: parsed.version, priority: priority, build: build,
                                     isWheel: parsed.isWheel, match: match))
        }
        func better(_ a: Ranked, _ b: Ranked) -> Bool {
            if a.version != b.version { return a.version > b.version }
            if (a.match == .matches) != (b.match == .matches) { return a.match == .matches }
            if a.file.yanked != b.file.yanked { return !a.file.yanked }
            if a.priority != b.priority { return a.priority < b.priority }
            switch (a.build, b.build) {
            case let (x?, y?): return x > y
            case (_?, nil): return true
            default: return false
            }
        }
        applicable.sort(by: better)

        var kept = applicable
        var hashMatched = true
        if isRestricting {
            hashMatched = applicable.contains { $0.match == .matches }
            if hashMatched { kept = applicable.filter { $0.match == .matches || $0.file.hashes.isEmpty } }
        }
        // PEP 592 as pip's resolver applies it: yanked files only for a pin that nothing else satisfies.
        let allYanked = !kept.isEmpty && kept.allSatisfy(\.file.yanked)
        if !(allYanked && pinned) { kept.removeAll { $0.file.yanked } }

        let failsCheck = isRestricting && !hashMatched && kept.first?.match == .mismatches
        let forcesSdist = isRestricting && hashMatched && !kept.isEmpty && !kept.contains(where: \.isWheel)
            && applicable.contains { $0.isWheel && !$0.file.yanked }
        return Candidates(files: kept.map(\.file), applicable: applicable.map(\.file), hashMatched: hashMatched,
                          matchedElsewhere: matchedElsewhere, installFailsHashCheck: failsCheck, hashesForceSdist: forcesSdist)
    }
}
