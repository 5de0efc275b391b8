/// A comma-separated set of version specifiers (`>=1.0,!=1.3.*,<2`), with the membership and
/// filtering rules of `packaging.specifiers.SpecifierSet` (26.x). The empty set matches every
/// version.
package struct SpecifierSet: Sendable {
    /// The specifiers, in the order written.
    package let specifiers: [Specifier]
    /// The pre-release override given at construction or set later; nil = decide from the
    /// specifiers (see `prereleases`).
    package var explicitPrereleases: Bool?
    /// Some specifier uses `===`, which compares text rather than versions.
    let hasArbitrary: Bool

    /// Parses a comma-separated specifier list as `SpecifierSet(string)` does: items are
    /// whitespace-trimmed and empty items skipped; an empty string is the empty set.
    package init(_ string: String, prereleases: Bool? = nil) throws(SpecifierError) {
        var parsed: [Specifier] = []
        // Split on the code point, as Python does (a Character-wise split would miss a comma that
        // starts a grapheme cluster).
        for item in string.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = PythonCharacters.strip(Substring(item))
            if trimmed.isEmpty { continue }
            parsed.append(try Specifier(String(trimmed)))
        }
        self.init(parsed, prereleases: prereleases)
    }

    /// A set of already parsed specifiers.
    package init(_ specifiers: [Specifier] = [], prereleases: Bool? = nil) {
        self.specifiers = specifiers
        explicitPrereleases = prereleases
        hasArbitrary = specifiers.contains { $0.operator == .arbitrary }
    }

    /// No specifiers: every version matches.
    package var isEmpty: Bool { specifiers.isEmpty }

    /// packaging's `prereleases` property: the explicit override; else true when some specifier
    /// names a pre-release (`>=1.0a1`), nil otherwise. Setting it sets the override.
    package var prereleases: Bool? {
        get {
            if let explicitPrereleases { return explicitPrereleases }
            if specifiers.isEmpty { return nil }
            return specifiers.contains { $0.prereleases == true } ? true : nil
        }
        set { explicitPrereleases = newValue }
    }

    /// Whether `version` satisfies every specifier (packaging's `SpecifierSet.contains`).
    /// With `prereleases` nil, an in-range pre-release matches unless the set's override is false.
    package func contains(_ version: Version, prereleases: Bool? = nil) -> Bool {
        if !hasArbitrary && !specifiers.isEmpty {
            if version.isPrerelease && (prereleases == false || (prereleases == nil && explicitPrereleases == false)) {
                return false
            }
            return specifiers.allSatisfy { $0.matchesIgnoringPrereleases(version) }
        }
        // packaging runs a one-item filter here.
        guard matchesIgnoringPrereleases(version) else { return false }
        return (prereleases ?? self.prereleases) != false || !version.isPrerelease
    }

    /// Like `contains(_:prereleases:)` for raw text: `===` compares it literally; text that is
    /// not a version matches only `===` specifiers, or the empty set.
    package func contains(_ text: String, prereleases: Bool? = nil) -> Bool {
        let version = Version.parse(text)
        if let version, !hasArbitrary, !specifiers.isEmpty {
            return contains(version, prereleases: prereleases)
        }
        let policy = prereleases ?? self.prereleases
        if !specifiers.isEmpty {
            if hasArbitrary {
                guard specifiers.allSatisfy({ $0.contains(text, prereleases: true) }) else { return false }
            } else {
                return false  // not a version, and only version comparisons
            }
        }
        return policy != false || !(version?.isPrerelease ?? false)
    }

    /// The versions that satisfy the set, in input order, with packaging 26's pre-release rule:
    /// with `prereleases` nil (and no override) pre-releases are kept only when the set names a
    /// pre-release or when no final release matches.
    package func filter(_ versions: [Version], prereleases: Bool? = nil) -> [Version] {
        filter(versions, prereleases: prereleases, version: { $0 })
    }

    /// `filter` over any items, each judged by the version `version` gives for it.
    package func filter<Item>(_ items: [Item], prereleases: Bool? = nil, version: (Item) -> Version) -> [Item] {
        let policy = prereleases ?? self.prereleases
        var finals: [Item] = []
        var nonFinals: [Item] = []
        for item in items {
            let v = version(item)
            guard matchesIgnoringPrereleases(v) else { continue }
            switch policy {
            case true?: finals.append(item)
            case false?: if !v.isPrerelease { finals.append(item) }
            case nil:
                if !v.isPrerelease {
                    finals.append(item)
                } else if finals.isEmpty {
                    nonFinals.append(item)
                }
            }
        }
        if policy == nil && finals.isEmpty { return nonFinals }
        return finals
    }

    /// Every specifier matches, pre-release policy aside.
    func matchesIgnoringPrereleases(_ version: Version) -> Bool {
        specifiers.allSatisfy { $0.matchesIgnoringPrereleases(version) }
    }

    /// Sorted by text and without duplicates, as packaging's `_canonical_specs`.
    var canonicalSpecifiers: [Specifier] {
        if specifiers.count <= 1 { return specifiers }
        let sorted = specifiers.enumerated().sorted { a, b in
            let (ta, tb) = (a.element.description, b.element.description)
            if ta != tb { return PythonCharacters.scalarsLess(ta, tb) }
            return a.offset < b.offset
        }.map(\.element)
        var result: [Specifier] = []
        for specifier in sorted where !result.contains(specifier) { result.append(specifier) }
        return result
    }
}

extension SpecifierSet: Hashable {
    /// Equal as packaging compares sets: the same specifiers up to order, duplicates and
    /// equivalent spellings; the pre-release override is ignored.
    package static func == (a: SpecifierSet, b: SpecifierSet) -> Bool {
        a.canonicalSpecifiers == b.canonicalSpecifiers
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(canonicalSpecifiers)
    }
}

extension SpecifierSet: CustomStringConvertible {
    /// The specifiers sorted by text, deduplicated, comma-joined: `str(SpecifierSet)`.
    package var description: String {
        canonicalSpecifiers.map(\.description).joined(separator: ",")
    }
}
