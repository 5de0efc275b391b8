/// Input `exists --source pypi` cannot work with (exit status 2).
package enum PyPILookupError: Error, Sendable, Equatable {
    /// Not a PEP 508 requirement; why.
    case invalidRequirement(String)
    /// A direct URL reference (`name @ https://…`): there is no index entry to check.
    case directReference
}
