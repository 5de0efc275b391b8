import Foundation

/// Finds members of an (uncompressed) tar archive: ustar names with prefix, GNU long names and
/// pax `path` records, which sdists of every age use.
package enum TarReader {
    package struct Member {
        package var name: String
        package var contents: Data
    }

    /// The first regular file whose name satisfies `wanted`.
    package static func first(in archive: Data, where wanted: (String) -> Bool) -> Member? {
        let bytes = [UInt8](archive)
        var i = 0
        var longName: String?
        while i + 512 <= bytes.count {
            let header = bytes[i..<(i + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }
            let sizeField = String(decoding: header[(i + 124)..<(i + 136)].prefix { $0 != 0 && $0 != 0x20 }, as: UTF8.self)
            guard let size = Int(sizeField.trimmingCharacters(in: .whitespaces), radix: 8), size >= 0 else { return nil }
            let type = header[i + 156]
            let dataStart = i + 512
            let dataEnd = dataStart + size
            guard dataEnd <= bytes.count else { return nil }
            var name = cString(header, i, 100)
            let prefix = cString(header, i + 345, 155)
            if !prefix.isEmpty { name = prefix + "/" + name }
            switch type {
            case UInt8(ascii: "L"):
                longName = cString(bytes[dataStart..<dataEnd], dataStart, size)
            case UInt8(ascii: "x"):
                longName = paxPath(bytes[dataStart..<dataEnd]) ?? longName
            case UInt8(ascii: "0"), 0:
                let effective = longName ?? name
                longName = nil
                if wanted(effective) { return Member(name: effective, contents: Data(bytes[dataStart..<dataEnd])) }
            default:
                longName = nil
            }
            i = dataStart + (size + 511) / 512 * 512
        }
        return nil
    }

    static func cString(_ bytes: ArraySlice<UInt8>, _ start: Int, _ length: Int) -> String {
        let end = min(start + length, bytes.endIndex)
        return String(decoding: bytes[start..<end].prefix { $0 != 0 }, as: UTF8.self)
    }

    /// pax records are `LEN key=value\n`.
    static func paxPath(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        for record in text.split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let pair = record[record.index(after: space)...]
            if pair.hasPrefix("path=") { return String(pair.dropFirst(5)) }
        }
        return nil
    }
}
