import Foundation

/// The fields of a distribution's core metadata (`METADATA`, `PKG-INFO`, PEP 658 `.metadata`)
/// that availability checking needs.
package struct CoreMetadata: Sendable, Hashable {
    package var metadataVersion: String?
    package var name: String?
    package var version: String?
    package var requiresDist: [String]
    package var requiresPython: String?
    package var providesExtra: [String]
    /// Fields declared `Dynamic` (Metadata-Version 2.2+): their values in an sdist are not final.
    package var dynamic: [String]
    /// Trove classifiers (`Programming Language :: C`): what an sdist's build will compile.
    package var classifiers: [String]

    package init(metadataVersion: String? = nil, name: String? = nil, version: String? = nil, requiresDist: [String] = [],
                requiresPython: String? = nil, providesExtra: [String] = [], dynamic: [String] = [], classifiers: [String] = []) {
        self.metadataVersion = metadataVersion
        self.name = name
        self.version = version
        self.requiresDist = requiresDist
        self.requiresPython = requiresPython
        self.providesExtra = providesExtra
        self.dynamic = dynamic
        self.classifiers = classifiers
    }

    /// Parses the RFC 822-style header block (the body after the first blank line is the description).
    package static func parse(_ data: Data) -> CoreMetadata {
        data.withUnsafeBytes { parse(headerLines(of: $0.bindMemory(to: UInt8.self))) }
    }

    /// The lines before the first empty one, split at `\n`, `\r\n` or `\r`. Only the header is
    /// decoded: a wheel's METADATA is mostly its long description, and splitting all of it into
    /// Swift `Character`s was a fifth of a cold audit's CPU.
    private static func headerLines(of bytes: UnsafeBufferPointer<UInt8>) -> [Substring] {
        var lines: [Substring] = []
        var start = 0
        var index = 0
        while index <= bytes.count {
            let atEnd = index == bytes.count
            guard atEnd || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") else {
                index += 1
                continue
            }
            if index == start && !atEnd { break }
            if index > start {
                lines.append(Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
            }
            if atEnd { break }
            if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
            index += 1
            start = index
        }
        return lines
    }

    /// The fields read; others (a license text of hundreds of continuation lines) are skipped
    /// without building their values.
    private static let fields: Set<String> = [
        "metadata-version", "name", "version", "requires-dist", "requires-python", "provides-extra", "dynamic", "classifier",
    ]

    private static func parse(_ lines: [Substring]) -> CoreMetadata {
        var metadata = CoreMetadata()
        var key: String?
        var value: [Substring] = []
        func flush() {
            guard let field = key else { return }
            let v = value.joined(separator: " ").trimmingCharacters(in: .whitespaces)
            switch field {
            case "metadata-version": metadata.metadataVersion = v
            case "name": metadata.name = v
            case "version": metadata.version = v
            case "requires-dist": metadata.requiresDist.append(v)
            case "requires-python": metadata.requiresPython = v
            case "provides-extra": metadata.providesExtra.append(v)
            case "dynamic": metadata.dynamic.append(v.lowercased())
            case "classifier": metadata.classifiers.append(v)
            default: break
            }
            key = nil
            value.removeAll(keepingCapacity: true)
        }
        var reading = false
        for line in lines {
            if line.first == " " || line.first == "\t" {
                if reading { value.append(Substring(line.trimmingCharacters(in: .whitespaces))) }
                continue
            }
            flush()
            reading = false
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            guard fields.contains(name) else { continue }
            key = name
            value = [line[line.index(after: colon)...]]
            reading = true
        }
        flush()
        return metadata
    }

    /// Metadata-Version 2.2+ with `Requires-Dist` not dynamic: an sdist's dependencies are final.
    package var hasStaticDependencies: Bool {
        let parts = (metadataVersion ?? "1.0").split(separator: ".").compactMap { Int($0) }
        let atLeast22 = (parts.first ?? 1, parts.count > 1 ? parts[1] : 0) >= (2, 2)
        return atLeast22 && !dynamic.contains("requires-dist")
    }
}
