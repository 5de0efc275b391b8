/// Collects the records a `RepodataScanner` finds into runs: maximal sequences of consecutive
/// records of one name in one section. Repodata lists a package's records together (sorted by
/// filename), so a name usually has one or two runs, and a lookup reads one or two byte ranges.
struct RepodataRunCollector {
    struct Run {
        var nameID: Int32
        var section: RepodataSection
        var start: Int
        var end: Int
        var records: Int32
    }

    /// Distinct names in the order first seen.
    private(set) var names: [String] = []
    private(set) var runs: [Run] = []
    private(set) var recordCount = 0
    private var ids: [String: Int32] = [:]
    private var current: Run?
    private var currentName: [UInt8] = []

    mutating func add(nameBytes: [UInt8], section: RepodataSection, start: Int, end: Int) {
        recordCount += 1
        if var run = current, run.section == section, nameBytes == currentName {
            run.end = end
            run.records += 1
            current = run
            return
        }
        flush()
        let name = Self.lowercasedASCII(nameBytes)
        let id: Int32
        if let known = ids[name] {
            id = known
        } else {
            id = Int32(names.count)
            ids[name] = id
            names.append(name)
        }
        current = Run(nameID: id, section: section, start: start, end: end, records: 1)
        currentName = nameBytes
    }

    mutating func flush() {
        if let run = current { runs.append(run) }
        current = nil
    }

    /// conda names are lower case; an odd record spelling one with capitals is filed under lower case.
    static func lowercasedASCII(_ bytes: [UInt8]) -> String {
        if !bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
