/// A conda MatchSpec: a query for package records, such as `numpy >=1.20,<1.22`,
/// `conda-forge::numpy 1.24.4 py38*` or `pytorch[version=">=2", build=*cuda*]`.
///
/// Parsing follows rattler 0.28's lenient mode (py-rattler `MatchSpec(s)` with
/// `exact_names_only=False`, so `*` and other glob names are allowed as in conda):
///
/// | written | version part |
/// | --- | --- |
/// | `name 1.2` | `==1.2` (exact; `1.2.0` matches too, by zero padding) |
/// | `name=1.2` | `1.2.*` (starts with) |
/// | `name==1.2` | `==1.2` |
/// | `name 1.2*` / `name 1.2.*` / `name=1.2.*` | `1.2.*` |
/// | `name=1.2=py38*` / `name 1.2 py38*` | `==1.2` with build `py38*` |
/// | `name >=1.20,<1.22` / `name>=1.20,<1.22` | the range |
///
/// A key inside `[...]` overrides the same part written outside. `#` starts a comment.
/// ``matches(_:)`` compares name, version, build, build number, hashes, license and track
/// features, like rattler's `MatchSpec.matches(record)`; channel, subdir, file name, url,
/// namespace, extras and `when` conditions are parsed but not compared with the record
/// (a record does not know its channel): callers filter by channel and subdir themselves.
package struct MatchSpec: Sendable, Hashable, CustomStringConvertible {
    /// The spec string as given.
    package let source: String
    /// The exact package name, lower-cased; nil when the name is a glob or regex
    /// (see ``nameMatcher``).
    package let name: String?
    /// The name pattern when the name is not exact (`*`, `py*`, `^lib.*$`).
    package let nameMatcher: StringMatcher?
    /// The channel as written (`conda-forge`, `https://host/channel`, `./local`), if any.
    package let channel: String?
    /// The subdir given with the channel (`conda-forge/linux-64::`) or as `[subdir=...]`.
    package let subdir: String?
    /// The namespace between `:` separators (`channel:namespace:name`); unused by conda.
    package let namespace: String?
    /// The version constraint, if any.
    package let version: VersionSpec?
    /// The build string matcher (`py38*`, `*_cp39`), if any.
    package let build: StringMatcher?
    /// `[build_number=...]`, if any.
    package let buildNumber: BuildNumberSpec?
    /// `[fn=...]`
    package let fileName: String?
    /// `[url=...]`, or the URL / path the whole spec was.
    package let url: String?
    /// `[md5=...]`, lower-case hex.
    package let md5: String?
    /// `[sha256=...]`, lower-case hex.
    package let sha256: String?
    /// `[license=...]`, compared exactly.
    package let license: String?
    /// `[license_family=...]`, compared exactly.
    package let licenseFamily: String?
    /// `[track_features=...]`: every one must be tracked by the record.
    package let trackFeatures: [String]?
    /// `[flags=[...]]`: each must match one of the record's flags.
    package let flags: [StringMatcher]?
    /// `[extras=[...]]` (optional dependency groups); not compared.
    package let extras: [String]?
    /// `[when="..."]`, kept as written.
    package let condition: String?

    /// Parses a MatchSpec (lenient, see the type's documentation).
    package init(_ string: String) throws(MatchSpecError) {
        self = try MatchSpecParser.parse(string)
    }

    init(source: String, fields: MatchSpecParser.Fields) {
        self.source = source
        self.name = fields.name
        self.nameMatcher = fields.nameMatcher
        self.channel = fields.channel
        self.subdir = fields.subdir
        self.namespace = fields.namespace
        self.version = fields.version
        self.build = fields.build
        self.buildNumber = fields.buildNumber
        self.fileName = fields.fileName
        self.url = fields.url
        self.md5 = fields.md5
        self.sha256 = fields.sha256
        self.license = fields.license
        self.licenseFamily = fields.licenseFamily
        self.trackFeatures = fields.trackFeatures
        self.flags = fields.flags
        self.extras = fields.extras
        self.condition = fields.condition
    }

    /// True when the record satisfies every part of the spec that a record can be checked
    /// against. A record whose version string is not a valid conda version never matches a
    /// spec with a version part.
    package func matches(_ record: PackageRecord) -> Bool {
        if let name, name != record.normalizedName { return false }
        if let nameMatcher, !nameMatcher.matches(record.normalizedName) { return false }
        if let version {
            guard let recordVersion = record.parsedVersion, version.matches(recordVersion) else { return false }
        }
        if let build, !build.matches(record.build) { return false }
        if let buildNumber, !buildNumber.matches(record.buildNumber) { return false }
        if let md5, md5 != record.md5?.lowercased() { return false }
        if let sha256, sha256 != record.sha256?.lowercased() { return false }
        if let license, license != record.license { return false }
        if let licenseFamily, licenseFamily != record.licenseFamily { return false }
        if let trackFeatures, !trackFeatures.allSatisfy(record.trackFeatures.contains) { return false }
        if let flags, !flags.allSatisfy({ flag in record.flags.contains(where: flag.matches) }) { return false }
        return true
    }

    /// True when the name part accepts `packageName` (compared in lower case).
    package func matchesName(_ packageName: String) -> Bool {
        let lowered = packageName.lowercased()
        if let name { return name == lowered }
        if let nameMatcher { return nameMatcher.matches(lowered) }
        return true
    }

    /// A normalised spelling: `[channel[/subdir]::]name[ version[ build]][keys]`.
    package var description: String {
        var text = ""
        if let channel {
            text += channel
            if let subdir { text += "/" + subdir }
            text += "::"
        }
        text += name ?? nameMatcher?.description ?? "*"
        if let version { text += " " + version.description }
        if let build { text += (version == nil ? " * " : " ") + build.description }
        var keys: [String] = []
        if channel == nil, let subdir { keys.append("subdir=\"\(subdir)\"") }
        if let buildNumber { keys.append("build_number=\"\(buildNumber)\"") }
        if let md5 { keys.append("md5=\"\(md5)\"") }
        if let sha256 { keys.append("sha256=\"\(sha256)\"") }
        if let fileName { keys.append("fn=\"\(fileName)\"") }
        if let url { keys.append("url=\"\(url)\"") }
        if let license { keys.append("license=\"\(license)\"") }
        if let licenseFamily { keys.append("license_family=\"\(licenseFamily)\"") }
        if let trackFeatures { keys.append("track_features=\"\(trackFeatures.joined(separator: " "))\"") }
        if let flags { keys.append("flags=[\(flags.map(\.description).joined(separator: ", "))]") }
        if let extras { keys.append("extras=[\(extras.joined(separator: ", "))]") }
        if let condition { keys.append("when=\"\(condition)\"") }
        if !keys.isEmpty { text += "[" + keys.joined(separator: ", ") + "]" }
        return text
    }
}

/// Why a MatchSpec string was rejected.
package struct MatchSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec string that failed to parse.
    package let input: String
    /// What was wrong, for people.
    package let message: String

    package var description: String { "invalid match spec '\(input)': \(message)" }
}
