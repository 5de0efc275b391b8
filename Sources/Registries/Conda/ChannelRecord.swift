import CondaPackaging

/// A package record together with where it was found: what `exists` reports as `best` and what
/// `check` walks for transitive dependencies.
package struct ChannelRecord: Sendable, Hashable {
    package var record: PackageRecord
    package var channel: CondaChannel
    /// The subdir whose repodata lists the record (the target's or `noarch`).
    package var subdir: String
    /// The package file name (`numpy-1.24.4-py38h….conda`).
    package var filename: String { record.fileName }
    /// Where the file can be downloaded (CEP-15 `base_url` honoured), credentials removed.
    package var url: String

    package init(record: PackageRecord, channel: CondaChannel, subdir: String, url: String) {
        self.record = record
        self.channel = channel
        self.subdir = subdir
        self.url = url
    }
}
