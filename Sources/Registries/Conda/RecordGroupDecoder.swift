import CondaPackaging
import Foundation
import Transport

/// Decodes the raw record groups of one name into `ChannelRecord`s: a record that cannot be read
/// is skipped rather than failing its neighbours, and a `.conda` record wins over the
/// `.tar.bz2` of the same stem (they are the same package).
enum RecordGroupDecoder {
    /// The groups were not JSON at all: the repodata (or a shard) is garbage.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func decode(_ groups: [RepodataRecordGroup], name: String, from subdir: SubdirRepodata) throws -> [ChannelRecord] {
        var tarBz2: [String: PackageRecord] = [:]
        var conda: [String: PackageRecord] = [:]
        for group in groups {
            let entries: [PackageRecord]
            switch group.payload {
            case .records(let records):
                entries = records
            case .json(let json):
                do {
                    entries = try json.withUnsafeBytes { bytes throws(RepodataError) in try PackageRecord.records(fromGroup: bytes) }
                } catch {
                    throw Failure(description: "records of \(name) are not valid JSON")
                }
            }
            for record in entries where record.normalizedName == name {
                if group.section == .conda { conda[record.fileName] = record } else { tarBz2[record.fileName] = record }
            }
        }
        var stems = Set<String>()
        for filename in conda.keys { stems.insert(PackageFilename.stem(of: filename)) }
        var records: [ChannelRecord] = []
        let base = Redaction.stripCredentials(subdir.packageBaseURL)
        for (filename, record) in conda.sorted(by: { $0.key < $1.key }) {
            records.append(ChannelRecord(record: record, channel: subdir.channel, subdir: subdir.subdir, url: base + filename))
        }
        for (filename, record) in tarBz2.sorted(by: { $0.key < $1.key }) where !stems.contains(PackageFilename.stem(of: filename)) {
            records.append(ChannelRecord(record: record, channel: subdir.channel, subdir: subdir.subdir, url: base + filename))
        }
        return records
    }
}
