import Registries

/// What would be installed for one target, or why nothing can be.
public struct ResolutionEntry: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case resolved, unsatisfiable, unknown
    }

    public struct Package: Sendable, Codable, Equatable {
        public var name: String
        public var version: String
        /// `pypi` or `conda`.
        public var source: String
        public var filename: String?
        /// Conda records: the channel (as the spec names it) and the build string.
        public var channel: String?
        public var build: String?

        public init(name: String, version: String, source: String, filename: String?, channel: String? = nil, build: String? = nil) {
            self.name = name
            self.version = version
            self.source = source
            self.filename = filename
            self.channel = channel
            self.build = build
        }
    }

    public var target: Target
    public var status: Status
    public var packages: [Package]

    public init(target: Target, status: Status, packages: [Package]) {
        self.target = target
        self.status = status
        self.packages = packages
    }
}

/// A spec line that takes part in a finding (the requirements an `unsatisfiable` explanation rests on).
public struct RelatedLocation: Sendable, Codable, Hashable {
    public var path: String
    public var line: Int
    public var column: Int
    public var requirement: String

    public init(path: String, line: Int, column: Int, requirement: String) {
        self.path = path
        self.line = line
        self.column = column
        self.requirement = requirement
    }
}
