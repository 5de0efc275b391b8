import Foundation
@testable import Registries
import XCTest

/// The bzip2 and xz decompressors keep the gzip path's promises: capped output, and a truncated
/// or corrupt stream is an error, not a crash or a silent short read.
final class TarCompressionTests: XCTestCase {
    /// `data` compressed by the system's `bzip2` or `xz`.
    private func compressed(_ data: Data, with tool: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = ["-c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
        writer.start()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return result
    }

    func testRoundTripCapAndTruncation() throws {
        let original = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 ^ $0 >> 5) })
        for (tool, compression) in [("bzip2", TarCompression.bzip2), ("xz", TarCompression.xz)] {
            let packed = try compressed(original, with: tool)
            XCTAssertFalse(packed.isEmpty, tool)
            XCTAssertEqual(try compression.decompress(packed, limit: 1 << 20), original, tool)
            XCTAssertThrowsError(try compression.decompress(packed, limit: 100_000), tool) { error in
                XCTAssertTrue("\(error)".contains("cap"), "\(tool): \(error)")
            }
            XCTAssertThrowsError(try compression.decompress(packed.prefix(packed.count / 2), limit: 1 << 20), tool) { error in
                XCTAssertTrue("\(error)".contains("truncated"), "\(tool): \(error)")
            }
            XCTAssertThrowsError(try compression.decompress(Data(repeating: 0x42, count: 64), limit: 1 << 20), tool)
        }
    }

    func testCompressionFromTheFileName() {
        XCTAssertEqual(TarCompression(filename: "a-1.0.tar.gz"), .gzip)
        XCTAssertEqual(TarCompression(filename: "a-1.0.TGZ"), .gzip)
        XCTAssertEqual(TarCompression(filename: "a-1.0.tar.bz2"), .bzip2)
        XCTAssertEqual(TarCompression(filename: "a-1.0.tar.xz"), .xz)
        XCTAssertNil(TarCompression(filename: "a-1.0.zip"))
    }
}
