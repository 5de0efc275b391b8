import Foundation
import Resolver

/// `--shard K/N`: the part of an audit that one job of a CI matrix runs.
///
/// A spec belongs to the shard its path hashes to (FNV-1a, 64-bit, of the UTF-8 path, mod N).
/// A hash rather than a round-robin over the sorted list keeps a spec in the same shard when
/// others are added or removed, so each shard can also compare itself with the previous run's
/// findings of exactly its own specs, including specs that have since been deleted.
package struct AuditShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    package let index: Int
    package let count: Int

    package init?(index: Int, count: Int) {
        guard count >= 1, count <= 10_000, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `2/3`; nil unless 1 ≤ K ≤ N.
    package init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(index: k, count: n)
    }

    package var description: String { "\(index)/\(count)" }

    package func contains(_ path: String) -> Bool {
        Int(Self.fnv1a(path) % UInt64(count)) == index - 1
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
