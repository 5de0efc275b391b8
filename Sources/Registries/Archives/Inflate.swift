import CZlib
import Foundation

/// zlib decompression with an output cap: a crafted archive member cannot make preflight
/// allocate more than `limit` bytes.
package enum Inflate {
    package enum Format { case raw, gzip }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// `truncatedInput`: the input is the start of a stream (a range read); what it decodes to is
    /// returned instead of a "truncated" failure.
    package static func decompress(_ input: Data, format: Format, limit: Int, truncatedInput: Bool = false) throws -> Data {
        var stream = z_stream()
        let windowBits: Int32 = format == .raw ? -MAX_WBITS : MAX_WBITS + 16
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let status: Int32 = input.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return Z_BUF_ERROR }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(raw.count)
            var result: Int32 = Z_OK
            repeat {
                result = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let r = inflate(&stream, Z_NO_FLUSH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return r
                }
                if output.count > limit { return Z_MEM_ERROR }
            } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            return result
        }
        switch status {
        case Z_STREAM_END: return output
        case Z_MEM_ERROR where output.count > limit:
            throw Failure(description: "decompressed data exceeds the \(limit)-byte cap")
        case Z_OK, Z_BUF_ERROR:
            if truncatedInput { return output }
            throw Failure(description: "compressed data is truncated")
        default:
            throw Failure(description: "compressed data is corrupt (zlib status \(status))")
        }
    }
}
