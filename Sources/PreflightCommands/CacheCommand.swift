import ArgumentParser
import Configuration
import Foundation
import Transport

struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache", abstract: "Inspect or clean the on-disk cache.",
        subcommands: [Info.self, Clean.self])

    struct Location: ParsableArguments {
        @Option(name: .customLong("cache-dir"), help: "Cache directory (default: $PREFLIGHT_CACHE_DIR, the checkout's Cache/, or the XDG cache).")
        var cacheDir: String?

        func open() throws -> HTTPCache {
            let dir = Locations.cacheDirectory(explicit: cacheDir)
            do {
                return try HTTPCache(directory: dir)
            } catch {
                throw CommandFailure(message: "cannot use the cache directory \(dir): \(error.localizedDescription)", exitCode: 2)
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Location, size, entries, oldest and newest entry.")
        @OptionGroup var location: Location

        func run() throws {
            let summary = try location.open().summary()
            let formatter = ISO8601DateFormatter()
            Console().print("""
            location: \(summary.location)
            entries:  \(summary.entries)
            size:     \(ByteCountFormatter.string(fromByteCount: summary.bytes, countStyle: .file)) (\(summary.bytes) bytes)
            oldest:   \(summary.oldest.map { formatter.string(from: $0) } ?? "-")
            newest:   \(summary.newest.map { formatter.string(from: $0) } ?? "-")
            """)
        }
    }

    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove cached entries (all, or those older than a duration).")
        @OptionGroup var location: Location
        @Option(name: .customLong("older-than"), help: "A duration such as 30m, 12h, 7d, 90s.")
        var olderThan: String?

        func validate() throws {
            if let olderThan, Self.seconds(olderThan) == nil {
                throw ValidationError("--older-than takes a duration like 30m, 12h or 7d, got '\(olderThan)'")
            }
        }

        func run() throws {
            let cutoff = olderThan.flatMap(Self.seconds).map { Date().addingTimeInterval(-$0) }
            let removed = try location.open().clean(olderThan: cutoff)
            Console().print("removed \(removed) file\(removed == 1 ? "" : "s")")
        }

        static func seconds(_ text: String) -> Double? {
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800]
            guard let last = text.last else { return nil }
            if let unit = units[last], let value = Double(text.dropLast()), value >= 0 { return value * unit }
            return Double(text).flatMap { $0 >= 0 ? $0 : nil }
        }
    }
}
