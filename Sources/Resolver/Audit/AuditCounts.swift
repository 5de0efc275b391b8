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

    public init(errors: Int, warnings: Int, infos: Int, specs: Int, new: Int, newErrors: Int, fixed: Int,
                unchanged: Int, unverified: Int) {
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.specs = specs
        self.new = new
        self.newErrors = newErrors
        self.fixed = fixed
        self.unchanged = unchanged
        self.unverified = unverified
    }
}
