import Foundation

/// The fields of a distribution's core metadata (`METADATA`, `PKG-INFO`, PEP 658 `.metadata`)
/// that availability checking needs.
public struct CoreMetadata: Sendable, Hashable {
    public var metadataVersion: String?
    public var name: String?
    public var version: String?
    public var requiresDist: [String]
    public var requiresPython: String?
    public var providesExtra: [String]
    /// Fields declared `Dynamic` (Metadata-Version 2.2+): their values in an sdist are not final.
    public var dynamic: [String]

    public init(metadataVersion: String? = nil, name: String? = nil, version: String? = nil, requiresDist: [String] = [],
                requiresPython: String? = nil, providesExtra: [String] = [], dynamic: [String] = []) {
        self.metadataVersion = metadataVersion
        self.name = name
        self.version = version
        self.requiresDist = requiresDist
        self.requiresPython = requiresPython
        self.providesExtra = providesExtra
        self.dynamic = dynamic
    }

    /// Parses the RFC 822-style header block (the body after the first blank line is the description).
    public static func parse(_ data: Data) -> CoreMetadata {
        let text = String(decoding: data, as: UTF8.self)
        var metadata = CoreMetadata()
        var current: (String, String)?
        func flush() {
            guard let (key, value) = current else { return }
            let v = value.trimmingCharacters(in: .whitespaces)
            switch key.lowercased() {
            case "metadata-version": metadata.metadataVersion = v
            case "name": metadata.name = v
            case "version": metadata.version = v
            case "requires-dist": metadata.requiresDist.append(v)
            case "requires-python": metadata.requiresPython = v
            case "provides-extra": metadata.providesExtra.append(v)
            case "dynamic": metadata.dynamic.append(v.lowercased())
            default: break
            }
            current = nil
        }
        // `\r\n` is one Character in Swift, so split on any newline character, not on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if let (key, value) = current { current = (key, value + " " + line.trimmingCharacters(in: .whitespaces)) }
                continue
            }
            flush()
            guard let colon = line.firstIndex(of: ":") else { continue }
            current = (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
        flush()
        return metadata
    }

    /// Metadata-Version 2.2+ with `Requires-Dist` not dynamic: an sdist's dependencies are final.
    public var hasStaticDependencies: Bool {
        let parts = (metadataVersion ?? "1.0").split(separator: ".").compactMap { Int($0) }
        let atLeast22 = (parts.first ?? 1, parts.count > 1 ? parts[1] : 0) >= (2, 2)
        return atLeast22 && !dynamic.contains("requires-dist")
    }
}
