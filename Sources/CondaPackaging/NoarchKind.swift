/// The `noarch` field of a conda record.
package enum NoarchKind: String, Sendable, Hashable {
    /// `noarch: generic`, and the legacy `noarch: true`.
    case generic
    /// `noarch: python`.
    case python
}
