/// Which map of a repodata document a record sits in.
package enum RepodataSection: UInt8, Sendable, Hashable {
    /// `packages`: `.tar.bz2` files.
    case packages = 0
    /// `packages.conda`: `.conda` files, preferred over a `.tar.bz2` of the same stem.
    case conda = 1

    /// The key in repodata.json and in a shard.
    package var key: String { self == .packages ? "packages" : "packages.conda" }
}
