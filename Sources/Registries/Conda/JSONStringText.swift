import Foundation

/// Decodes the raw bytes between a JSON string's quotes when they contain escapes (rare in
/// repodata: the scanner keeps the raw bytes and only pays for decoding here).
enum JSONStringText {
    static func decode(quotedContent raw: [UInt8]) -> String? {
        var quoted: [UInt8] = [UInt8(ascii: "[")]
        quoted.append(UInt8(ascii: "\""))
        quoted.append(contentsOf: raw)
        quoted.append(UInt8(ascii: "\""))
        quoted.append(UInt8(ascii: "]"))
        guard let array = try? JSONSerialization.jsonObject(with: Data(quoted)) as? [String] else { return nil }
        return array.first
    }
}
