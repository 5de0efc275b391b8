/// The package-index options a spec sets for pip (`--index-url`, `--extra-index-url`, ...).
///
/// Options from included files and from every line accumulate here, as pip applies them to
/// the whole install.
package struct IndexOptions: Sendable, Hashable {
    /// `-i` / `--index-url`; the last one given wins, as in pip.
    package var indexURL: String?
    /// `--extra-index-url`, in order, each once.
    package var extraIndexURLs: [String]
    /// `-f` / `--find-links`, in order, each once.
    package var findLinks: [String]
    /// `--pre`: pre-releases are allowed.
    package var pre: Bool
    /// `--only-binary` values, split at commas (`:all:`, `:none:` or names).
    package var onlyBinary: [String]
    /// `--no-binary` values, split at commas.
    package var noBinary: [String]
    /// `--no-index`: no index is used at all.
    package var noIndex: Bool
    /// `--trusted-host` values.
    package var trustedHosts: [String]
    /// `--prefer-binary`.
    package var preferBinary: Bool
    /// `--require-hashes`, or implied by any `--hash`.
    package var requireHashes: Bool

    package init(
        indexURL: String? = nil, extraIndexURLs: [String] = [], findLinks: [String] = [],
        pre: Bool = false, onlyBinary: [String] = [], noBinary: [String] = [], noIndex: Bool = false,
        trustedHosts: [String] = [], preferBinary: Bool = false, requireHashes: Bool = false
    ) {
        self.indexURL = indexURL
        self.extraIndexURLs = extraIndexURLs
        self.findLinks = findLinks
        self.pre = pre
        self.onlyBinary = onlyBinary
        self.noBinary = noBinary
        self.noIndex = noIndex
        self.trustedHosts = trustedHosts
        self.preferBinary = preferBinary
        self.requireHashes = requireHashes
    }

    /// True when nothing was set: pip uses its configured defaults.
    package var isEmpty: Bool { self == IndexOptions() }
}
