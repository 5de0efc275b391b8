import Checks
import PythonPackaging
import Registries
import Transport

/// A requirement's project on the indexes → a verdict per target: reads the project's listing
/// across the indexes, and when no index has it the first index's project names to suggest
/// from, then computes `PyPIAvailability`'s verdicts. `preflight exists --source pypi` asks it
/// for its one requirement, `check`'s pip side for each requirement line (the pip side of what
/// `CondaLookup` is for conda).
package struct PyPILookup: Sendable {
    package let client: any PackageIndex
    /// The indexes' project names, for suggestions on a name no index has.
    package let names: any ProjectNameSource
    /// The run's memory: verdicts and parsed listings already worked out.
    package let session: CheckSession

    package init(client: any PackageIndex, names: any ProjectNameSource, session: CheckSession) {
        self.client = client
        self.names = names
        self.session = session
    }

    /// A lookup on these indexes and `--find-links` locations.
    package init(http: HTTPClient, session: CheckSession, indexURLs: [String], findLinks: [String], projectListLifetime: Double) {
        self.init(client: PyPIClient(http: http, parsedPages: session.parsedPages, indexURLs: indexURLs, findLinks: findLinks,
                                     projectListLifetime: projectListLifetime),
                  names: ProjectNameIndex(http: http, lifetime: projectListLifetime), session: session)
    }

    package struct Answer: Sendable {
        /// The project's files across the indexes; nil when no index has it.
        package var listing: ProjectListing?
        /// One verdict per target, in the order asked.
        package var verdicts: [Availability]
        /// Why no names could be suggested for a project no index has: its index's list of
        /// project names could not be read. Nil when it was read, or not needed.
        package var namesFailure: String?
    }

    /// The verdicts on a parsed requirement; `text` is the requirement as written.
    /// `constraints`: further limits a suggested version must satisfy (a constraints file's lines).
    ///
    /// Throws what reading the listing throws: `RegistryError` when an index cannot be read.
    package func availability(of requirement: Requirement, text: String, targets: [Target], allowSdist: Bool,
                              constraints: [SpecifierSet] = []) async throws -> Answer {
        let listing = try await client.listing(for: requirement.name)
        var projectNames: [String] = []
        var namesFailure: String? = nil
        if listing == nil, let index = client.indexURLs.first {
            do {
                projectNames = try await names.names(index: index)
            } catch {
                namesFailure = "\(error)"
            }
        }
        let verdicts = targets.map {
            PyPIAvailability.evaluate(requirement: requirement, requirementText: text, listing: listing, target: $0,
                                      allowSdist: allowSdist, projectNames: projectNames, constraints: constraints, session: session)
        }
        return Answer(listing: listing, verdicts: verdicts, namesFailure: namesFailure)
    }

    /// The verdicts on a requirement as written (`preflight exists`).
    ///
    /// Throws `PyPILookupError` for a requirement that does not parse or is a direct URL
    /// reference (exit 2), and `RegistryError` when an index cannot be read (exit 3).
    package func availability(requirement text: String, targets: [Target], allowSdist: Bool) async throws -> Answer {
        let requirement = try Self.parse(text)
        return try await availability(of: requirement, text: text, targets: targets, allowSdist: allowSdist)
    }

    /// The project a requirement names (normalized, as the answer's `name` states it); nil when it does not parse.
    package static func name(of requirement: String) -> String? {
        (try? Requirement(requirement))?.normalizedName
    }

    static func parse(_ text: String) throws -> Requirement {
        let requirement: Requirement
        do {
            requirement = try Requirement(text)
        } catch {
            throw PyPILookupError.invalidRequirement("\(error)")
        }
        if requirement.url != nil { throw PyPILookupError.directReference }
        return requirement
    }
}
