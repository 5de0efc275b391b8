/// Where a conda requirement that the target's subdir and `noarch` lack does exist: per channel,
/// the other platform subdirs that have it. A spec exported on another OS (`conda env export` on
/// a Mac: `libcxx`, `llvm-openmp`, `python=3.7.3=h510b542_1`) fails on a Linux image with a bare
/// "not found"; naming the subdirs that have the record says why. Pure: no I/O.
package struct CondaOtherSubdirs: Sendable, Hashable {
    /// The channel as the user gave it (`conda-forge`, a URL without credentials).
    package var channel: String
    /// In `Target.knownPlatforms` order.
    package var subdirs: [String]
    /// True when these subdirs have records that match the whole MatchSpec (version and build);
    /// false when they only have the name.
    package var matchesSpec: Bool

    package init(channel: String, subdirs: [String], matchesSpec: Bool) {
        self.channel = channel
        self.subdirs = subdirs
        self.matchesSpec = matchesSpec
    }

    /// `libcxx exists only for osx-64, osx-arm64 in conda-forge` (the name when only the name was
    /// found elsewhere, else the requirement as written); nil when there is nothing to say.
    package static func sentence(_ found: [CondaOtherSubdirs], name: String, requirement: String) -> String? {
        guard let first = found.first else { return nil }
        let subject = first.matchesSpec ? requirement : name
        let places = found.map { "for \($0.subdirs.joined(separator: ", ")) in \($0.channel)" }
        return "\(subject) exists only " + places.joined(separator: " and ")
    }
}
