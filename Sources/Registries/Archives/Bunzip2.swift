import CBzip2
import Foundation

/// bzip2 decompression with an output cap, as `Inflate` does for gzip: a crafted `.tar.bz2`
/// sdist cannot make preflight allocate more than `limit` bytes. The input is fed to libbz2
/// whole and the output drained in 64 KiB pieces, checked against the cap after each.
package enum Bunzip2 {
    package static func decompress(_ input: Data, limit: Int) throws -> Data {
        var stream = bz_stream()
        guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else {
            throw Inflate.Failure(description: "libbz2 could not start")
        }
        defer { BZ2_bzDecompressEnd(&stream) }
        var output = Data()
        var chunk = [CChar](repeating: 0, count: 64 * 1024)
        let status: Int32 = input.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.bindMemory(to: CChar.self).baseAddress else { return BZ_UNEXPECTED_EOF }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(raw.count)
            var result = BZ_OK
            repeat {
                result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    let r = BZ2_bzDecompress(&stream)
                    let produced = buffer.count - Int(stream.avail_out)
                    UnsafeRawBufferPointer(start: buffer.baseAddress, count: produced).withMemoryRebound(to: UInt8.self) {
                        output.append(contentsOf: $0)
                    }
                    return r
                }
                if output.count > limit { return BZ_MEM_ERROR }
            } while result == BZ_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            return result
        }
        switch status {
        case BZ_STREAM_END: return output
        case BZ_MEM_ERROR where output.count > limit:
            throw Inflate.Failure(description: "decompressed data exceeds the \(limit)-byte cap")
        case BZ_OK, BZ_UNEXPECTED_EOF:
            throw Inflate.Failure(description: "compressed data is truncated")
        default:
            throw Inflate.Failure(description: "compressed data is corrupt (libbz2 status \(status))")
        }
    }
}
