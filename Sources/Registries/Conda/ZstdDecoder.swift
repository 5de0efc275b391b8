import CZstd
import Foundation

/// Streaming zstd decompression through libzstd, with a cap on the output so that a small
/// hostile file cannot expand into gigabytes (a decompression bomb).
enum ZstdDecoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Decompresses `input` (one or more concatenated frames), handing the output to `sink` in
    /// chunks as it is produced; nothing but one chunk is held in memory.
    static func decompress(_ input: Data, maxOutputBytes: Int, chunkSize: Int = 1 << 20,
                           sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try input.withUnsafeBytes { raw in
            try decompress(raw, maxOutputBytes: maxOutputBytes, chunkSize: chunkSize, sink: sink)
        }
    }

    static func decompress(_ raw: UnsafeRawBufferPointer, maxOutputBytes: Int, chunkSize: Int = 1 << 20,
                           sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let stream = ZSTD_createDStream() else { throw Failure(description: "zstd: out of memory") }
        defer { ZSTD_freeDStream(stream) }
        ZSTD_initDStream(stream)
        let output = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { output.deallocate() }
        var produced = 0
        var lastResult = 0
        guard let base = raw.baseAddress, raw.count > 0 else {
            throw Failure(description: "zstd: empty input")
        }
        var inBuffer = ZSTD_inBuffer(src: base, size: raw.count, pos: 0)
        while true {
            var outBuffer = ZSTD_outBuffer(dst: output, size: chunkSize, pos: 0)
            let consumedBefore = inBuffer.pos
            let result = ZSTD_decompressStream(stream, &outBuffer, &inBuffer)
            if ZSTD_isError(result) != 0 {
                throw Failure(description: "zstd: " + String(cString: ZSTD_getErrorName(result)))
            }
            // A call that neither read nor wrote (the last frame was already flushed) says nothing
            // about whether that frame was complete.
            if outBuffer.pos > 0 || inBuffer.pos != consumedBefore { lastResult = result }
            if outBuffer.pos > 0 {
                produced += outBuffer.pos
                guard produced <= maxOutputBytes else {
                    throw Failure(description: "zstd: decompressed size exceeds \(maxOutputBytes) bytes")
                }
                try sink(UnsafeRawBufferPointer(start: output, count: outBuffer.pos))
            }
            if outBuffer.pos == 0 && inBuffer.pos == consumedBefore && inBuffer.pos < inBuffer.size {
                throw Failure(description: "zstd: decoder made no progress")
            }
            // Done when every input byte is consumed and the decoder holds nothing back.
            if inBuffer.pos == inBuffer.size && outBuffer.pos < chunkSize { break }
        }
        // A non-zero hint at the end means the last frame was cut short.
        guard lastResult == 0 else { throw Failure(description: "zstd: truncated input") }
    }

    /// Decompresses a small payload (a shard, a shard index) into memory.
    static func decompress(_ input: Data, maxOutputBytes: Int) throws -> Data {
        var out = Data()
        try decompress(input, maxOutputBytes: maxOutputBytes) { chunk in out.append(contentsOf: chunk) }
        return out
    }
}
