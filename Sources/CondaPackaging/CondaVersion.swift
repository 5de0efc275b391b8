/// A conda package version, ordered exactly as conda's `VersionOrder` and rattler's
/// `Version`.
///
/// - An optional epoch `N!` orders first; a local part after `+` orders last.
/// - Segments are split at `.`, `-` and `_` (`1.4_5` is `1.4.5`); a version may not mix `-`
///   and `_`. Each segment is a run of numbers and letter words; a segment that starts with
///   a letter gets an implicit leading `0` (`1.a1 == 1.0a1`).
/// - Components compare `dev` < trailing `_`/`-` < words (case-insensitive) < numbers <
///   `post`; missing components count as `0`, so `1.0 == 1.0.0`.
/// - A leading `v` is not special: `v1.6.4` is the word `v` followed by `1`, and sorts
///   before `0.1` (rattler 0.28 does the same; conda too).
///
/// Equality and hashing follow the ordering (`1.0 == 1`), and `description` is the string
/// exactly as given.
package struct CondaVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The version string exactly as given.
    package let description: String
    /// The epoch written before `!`, or nil when there was none (which orders as 0).
    package let explicitEpoch: UInt64?
    /// The segments before the local part.
    package let segments: [CondaVersionSegment]
    /// The segments after `+` (empty when there is no local part).
    package let localSegments: [CondaVersionSegment]

    /// Parses a version string (no surrounding whitespace allowed, as in the reference).
    package init(_ string: String) throws(CondaVersionError) {
        let parsed = try CondaVersionParser.parse(string)
        self.init(description: string, prefix: parsed)
    }

    init(description: String, prefix: CondaVersionParser.Prefix) {
        self.description = description
        self.explicitEpoch = prefix.epoch
        self.segments = prefix.segments
        self.localSegments = prefix.localSegments
    }

    /// The epoch (0 unless written).
    package var epoch: UInt64 { explicitEpoch ?? 0 }

    /// True when the version has a `+local` part.
    package var hasLocal: Bool { !localSegments.isEmpty }

    /// Number of segments before the local part.
    package var segmentCount: Int { segments.count }

    /// True when some component is `dev`.
    package var isDev: Bool { segments.contains { $0.components.contains(.dev) } }

    /// The version in rattler's normalised spelling (lower case, numbers without leading
    /// zeros): `R15B01` → `r15b1`.
    package var normalizedDescription: String {
        var text = explicitEpoch.map { "\($0)!" } ?? ""
        for segment in segments {
            if let separator = segment.separator { text.append(separator) }
            text += segment.normalizedText
        }
        if hasLocal {
            text += "+"
            for segment in localSegments {
                if let separator = segment.separator { text.append(separator) }
                text += segment.normalizedText
            }
        }
        return text
    }

    /// The first two segments as numbers when both are plain numbers (`3.10.2` → (3, 10)).
    package var majorMinor: (major: UInt64, minor: UInt64)? {
        guard segments.count >= 2,
              segments[0].components.count == 1, segments[1].components.count == 1,
              case .number(let major) = segments[0].components[0],
              case .number(let minor) = segments[1].components[0] else { return nil }
        return (major, minor)
    }

    // MARK: Ordering

    package static func < (lhs: CondaVersion, rhs: CondaVersion) -> Bool {
        compare(lhs, rhs) < 0
    }

    package static func == (lhs: CondaVersion, rhs: CondaVersion) -> Bool {
        compare(lhs, rhs) == 0
    }

    /// Conda ordering of two versions: -1, 0 or 1.
    package static func compare(_ lhs: CondaVersion, _ rhs: CondaVersion) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let common = compareSegments(lhs.segments, rhs.segments)
        if common != 0 { return common }
        return compareSegments(lhs.localSegments, rhs.localSegments)
    }

    private static func compareSegments(_ a: [CondaVersionSegment], _ b: [CondaVersionSegment]) -> Int {
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index].components : []
            let right = index < b.count ? b[index].components : []
            for position in 0..<max(left.count, right.count) {
                let x = position < left.count ? left[position] : .padding
                let y = position < right.count ? right[position] : .padding
                let order = CondaVersionComponent.compare(x, y)
                if order != 0 { return order }
            }
        }
        return 0
    }

    package func hash(into hasher: inout Hasher) {
        // Equal versions differ only by trailing zeros in a segment or by trailing all-zero
        // segments (and by `-` versus `_` as trailing separators): leave those out.
        hasher.combine(epoch)
        Self.hashSegments(segments, into: &hasher)
        hasher.combine(0xFF as UInt8)
        Self.hashSegments(localSegments, into: &hasher)
    }

    private static func hashSegments(_ segments: [CondaVersionSegment], into hasher: inout Hasher) {
        var kept = segments[...]
        while let last = kept.last, last.isZero { kept = kept.dropLast() }
        for segment in kept {
            var components = segment.components[...]
            while let last = components.last, last.isZero { components = components.dropLast() }
            hasher.combine(components.count)
            for component in components {
                switch component {
                case .trailingSeparator: hasher.combine("_")
                default: hasher.combine(component)
                }
            }
        }
    }

    // MARK: Prefix and compatibility

    /// True when this version starts with `prefix` segment by segment, as `1.2.*` requires
    /// (`1.2.3` and `1.2` start with `1.2`; `1.20` does not; `1.2` starts with `1.2.0`).
    package func startsWith(_ prefix: CondaVersion) -> Bool {
        epoch == prefix.epoch
            && Self.segments(segments[...], startWith: prefix.segments[...])
            && Self.segments(localSegments[...], startWith: prefix.localSegments[...])
    }

    /// True when this version satisfies `~=limit`: at least `limit`, and starting with
    /// `limit` less its last segment (`~=1.2` admits `1.5`, not `2.0`).
    package func isCompatible(with limit: CondaVersion) -> Bool {
        self >= limit
            && epoch == limit.epoch
            && Self.segments(segments[...], startWith: limit.segments.dropLast())
            && Self.segments(localSegments[...], startWith: limit.localSegments[...])
    }

    private static func segments(
        _ version: ArraySlice<CondaVersionSegment>, startWith prefix: ArraySlice<CondaVersionSegment>
    ) -> Bool {
        // A segment of the version may carry extra components (`1.0.1c` starts with
        // `1.0.1`) only when it is the last segment the prefix compares; a prefix may run on
        // with zeros (`1.0` starts with `1.0.0`).
        var previousHadExtra = false
        var versionIndex = version.startIndex
        var prefixIndex = prefix.startIndex
        while versionIndex < version.endIndex || prefixIndex < prefix.endIndex {
            defer { versionIndex += 1; prefixIndex += 1 }
            guard versionIndex < version.endIndex else {
                if prefix[prefixIndex].isZero { continue }
                return false
            }
            guard prefixIndex < prefix.endIndex else { return true }
            if previousHadExtra { return false }
            let left = version[versionIndex].components
            let right = prefix[prefixIndex].components
            var position = 0
            while position < max(left.count, right.count) {
                defer { position += 1 }
                if position < left.count, position < right.count {
                    if left[position] != right[position] { return false }
                } else if position < left.count {
                    previousHadExtra = true
                    break
                } else if !right[position].isZero {
                    return false
                }
            }
        }
        return true
    }

    // MARK: Derived versions

    /// The version with the last number of its last segment increased by one
    /// (`1.2.3` → `1.2.4`, `1.2a` → `1.3a`); nil if that number would overflow.
    package func bumpingLastNumber() -> CondaVersion? {
        guard var last = segments.last,
              let position = last.components.lastIndex(where: \.isNumber),
              case .number(let value) = last.components[position],
              value < UInt64.max else { return nil }
        var components = last.components
        components[position] = .number(value + 1)
        last = CondaVersionSegment(
            components: components,
            hasImplicitZero: last.hasImplicitZero && components[0] == .padding,
            separator: last.separator)
        let bumped = CondaVersionParser.Prefix(
            epoch: explicitEpoch,
            segments: segments.dropLast() + [last],
            localSegments: localSegments,
            end: 0)
        var version = CondaVersion(description: "", prefix: bumped)
        version = CondaVersion(description: version.normalizedDescription, prefix: bumped)
        return version
    }
}
