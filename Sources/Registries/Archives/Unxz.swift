import CLzma
import Foundation

/// xz decompression with an output cap, as `Inflate` does for gzip: a crafted `.tar.xz` sdist
/// cannot make preflight allocate more than `limit` bytes, nor the decoder more than
/// `memoryLimit` for its dictionary (`xz -9` needs 65 MiB to decode). The input is given to
/// liblzma whole (so `LZMA_FINISH` from the start, which also lets it read concatenated
/// streams) and the output drained in 64 KiB pieces, checked against the cap after each.
package enum Unxz {
    package static let memoryLimit: UInt64 = 128 << 20
    /// liblzma's `LZMA_CONCATENATED` (a `UINT32_C` macro, which Swift does not import).
    static let concatenated: UInt32 = 0x08

    package static func decompress(_ input: Data, limit: Int) throws -> Data {
        var stream = lzma_stream()
        guard lzma_stream_decoder(&stream, memoryLimit, concatenated) == LZMA_OK else {
            throw Inflate.Failure(description: "liblzma could not start")
        }
        defer { lzma_end(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var overCap = false
        let status: lzma_ret = input.withUnsafeBytes { raw -> lzma_ret in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return LZMA_BUF_ERROR }
            stream.next_in = base
            stream.avail_in = raw.count
            var result = LZMA_OK
            repeat {
                result = chunk.withUnsafeMutableBufferPointer { buffer -> lzma_ret in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = buffer.count
                    let r = lzma_code(&stream, LZMA_FINISH)
                    output.append(buffer.baseAddress!, count: buffer.count - stream.avail_out)
                    return r
                }
                if output.count > limit { overCap = true; break }
            } while result == LZMA_OK
            return result
        }
        if overCap { throw Inflate.Failure(description: "decompressed data exceeds the \(limit)-byte cap") }
        switch status {
        case LZMA_STREAM_END: return output
        case LZMA_BUF_ERROR: throw Inflate.Failure(description: "compressed data is truncated")
        case LZMA_MEMLIMIT_ERROR: throw Inflate.Failure(description: "the xz stream needs more than \(memoryLimit >> 20) MiB to decode")
        default: throw Inflate.Failure(description: "compressed data is corrupt (liblzma status \(status.rawValue))")
        }
    }
}
