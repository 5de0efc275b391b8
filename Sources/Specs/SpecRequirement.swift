/// One requirement of a spec, as text, with the exact place it was written.
///
/// `Specs` does not parse the text: the resolver parses it (PEP 508 or MatchSpec) and
/// reports `invalid-spec` at `position` when it cannot.
package struct SpecRequirement: Sendable, Hashable {
    package var ecosystem: Ecosystem
    /// The requirement alone: PEP 508 text (pip) or a MatchSpec (conda), environment
    /// variables expanded, without options, hashes or comments.
    package var text: String
    /// Where the first character of `text` is.
    package var position: SourcePosition
    /// `algorithm:digest` values from `--hash` options, in the order written.
    package var hashes: [String]
    /// Written with `-e` / `--editable`.
    package var isEditable: Bool
    /// Set when the requirement names a URL, a VCS checkout or a local path.
    package var reference: Reference?
    /// Read from a constraints file (`-c`): it limits versions but installs nothing.
    package var isConstraint: Bool
    /// Where in the spec it was listed: `dependencies`, `pip`, `build_dependencies`,
    /// `optional-dependencies.dev`, `build-system.requires`, `pip install`, ...
    package var section: String?

    package init(
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
