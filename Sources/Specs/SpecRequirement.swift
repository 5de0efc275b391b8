/// One requirement of a spec, as text, with the exact place it was written.
///
/// `Specs` does not parse the text: the resolver parses it (PEP 508 or MatchSpec) and
/// reports `invalid-spec` at `position` when it cannot.
public struct SpecRequirement: Sendable, Hashable {
    public var ecosystem: Ecosystem
    /// The requirement alone: PEP 508 text (pip) or a MatchSpec (conda), environment
    /// variables expanded, without options, hashes or comments.
    public var text: String
    /// Where the first character of `text` is.
    public var position: SourcePosition
    /// `algorithm:digest` values from `--hash` options, in the order written.
    public var hashes: [String]
    /// Written with `-e` / `--editable`.
    public var isEditable: Bool
    /// Set when the requirement names a URL, a VCS checkout or a local path.
    public var reference: Reference?
    /// Read from a constraints file (`-c`): it limits versions but installs nothing.
    public var isConstraint: Bool
    /// Where in the spec it was listed: `dependencies`, `pip`, `build_dependencies`,
    /// `optional-dependencies.dev`, `build-system.requires`, `pip install`, ...
    public var section: String?

    public init(
        ecosystem: Ecosystem, text: String, position: SourcePosition, hashes: [String] = [],
        isEditable: Bool = false, reference: Reference? = nil, isConstraint: Bool = false,
        section: String? = nil
    ) {
        self.ecosystem = ecosystem
        self.text = text
        self.position = position
        self.hashes = hashes
        self.isEditable = isEditable
        self.reference = reference
        self.isConstraint = isConstraint
        self.section = section
    }
}
