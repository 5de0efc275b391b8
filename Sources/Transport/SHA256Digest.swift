import CCrypto
import Foundation

/// SHA-256 through libcrypto: cache keys and cache-entry checksums.
package enum SHA256Digest {
    package static func hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { raw in
            _ = SHA256(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count, &digest)
        }
        return hexString(digest)
    }

    package static func hex(_ string: String) -> String { hex(Data(string.utf8)) }

    /// SHA-256 of a file from byte `offset` on, read in 1 MiB pieces (for bodies too large to hold).
    package static func hex(fileAt path: String, from offset: Int = 0) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path), let stream = Stream() else { return nil }
        defer { try? handle.close() }
        if offset > 0 {
            do { try handle.seek(toOffset: UInt64(offset)) } catch { return nil }
        }
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }  // nil or empty: end of file
            guard chunk.withUnsafeBytes({ stream.update($0) }) else { return nil }
        }
        return stream.finishHex()
    }

    /// A digest fed piece by piece (a download hashed as it arrives).
    package final class Stream: @unchecked Sendable {
        private let context: OpaquePointer
        private var failed = false

        package init?() {
            guard let context = EVP_MD_CTX_new() else { return nil }
            guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                EVP_MD_CTX_free(context)
                return nil
            }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        @discardableResult
        package func update(_ bytes: UnsafeRawBufferPointer) -> Bool {
            if !failed, EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) != 1 { failed = true }
            return !failed
        }

        /// The hex digest; nil when an update failed. Call once.
        package func finishHex() -> String? {
            var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
            var length: UInt32 = 0
            guard !failed, EVP_DigestFinal_ex(context, &digest, &length) == 1 else { return nil }
            return hexString(Array(digest.prefix(Int(length))))
        }
    }

    /// Lower-case hex of any bytes.
    package static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
