import Resolver
/// The numbers an audit is summed up by.
package struct AuditCounts: Sendable, Equatable {
    package var errors: Int
    package var warnings: Int
    package var infos: Int
    package var specs: Int
    package var new: Int
    package var newErrors: Int
    package var fixed: Int
    package var unchanged: Int
    package var unverified: Int
    /// Of `fixed`, the findings whose spec is gone today (not fixed: gone with the spec).
    package var goneWithSpec: Int
    /// Of `errors`, those that say the verdict is unknown (`source-unreachable`).
    package var unknownErrors: Int

    /// Fixed in specs still audited today.
    package var reallyFixed: Int { fixed - goneWithSpec }
    /// Errors that need a fix in a spec (not an outage).
    package var errorsToFix: Int { errors - unknownErrors }

    package init(errors: Int, warnings: Int, infos: Int, specs: Int, new: Int, newErrors: Int, fixed: Int,
                unchanged: Int, unverified: Int, goneWithSpec: Int = 0, unknownErrors: Int = 0) {
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.specs = specs
        self.new = new
        self.newErrors = newErrors
        self.fixed = fixed
        self.unchanged = unchanged
        self.unverified = unverified
        self.goneWithSpec = goneWithSpec
        self.unknownErrors = unknownErrors
    }
}
