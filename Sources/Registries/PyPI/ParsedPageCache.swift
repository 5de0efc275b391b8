import Foundation
import Transport

/// Project pages parsed once: the files of a page are kept as compact tab-separated lines,
/// named by the SHA-256 of the page body and its URL, so a later run that gets the same body
/// (from the HTTP cache, or revalidated) skips decoding megabytes of JSON or HTML again.
/// A damaged file fails its trailer check and is rebuilt.
struct ParsedPageCache: Sendable {
    let directory: URL
    /// The pages already read in this run.
    let memory: ParsedPageMemory

    init?(cache: HTTPCache?, memory: ParsedPageMemory) {
        guard let cache else { return nil }
        directory = CacheFolder.pypiPages.url(in: cache.root)
        self.memory = memory
    }

    private static let magic = "PFPAGE1"
    /// Pages with fewer files are kept in memory only (more than half of an audit's pages).
    static let smallestPageKept = 100

    private func file(digest: String, pageURL: String) -> URL {
        directory.appendingPathComponent(SHA256Digest.hex(digest + "\n" + pageURL))
    }

    private static func memoryKey(_ digest: String, _ pageURL: String, _ indexURL: String) -> String {
        digest + "\n" + pageURL + "\n" + indexURL
    }

    func load(digest: String, pageURL: String, indexURL: String) -> [DistributionFile]? {
        let key = Self.memoryKey(digest, pageURL, indexURL)
        if let known = memory.pages[key] { return known }
        guard let files = loadFromDisk(digest: digest, pageURL: pageURL, indexURL: indexURL) else { return nil }
        memory.pages.store(files, for: key)
        return files
    }

    private func loadFromDisk(digest: String, pageURL: String, indexURL: String) -> [DistributionFile]? {
        guard let data = try? Data(contentsOf: file(digest: digest, pageURL: pageURL)) else { return nil }
        // Byte-level splitting: this runs over tens of thousands of lines per walk.
        return data.withUnsafeBytes { raw -> [DistributionFile]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines: [Range<Int>] = []
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                lines.append(start..<i)
                start = i + 1
            }
            func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
            guard lines.count >= 2, text(lines[0]) == Self.magic else { return nil }
            let trailer = text(lines[lines.count - 1])
            guard trailer.hasPrefix("END "), let count = Int(trailer.dropFirst(4)), count == lines.count - 2 else { return nil }
            var files: [DistributionFile] = []
            files.reserveCapacity(count)
            for line in lines[1..<(lines.count - 1)] {
                var fields: [String] = []
                fields.reserveCapacity(8)
                var fieldStart = line.lowerBound
                for i in line where bytes[i] == 0x09 {
                    fields.append(Self.unescape(text(fieldStart..<i)))
                    fieldStart = i + 1
                }
                fields.append(Self.unescape(text(fieldStart..<line.upperBound)))
                guard fields.count == 8 else { return nil }
                var hashes: [String: String] = [:]
                for pair in fields[2].split(separator: ",") {
                    guard let eq = pair.firstIndex(of: "=") else { continue }
                    hashes[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
                }
                files.append(DistributionFile(filename: fields[0], url: fields[1], hashes: hashes,
                                              requiresPython: fields[3].isEmpty ? nil : fields[3], yanked: fields[4] == "1",
                                              yankedReason: fields[5].isEmpty ? nil : fields[5], hasCoreMetadata: fields[6] == "1",
                                              size: Int(fields[7]), indexURL: indexURL))
            }
            return files
        }
    }

    /// Written byte by byte: this runs once per project page of a cold run, tens of thousands of lines.
    func store(_ files: [DistributionFile], digest: String, pageURL: String) {
        if let indexURL = files.first?.indexURL { memory.pages.store(files, for: Self.memoryKey(digest, pageURL, indexURL)) }
        // A small page is parsed again in no time; writing it cost a file per project of a cold audit.
        guard files.count >= Self.smallestPageKept else { return }
        var out: [UInt8] = []
        out.reserveCapacity(files.count * 200)
        out.append(contentsOf: Self.magic.utf8)
        out.append(0x0A)
        for f in files {
            let hashes = f.hashes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let fields = [f.filename, f.url, hashes, f.requiresPython ?? "", f.yanked ? "1" : "0", f.yankedReason ?? "",
                          f.hasCoreMetadata ? "1" : "0", f.size.map(String.init) ?? ""]
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(0x09) }
                Self.appendEscaped(field, to: &out)
            }
            out.append(0x0A)
        }
        out.append(contentsOf: "END \(files.count)\n".utf8)
        AtomicFile.write(Data(out), to: file(digest: digest, pageURL: pageURL))
    }

    /// Backslash, tab, newline and carriage return are escaped (`\\`, `\t`, `\n`, `\r`).
    static func appendEscaped(_ field: String, to out: inout [UInt8]) {
        let utf8 = field.utf8
        if !utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            default: out.append(byte)
            }
        }
    }

    static func unescape(_ field: String) -> String {
        guard field.utf8.contains(0x5C) else { return field }
        var out = ""
        var escaping = false
        for ch in field {
            if escaping {
                out.append(ch == "t" ? "\t" : ch == "n" ? "\n" : ch == "r" ? "\r" : ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// Project pages already parsed in one run (page digest, URL and index → files): specs with
/// different index options use different clients, which would otherwise read the same page's
/// lines back from disk each time. Owned by the run (`CheckSession`) and handed to its clients.
package final class ParsedPageMemory: Sendable {
    fileprivate let pages = Memo<String, [DistributionFile]>()

    package init() {}
}
