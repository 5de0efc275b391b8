import Foundation

/// The compressed `Content-Encoding`s test replies can use. Compression shells out to the
/// system `gzip` / `zstd` tools: Foundation on Linux has no compressor, and test support
/// should not link C libraries for it.
public enum ContentCoding: String, Sendable, CaseIterable {
    case gzip
    case zstd

    /// The coding to use for a request's `Accept-Encoding`: zstd, then gzip; nil means identity.
    public static func preferred(acceptEncoding: String?) -> ContentCoding? {
        accepted(acceptEncoding: acceptEncoding).first
    }

    /// The codings an `Accept-Encoding` value admits, zstd before gzip (`x-gzip` counts as gzip,
    /// `q=0` refuses, `*` admits both).
    public static func accepted(acceptEncoding: String?) -> [ContentCoding] {
        guard let acceptEncoding else { return [] }
        var admitted: Set<String> = []
        var refused: Set<String> = []
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let token = parts.first, !token.isEmpty else { continue }
            let name = token == "x-gzip" ? "gzip" : token
            let isRefused = parts.dropFirst().contains { parameter in
                guard parameter.hasPrefix("q=") else { return false }
                return (Double(parameter.dropFirst(2)) ?? 1) <= 0
            }
            if isRefused { refused.insert(name) } else { admitted.insert(name) }
        }
        return [ContentCoding.zstd, .gzip].filter { coding in
            !refused.contains(coding.rawValue)
                && (admitted.contains(coding.rawValue) || (admitted.contains("*") && !refused.contains("*")))
        }
    }

    /// `data` compressed in this coding.
    public func encode(_ data: Data) throws -> Data {
        try run(arguments: self == .gzip ? ["-c", "-n"] : ["-c", "-q"], input: data)
    }

    /// `data` decompressed from this coding.
    public func decode(_ data: Data) throws -> Data {
        try run(arguments: self == .gzip ? ["-d", "-c"] : ["-d", "-c", "-q"], input: data)
    }

    private var toolCandidates: [String] {
        switch self {
        case .gzip: return ["/usr/bin/gzip", "/bin/gzip", "/usr/local/bin/gzip"]
        case .zstd: return ["/usr/bin/zstd", "/bin/zstd", "/usr/local/bin/zstd"]
        }
    }

    /// Runs the tool on a temporary file rather than stdin, so a large input cannot deadlock
    /// against a full stdout pipe.
    private func run(arguments: [String], input: Data) throws -> Data {
        guard let tool = toolCandidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ContentCodingError.toolMissing(rawValue)
        }
        let inputFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("testsupport-\(rawValue)-\(UUID().uuidString)")
        try input.write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments + [inputFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ContentCodingError.toolFailed(rawValue, status: process.terminationStatus)
        }
        return result
    }
}

/// Why `ContentCoding.encode` / `decode` failed.
public enum ContentCodingError: Error, Sendable, Equatable {
    case toolMissing(String)
    case toolFailed(String, status: Int32)
}
