import CondaPackaging
import Foundation

/// Builds `PackageRecord`s from already-parsed entries (CEP-16 msgpack shards, decoded to
/// Foundation values); JSON record groups go through `PackageRecord.records(fromGroup:)`. The
/// tolerance rules are `PackageRecord`'s own: only `name` must be a string; a field of an
/// unexpected type is dropped; `noarch: true` means generic; timestamps in seconds become
/// milliseconds.
enum PackageRecordReader {
    static func record(fileName: String, fields: [String: Any]) -> PackageRecord? {
        guard let name = fields["name"] as? String else { return nil }
        var record = PackageRecord(fileName: fileName, name: name, version: string(fields["version"]) ?? "",
                                   build: string(fields["build"]) ?? "")
        if let number = int64(fields["build_number"]), number >= 0 { record.buildNumber = UInt64(number) }
        record.subdir = string(fields["subdir"])
        record.depends = stringList(fields["depends"]) ?? []
        record.constrains = stringList(fields["constrains"]) ?? []
        record.noarch = noarch(fields["noarch"])
        record.timestamp = int64Truncating(fields["timestamp"]).map(normalizedTimestamp)
        record.md5 = string(fields["md5"])
        record.sha256 = string(fields["sha256"])
        record.size = int64(fields["size"])
        record.license = string(fields["license"])
        record.licenseFamily = string(fields["license_family"])
        if let text = string(fields["features"]) {
            record.features = text
        } else if let items = fields["features"] as? [Any] {
            record.features = items.compactMap(string).joined(separator: " ")
        }
        if let text = string(fields["track_features"]) {
            record.trackFeatures = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
        } else if let items = fields["track_features"] as? [Any] {
            record.trackFeatures = items.compactMap(string).filter { !$0.isEmpty }
        }
        record.platform = string(fields["platform"])
        record.arch = string(fields["arch"])
        record.flags = stringList(fields["flags"]) ?? []
        return record
    }

    private static func string(_ value: Any?) -> String? { value as? String }

    private static func stringList(_ value: Any?) -> [String]? {
        if let items = value as? [Any] { return items.compactMap { $0 as? String } }
        if let text = value as? String { return [text] }
        return nil
    }

    /// A JSON boolean, told apart from the numbers 0 and 1.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSONSerialization gives booleans the Objective-C type code `c`, numbers `i`, `q` or `d`.
        number.objCType.pointee == CChar(UInt8(ascii: "c"))
    }

    private static func int64(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber, !isBoolean(number) {
            let double = number.doubleValue
            if double.isFinite, double.rounded(.towardZero) == double, abs(double) < 9.2e18 { return number.int64Value }
            return nil
        }
        if let text = value as? String { return Int64(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    private static func int64Truncating(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber, !isBoolean(number) {
            let double = number.doubleValue
            if double.isFinite, abs(double) < 9.2e18 {
                return double.rounded(.towardZero) == double ? number.int64Value : Int64(double)
            }
            return nil
        }
        return int64(value)
    }

    private static func noarch(_ value: Any?) -> NoarchKind? {
        if let text = value as? String { return NoarchKind(rawValue: text) }
        if let number = value as? NSNumber, isBoolean(number), number.boolValue { return .generic }
        return nil
    }

    /// Values up to the last second of year 9999 are seconds (as rattler reads them).
    private static func normalizedTimestamp(_ raw: Int64) -> Int64 {
        raw > PackageRecord.largestTimestampInSeconds ? raw : raw * 1000
    }
}
