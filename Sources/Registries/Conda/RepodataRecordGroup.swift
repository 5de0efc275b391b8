import CondaPackaging
import Foundation

/// Records of one name from one section of a subdir, as the source holds them: the raw JSON
/// object `{"FILENAME": RECORD, …}` of a compact index (decoded only when that name is asked
/// for), or records already read from a CEP-16 shard.
struct RepodataRecordGroup: Sendable {
    enum Payload: Sendable {
        case json(Data)
        case records([PackageRecord])
    }

    var section: RepodataSection
    var payload: Payload

    init(section: RepodataSection, json: Data) {
        self.section = section
        self.payload = .json(json)
    }

    init(section: RepodataSection, records: [PackageRecord]) {
        self.section = section
        self.payload = .records(records)
    }
}
