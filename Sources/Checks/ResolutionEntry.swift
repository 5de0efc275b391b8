/// What would be installed for one target, or why nothing can be.
package struct ResolutionEntry: Sendable, Codable, Equatable {
    package enum Status: String, Sendable, Codable {
        case resolved, unsatisfiable, unknown
    }

    package struct Package: Sendable, Codable, Equatable {
        package var name: String
        package var version: String
        /// `pypi` or `conda`.
        package var source: String
        package var filename: String?
        /// Conda records: the channel (as the spec names it) and the build string.
        package var channel: String?
        package var build: String?

        package init(name: String, version: String, source: String, filename: String?, channel: String? = nil, build: String? = nil) {
            self.name = name
            self.version = version
            self.source = source
            self.filename = filename
            self.channel = channel
            self.build = build
        }
    }

    package var target: Target
    package var status: Status
    package var packages: [Package]

    package init(target: Target, status: Status, packages: [Package]) {
        self.target = target
        self.status = status
        self.packages = packages
    }
}

/// A spec line that takes part in a finding (the requirements an `unsatisfiable` explanation rests on).
package struct RelatedLocation: Sendable, Codable, Hashable {
    package var path: String
    package var line: Int
    package var column: Int
    package var requirement: String

    package init(path: String, line: Int, column: Int, requirement: String) {
        self.path = path
        self.line = line
        self.column = column
        self.requirement = requirement
    }
}
