/// The numbers an audit is summed up by.
public struct AuditCounts: Sendable, Equatable {
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var specs: Int
    public var new: Int
    public var newErrors: Int
    public var fixed: Int
    public var unchanged: Int
    public var unverified: Int
    /// Of `fixed`, the findings whose spec is gone today (not fixed: gone with the spec).
    public var goneWithSpec: Int
    /// Of `errors`, those that say the verdict is unknown (`source-unreachable`).
    public var unknownErrors: Int

    /// Fixed in specs still audited today.
    public var reallyFixed: Int { fixed - goneWithSpec }
    /// Errors that need a fix in a spec (not an outage).
    public var errorsToFix: Int { errors - unknownErrors }

    public init(errors: Int, warnings: Int, infos: Int, specs: Int, new: Int, newErrors: Int, fixed: Int,
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
