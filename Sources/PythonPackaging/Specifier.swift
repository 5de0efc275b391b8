/// One PEP 440 version specifier (`>=1.0`, `~=2.2`, `==1.4.*`, `!=1.5+local`, `===foo`), with
/// the membership rules of `packaging.specifiers.Specifier` (26.x).
///
/// Membership follows packaging's interval model: `<=V`, `==V` and `!=V` (without a local label)
/// cover every local version of V; `<V` excludes V's pre-releases unless V is one; `>V` excludes
/// V's post-releases and local versions (unless V is itself a post or dev release); `~=V` is
/// `>=V, ==V-prefix.*`; `==V.*` is the half-open range `[V.dev0, next.dev0)`.
package struct Specifier: Sendable {
    /// The comparison operator.
    package enum Operator: String, Sendable, CaseIterable {
        case compatible = "~="
        case equal = "=="
        case notEqual = "!="
        case lessThanOrEqual = "<="
        case greaterThanOrEqual = ">="
        case lessThan = "<"
        case greaterThan = ">"
        case arbitrary = "==="
    }

    /// The operator.
    package let `operator`: Operator
    /// The version text as written (whitespace trimmed, not normalized), e.g. `1.0.*` or `v1.0`.
    package let version: String
    /// The pre-release override given at construction or set later; nil = decide from the
    /// specifier (see `prereleases`).
    package var explicitPrereleases: Bool?

    /// The parsed version (without `.*`); nil only for `===` with text that is not a version.
    package let parsedVersion: Version?
    /// `==V.*` or `!=V.*`.
    package let isWildcard: Bool
    /// The version text carries a `+local` label.
    let hasLocal: Bool
    /// Precomputed range ends, in packaging's terms (see `matchesIgnoringPrereleases`).
    let lowerBound: Version?
    let upperBound: Version?

    /// Parses one specifier as `packaging.specifiers.Specifier(string)` does.
    package init(_ string: String, prereleases: Bool? = nil) throws(SpecifierError) {
        var text = string
        let outcome: Result<Specifier, SpecifierError> = text.withUTF8 { buffer in
            let (start, end) = UTF8Whitespace.trim(buffer, 0, buffer.count)
            guard let scanned = SpecifierScanner.scan(buffer, from: start, to: end), scanned.end == end else {
                return .failure(SpecifierError(input: string, reason: .invalidSyntax))
            }
            if scanned.version?.overflowed == true {
                return .failure(SpecifierError(input: string, reason: .numberTooLarge))
            }
            return .success(Specifier(scanned: scanned, bytes: buffer, prereleases: prereleases))
        }
        self = try outcome.get()
    }

    init(scanned: ScannedSpecifier, bytes: UnsafeBufferPointer<UInt8>, prereleases: Bool?) {
        self.operator = scanned.op
        let versionBytes = UnsafeBufferPointer(rebasing: bytes[scanned.versionStart..<scanned.end])
        version = String(decoding: versionBytes, as: UTF8.self)
        explicitPrereleases = prereleases
        isWildcard = scanned.version?.isWildcard ?? false
        hasLocal = versionBytes.contains(UInt8(ascii: "+"))
        if let pieces = scanned.version {
            parsedVersion = Version(scanned: pieces, bytes: bytes)
        } else {
            parsedVersion = Version.parse(version)
        }
        (lowerBound, upperBound) = Specifier.bounds(operator: scanned.op, version: parsedVersion, isWildcard: isWildcard)
    }

    /// packaging's `prereleases` property: the explicit override, else whether the specifier
    /// names a pre-release (never for `!=` and `==V.*`; unknown for `===` on a non-version).
    /// Setting it sets the override.
    package var prereleases: Bool? {
        get {
            if let explicitPrereleases { return explicitPrereleases }
            switch self.operator {
            case .notEqual: return false
            case .equal where isWildcard: return false
            default: return parsedVersion?.isPrerelease
            }
        }
        set { explicitPrereleases = newValue }
    }

    /// Whether `version` satisfies this specifier (packaging's `Specifier.contains`). With
    /// `prereleases` nil, a pre-release matches when it is in range (a single version has no
    /// alternative), unless the specifier's override says false.
    package func contains(_ version: Version, prereleases: Bool? = nil) -> Bool {
        let policy = prereleases ?? resolvedPrereleases
        if self.operator == .arbitrary {
            guard arbitraryMatches(version.description[...]) else { return false }
            return policy != false || !version.isPrerelease
        }
        if policy == false && version.isPrerelease { return false }
        return matchesIgnoringPrereleases(version)
    }

    /// Like `contains(_:prereleases:)` for a raw string, which `===` compares literally
    /// (case-insensitively); other operators never match text that is not a version.
    package func contains(_ text: String, prereleases: Bool? = nil) -> Bool {
        if self.operator == .arbitrary {
            guard arbitraryMatches(text[...]) else { return false }
            let policy = prereleases ?? resolvedPrereleases
            return policy != false || !(Version.parse(text)?.isPrerelease ?? false)
        }
        guard let version = Version.parse(text) else { return false }
        return contains(version, prereleases: prereleases)
    }

    /// packaging's `resolve_prereleases(self._prereleases, self.prereleases)`.
    var resolvedPrereleases: Bool? {
        if let explicitPrereleases { return explicitPrereleases }
        return prereleases == true ? true : nil
    }

    /// Case-insensitive literal comparison for `===`, as packaging's `str(item).lower() == spec.lower()`.
    func arbitraryMatches(_ text: Substring) -> Bool {
        PythonCharacters.scalarsEqual(PythonCharacters.lowercased(text)[...], PythonCharacters.lowercased(version)[...])
    }

    /// Range membership only, for a parsed version (for `===`, the literal comparison of its
    /// normalized form).
    func matchesIgnoringPrereleases(_ candidate: Version) -> Bool {
        guard let v = parsedVersion else {
            return self.operator == .arbitrary && arbitraryMatches(candidate.description[...])
        }
        switch self.operator {
        case .arbitrary:
            return arbitraryMatches(candidate.description[...])
        case .greaterThanOrEqual:
            return Version.compare(candidate, v) >= 0
        case .lessThanOrEqual:
            return Version.compare(candidate, v, ignoringLocal: true) <= 0
        case .greaterThan:
            if v.isDevrelease || v.isPostrelease {
                return Version.compare(candidate, v, ignoringLocal: true) > 0
            }
            // >V (final or pre-release V) also excludes V's post-releases: a version with V's
            // release must have a later pre-release part.
            let release = Version.compareRelease(candidate, v)
            if release != 0 { return release > 0 }
            return (candidate.preRank, candidate.preNumber) > (v.preRank, v.preNumber)
        case .lessThan:
            // <V is < V.dev0 when V is final: V's own pre-releases do not count.
            guard let bound = lowerBound else { return false }
            return Version.compare(candidate, bound) < 0
        case .compatible:
            guard Version.compare(candidate, v) >= 0 else { return false }
            guard let upper = upperBound else { return true }
            return Version.compare(candidate, upper) < 0
        case .equal:
            return equalityMatches(candidate, v)
        case .notEqual:
            return !equalityMatches(candidate, v)
        }
    }

    private func equalityMatches(_ candidate: Version, _ v: Version) -> Bool {
        if isWildcard {
            guard let lower = lowerBound, Version.compare(candidate, lower) >= 0 else { return false }
            guard let upper = upperBound else { return true }
            return Version.compare(candidate, upper) < 0
        }
        return Version.compare(candidate, v, ignoringLocal: !hasLocal) == 0
    }

    /// The range ends packaging's `_ranges` builds: `<V` keeps `V.dev0` (or V) in `lowerBound`;
    /// `~=` and `==V.*` keep `[lower, upper)`.
    static func bounds(operator op: Operator, version: Version?, isWildcard: Bool) -> (Version?, Version?) {
        guard let v = version else { return (nil, nil) }
        switch op {
        case .lessThan:
            if v.isPrerelease { return (v, nil) }
            return (Version(epoch: v.epoch, release: v.release, preLetter: v.preLetterCode, preNumber: v.preNumber,
                            post: v.post ?? -1, dev: 0), nil)
        case .compatible:
            return (v, nextPrefixDev0(epoch: v.epoch, prefix: Array(v.release.dropLast())))
        case .equal where isWildcard, .notEqual where isWildcard:
            return (Version(epoch: v.epoch, release: v.release, dev: 0), nextPrefixDev0(epoch: v.epoch, prefix: v.release))
        default:
            return (nil, nil)
        }
    }

    /// packaging's `_next_prefix_dev0`: `1.2` → `1.3.dev0`. When the last component is `Int.max`
    /// the increment carries (`1.<max>` → `2.dev0`): no representable version lies between the
    /// two, so the range is the same. Nil only when nothing can be above.
    private static func nextPrefixDev0(epoch: Int, prefix: [Int]) -> Version? {
        var components = prefix
        while let last = components.popLast() {
            if last < Int.max { return Version(epoch: epoch, release: components + [last + 1], dev: 0) }
        }
        if epoch < Int.max { return Version(epoch: epoch + 1, release: [0], dev: 0) }
        return nil
    }

    /// packaging's `_canonical_spec`: what equality and hashing compare.
    var canonical: (String, String) {
        guard self.operator != .arbitrary, !isWildcard, let v = parsedVersion else {
            return (self.operator.rawValue, version)
        }
        if self.operator == .compatible { return (self.operator.rawValue, v.description) }
        return (self.operator.rawValue, v.withTrimmedRelease.description)
    }
}

extension Specifier: Hashable {
    /// Equal as packaging compares specifiers: same operator and equivalent version, ignoring
    /// the pre-release override (`==1.2.3` equals `== 1.2.3.0`).
    package static func == (a: Specifier, b: Specifier) -> Bool { a.canonical == b.canonical }

    package func hash(into hasher: inout Hasher) {
        let (op, version) = canonical
        hasher.combine(op)
        hasher.combine(version)
    }
}

extension Specifier: CustomStringConvertible {
    /// Operator and version text, as `str(Specifier)`: `>=1.0`.
    package var description: String { self.operator.rawValue + version }
}

extension Version {
    /// Compares epoch and release only (trailing zeros ignored).
    static func compareRelease(_ a: Version, _ b: Version) -> Int {
        if a.epochValue != b.epochValue { return a.epochValue < b.epochValue ? -1 : 1 }
        if a.r0 != b.r0 { return a.r0 < b.r0 ? -1 : 1 }
        if a.r1 != b.r1 { return a.r1 < b.r1 ? -1 : 1 }
        if a.r2 != b.r2 { return a.r2 < b.r2 ? -1 : 1 }
        if a.r3 != b.r3 { return a.r3 < b.r3 ? -1 : 1 }
        if a.extra == nil && b.extra == nil { return 0 }
        return compareReleaseTails(a.extra?.releaseTail ?? [], b.extra?.releaseTail ?? [])
    }

    /// The same version with trailing zeros of the release removed (packaging's `_trim_release`).
    var withTrimmedRelease: Version {
        let trimmed = trimmedRelease
        guard trimmed.count != Int(releaseCount) else { return self }
        return Version(epoch: epochValue, release: trimmed, preLetter: preLetterCode, preNumber: preNumber,
                       post: post ?? -1, dev: dev ?? -1, local: local)
    }
}

/// Why a specifier string was rejected.
package struct SpecifierError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Reason: Sendable, Equatable {
        /// Not specifier syntax; packaging raises `InvalidSpecifier` too.
        case invalidSyntax
        /// Valid syntax, but a version number exceeds `Int.max` (see `Version`).
        case numberTooLarge
    }

    /// The rejected text (one specifier, or the whole set when that is what was given).
    package let input: String
    package let reason: Reason

    package var description: String {
        switch reason {
        case .invalidSyntax: return "Invalid specifier: \(PythonRepr.string(input))"
        case .numberTooLarge: return "Invalid specifier: \(PythonRepr.string(input)) (a number is larger than \(Int.max))"
        }
    }
}
