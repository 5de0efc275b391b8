/// One record of a conda channel's repodata: a single package file.
///
/// Decoding is tolerant: unknown keys are ignored and an optional field of an unexpected
/// type is dropped rather than failing the record. Only `name` must be a string; `version`
/// and `build` default to empty, `build_number` to 0.
package struct PackageRecord: Sendable, Hashable, Decodable {
    /// The package file name, the key of the record in `packages` / `packages.conda`.
    package var fileName: String
    /// The name as written in the record.
    package var name: String
    /// The version string as written.
    package let version: String
    /// The parsed version, or nil when the string is not a valid conda version.
    package let parsedVersion: CondaVersion?
    /// The build string (`py38h1234_0`).
    package var build: String
    /// `build_number` (0 when absent or not a number).
    package var buildNumber: UInt64
    /// The record's own `subdir` field (may differ from the file it was listed in).
    package var subdir: String?
    /// Dependency MatchSpec strings.
    package var depends: [String]
    /// Constraint MatchSpec strings (apply only if the package is installed).
    package var constrains: [String]
    /// `noarch`, if the package is platform-independent.
    package var noarch: NoarchKind?
    /// Milliseconds since 1970. Values up to 253402300799 (the last second of year 9999) are
    /// taken as seconds and converted, larger ones as milliseconds, as rattler does.
    package var timestamp: Int64?
    /// MD5 of the package file, hex.
    package var md5: String?
    /// SHA-256 of the package file, hex.
    package var sha256: String?
    /// Size of the package file in bytes.
    package var size: Int64?
    /// `license`.
    package var license: String?
    /// `license_family`.
    package var licenseFamily: String?
    /// Legacy `features` (space-separated), as written.
    package var features: String?
    /// `track_features`, split into names.
    package var trackFeatures: [String]
    /// Legacy `platform` (`linux`, `osx`, `win`).
    package var platform: String?
    /// Legacy `arch` (`x86_64`, ...).
    package var arch: String?
    /// Record flags (newer repodata), matched by `[flags=...]`.
    package var flags: [String]

    /// The name in the lower case that MatchSpecs compare against. Asked of every record a spec
    /// is matched with, and almost every name is lower-case ASCII already: that one is returned
    /// as it is, without building a new string.
    package var normalizedName: String {
        name.utf8.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } ? name.lowercased() : name
    }

    /// The largest timestamp that is still read as seconds.
    package static let largestTimestampInSeconds: Int64 = 253_402_300_799

    /// Builds a record from field values (for tests and synthetic records).
    package init(
        fileName: String, name: String, version: String, build: String, buildNumber: UInt64 = 0,
        subdir: String? = nil, depends: [String] = [], constrains: [String] = [], noarch: NoarchKind? = nil,
        timestamp: Int64? = nil, md5: String? = nil, sha256: String? = nil, size: Int64? = nil,
        license: String? = nil, licenseFamily: String? = nil, features: String? = nil,
        trackFeatures: [String] = [], platform: String? = nil, arch: String? = nil, flags: [String] = []
    ) {
        self.fileName = fileName
        self.name = name
        self.version = version
        self.parsedVersion = try? CondaVersion(version)
        self.build = build
        self.buildNumber = buildNumber
        self.subdir = subdir
        self.depends = depends
        self.constrains = constrains
        self.noarch = noarch
        self.timestamp = timestamp
        self.md5 = md5
        self.sha256 = sha256
        self.size = size
        self.license = license
        self.licenseFamily = licenseFamily
        self.features = features
        self.trackFeatures = trackFeatures
        self.platform = platform
        self.arch = arch
        self.flags = flags
    }

    /// Why a repodata entry could not be read as a record.
    package struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong, for people.
        package let description: String
    }

    package init(from decoder: Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .object(let object) = value else {
            throw DecodingError(description: "a repodata record must be a JSON object")
        }
        try self.init(fileName: object["fn"]?.string ?? "", object: object)
    }

    init(fileName: String, object: [String: JSONValue]) throws(DecodingError) {
        guard let name = object["name"]?.string else {
            throw DecodingError(description: "record \(fileName) has no string 'name'")
        }
        self.init(fileName: fileName, name: name, version: object["version"]?.string ?? "",
                  build: object["build"]?.string ?? "")
        if let number = object["build_number"]?.int64, number >= 0 { buildNumber = UInt64(number) }
        subdir = object["subdir"]?.string
        depends = object["depends"]?.stringList ?? []
        constrains = object["constrains"]?.stringList ?? []
        noarch = Self.noarch(object["noarch"])
        timestamp = object["timestamp"]?.int64Truncating.map(Self.normalizedTimestamp)
        md5 = object["md5"]?.string
        sha256 = object["sha256"]?.string
        size = object["size"]?.int64
        license = object["license"]?.string
        licenseFamily = object["license_family"]?.string
        switch object["features"] {
        case .string(let text)?: features = text
        case .array(let items)?: features = items.compactMap(\.string).joined(separator: " ")
        default: features = nil
        }
        trackFeatures = Self.trackFeatures(object["track_features"])
        platform = object["platform"]?.string
        arch = object["arch"]?.string
        flags = object["flags"]?.stringList ?? []
    }

    static func noarch(_ value: JSONValue?) -> NoarchKind? {
        switch value {
        case .string(let text)?: return NoarchKind(rawValue: text)
        case .bool(true)?: return .generic
        default: return nil
        }
    }

    /// `track_features` is a list, or one string of names separated by spaces or commas.
    static func trackFeatures(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?:
            return text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
        case .array(let items)?:
            return items.compactMap(\.string).filter { !$0.isEmpty }
        default:
            return []
        }
    }

    /// Seconds become milliseconds; milliseconds stay.
    static func normalizedTimestamp(_ raw: Int64) -> Int64 {
        raw > largestTimestampInSeconds ? raw : raw * 1000
    }

    package static func == (lhs: PackageRecord, rhs: PackageRecord) -> Bool {
        lhs.fileName == rhs.fileName && lhs.name == rhs.name && lhs.version == rhs.version
            && lhs.build == rhs.build && lhs.buildNumber == rhs.buildNumber && lhs.subdir == rhs.subdir
            && lhs.depends == rhs.depends && lhs.constrains == rhs.constrains && lhs.noarch == rhs.noarch
            && lhs.timestamp == rhs.timestamp && lhs.md5 == rhs.md5 && lhs.sha256 == rhs.sha256
            && lhs.size == rhs.size && lhs.license == rhs.license && lhs.licenseFamily == rhs.licenseFamily
            && lhs.features == rhs.features && lhs.trackFeatures == rhs.trackFeatures
            && lhs.platform == rhs.platform && lhs.arch == rhs.arch && lhs.flags == rhs.flags
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(fileName)
        hasher.combine(name)
        hasher.combine(version)
        hasher.combine(build)
        hasher.combine(sha256)
    }
}

extension JSONValue {
    /// An integer, truncating finite floats (a float timestamp is kept, not dropped).
    var int64Truncating: Int64? {
        if case .number(let value) = self, value.isFinite, abs(value) < 9.2e18 { return Int64(value) }
        return int64
    }
}
