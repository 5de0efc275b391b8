import Foundation

/// A decoded `repodata.json`: the records of one channel subdir.
package struct Repodata: Sendable, Hashable {
    /// `info.subdir`.
    package var subdir: String?
    /// `info.base_url` (CEP-15: where the package files live when not next to the index).
    package var baseURL: String?
    /// `repodata_version`.
    package var repodataVersion: Int?
    /// Every record, `.conda` and `.tar.bz2` merged: when both exist for the same file stem
    /// the `.conda` record is kept. Sorted by file name.
    package var records: [PackageRecord]
    /// `.tar.bz2` records left out because a `.conda` record of the same stem exists.
    package var supersededRecords: [PackageRecord]
    /// File names listed under `removed`.
    package var removed: [String]
    /// Entries under `packages` (`.tar.bz2`) before merging, including any that failed.
    package var tarBz2EntryCount: Int
    /// Entries under `packages.conda` before merging, including any that failed.
    package var condaEntryCount: Int
    /// Entries that could not be read as records (not an object, no name), with the reason.
    package var skippedEntries: [String: String]
}

/// Why a repodata document could not be decoded at all.
package struct RepodataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, for people.
    package let description: String
}

extension PackageRecord {
    /// Decodes a whole `repodata.json`. Only a document that is not a JSON object fails;
    /// a bad entry is skipped and listed in ``Repodata/skippedEntries``.
    package static func decodeRepodata(_ data: Data) throws(RepodataError) -> Repodata {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw RepodataError(description: "repodata is not valid JSON: \(error)")
        }
        guard case .object(let object) = root else {
            throw RepodataError(description: "repodata must be a JSON object")
        }
        let info = object["info"]?.object
        var skipped: [String: String] = [:]

        func records(_ key: String) -> (records: [String: PackageRecord], count: Int) {
            guard let entries = object[key]?.object else { return ([:], 0) }
            var result: [String: PackageRecord] = [:]
            for (fileName, entry) in entries {
                guard case .object(let fields) = entry else {
                    skipped[fileName] = "not a JSON object"
                    continue
                }
                do {
                    result[fileName] = try PackageRecord(fileName: fileName, object: fields)
                } catch {
                    skipped[fileName] = error.description
                }
            }
            return (result, entries.count)
        }

        let tarBz2 = records("packages")
        let conda = records("packages.conda")
        var merged = conda.records
        var superseded: [PackageRecord] = []
        for (fileName, record) in tarBz2.records {
            let stem = fileName.hasSuffix(".tar.bz2") ? String(fileName.dropLast(8)) : fileName
            if merged[stem + ".conda"] == nil { merged[fileName] = record } else { superseded.append(record) }
        }
        return Repodata(
            subdir: info?["subdir"]?.string,
            baseURL: info?["base_url"]?.string,
            repodataVersion: object["repodata_version"]?.int64.flatMap { Int(exactly: $0) },
            records: merged.values.sorted { $0.fileName < $1.fileName },
            supersededRecords: superseded.sorted { $0.fileName < $1.fileName },
            removed: object["removed"]?.stringList ?? [],
            tarBz2EntryCount: tarBz2.count,
            condaEntryCount: conda.count,
            skippedEntries: skipped)
    }
}
