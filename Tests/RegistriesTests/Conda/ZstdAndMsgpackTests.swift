import CondaPackaging
import Foundation
@testable import Registries
import XCTest

final class ZstdAndMsgpackTests: XCTestCase {
    func fixture(_ relative: String) throws -> Data {
        try Data(contentsOf: try CondaFixtures.channelsRoot().appendingPathComponent(relative))
    }

    func testShardIndexOfTheFixtureChannel() throws {
        let url = "file:///srv/conda_format_repo/linux-64/repodata_shards.msgpack.zst"
        let index = try ShardedRepodataIndex(compressed: try fixture("conda_format_repo/linux-64/repodata_shards.msgpack.zst"), indexURL: url)
        XCTAssertEqual(Set(index.allNames()), ["libgcc-ng", "zlib"])
        let zlib = try XCTUnwrap(index.shardHash(for: "zlib"))
        XCTAssertTrue(zlib.hasPrefix("56a0c19b"), zlib)
        XCTAssertEqual(index.shardURL(hash: zlib), "file:///srv/conda_format_repo/linux-64/\(zlib).msgpack.zst")
        XCTAssertNil(index.shardHash(for: "zli"))
        XCTAssertNil(index.packageBaseURL, "an empty base_url means: beside the index")
    }

    func testShardRecordsEqualTheMonolithicRepodata() throws {
        let root = try CondaFixtures.channelsRoot().appendingPathComponent("conda_format_repo/linux-64")
        let shard = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: root.path).first { $0.hasPrefix("56a0c19b") })
        let groups = try ShardedRepodataIndex.recordGroups(ofShard: try Data(contentsOf: root.appendingPathComponent(shard)))
        var fromShard: [String: PackageRecord] = [:]
        for group in groups {
            guard case .records(let records) = group.payload else { return XCTFail("a shard yields records") }
            for record in records {
                XCTAssertEqual(group.section, record.fileName.hasSuffix(".conda") ? .conda : .packages)
                fromShard[record.fileName] = record
            }
        }
        // Every zlib entry of repodata.json (both sections, before the .conda preference).
        let data = try fixture("conda_format_repo/linux-64/repodata.json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var expected: [String: PackageRecord] = [:]
        for key in ["packages", "packages.conda"] {
            for (filename, fields) in object[key] as? [String: [String: Any]] ?? [:] where fields["name"] as? String == "zlib" {
                expected[filename] = PackageRecordReader.record(fileName: filename, fields: fields)
            }
        }
        XCTAssertEqual(fromShard.count, 2, "zlib as .tar.bz2 and as .conda")
        XCTAssertEqual(fromShard, expected)
        // The reader agrees with PackageRecord's own Decodable on these records.
        let decoded = try PackageRecord.decodeRepodata(data).records.filter { $0.name == "zlib" }
        for record in decoded { XCTAssertEqual(fromShard[record.fileName], record) }
    }

    func testZstdRefusesTruncatedGarbageAndBombs() throws {
        let compressed = try fixture("conda_format_repo/linux-64/repodata_shards.msgpack.zst")
        XCTAssertNoThrow(try ZstdDecoder.decompress(compressed, maxOutputBytes: 1 << 20))
        XCTAssertThrowsError(try ZstdDecoder.decompress(compressed.prefix(compressed.count - 5), maxOutputBytes: 1 << 20))
        XCTAssertThrowsError(try ZstdDecoder.decompress(Data("hello".utf8), maxOutputBytes: 1 << 20))
        XCTAssertThrowsError(try ZstdDecoder.decompress(Data(), maxOutputBytes: 1 << 20))
        // 8 MB of zeros compress to a few hundred bytes: the cap stops them.
        let folder = try CondaFixtures.temporaryDirectory(self)
        let zeros = folder.appendingPathComponent("zeros")
        try Data(count: 8 << 20).write(to: zeros)
        try CondaFixtures.compress(zeros.path, to: zeros.path + ".zst")
        let bomb = try Data(contentsOf: URL(fileURLWithPath: zeros.path + ".zst"))
        XCTAssertLessThan(bomb.count, 4096)
        XCTAssertThrowsError(try ZstdDecoder.decompress(bomb, maxOutputBytes: 1 << 20)) { error in
            XCTAssertTrue("\(error)".contains("exceeds"), "\(error)")
        }
        XCTAssertEqual(try ZstdDecoder.decompress(bomb, maxOutputBytes: 8 << 20).count, 8 << 20)
    }

    func testMsgpackRefusesGarbage() {
        XCTAssertThrowsError(try MsgpackDocument(Data()))
        XCTAssertThrowsError(try MsgpackDocument(Data([0xc1])), "0xc1 is never used")
        XCTAssertThrowsError(try MsgpackDocument(Data([0xdf, 0xff, 0xff, 0xff, 0xff])), "a map claiming 4 billion entries")
        XCTAssertThrowsError(try MsgpackDocument(Data([0x82, 0xa1, 0x61])), "truncated")
        // A shard index that is a valid msgpack document but not a shard index.
        XCTAssertThrowsError(try ShardedRepodataIndex(compressed: Data("x".utf8), indexURL: "file:///x/repodata_shards.msgpack.zst"))
    }

    func testMsgpackValuesBecomeJSONValues() throws {
        // {"a": [1, -2, 1.5, true, nil, bin(0xab 0xcd)], "b": "text"}
        let bytes: [UInt8] = [0x82, 0xa1, 0x61, 0x96, 0x01, 0xfe, 0xcb, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0xc3, 0xc0, 0xc4, 0x02, 0xab, 0xcd,
                              0xa1, 0x62, 0xa4, 0x74, 0x65, 0x78, 0x74]
        let document = try MsgpackDocument(Data(bytes))
        let value = try XCTUnwrap(document.root.jsonValue() as? [String: Any])
        XCTAssertEqual(value["b"] as? String, "text")
        let list = try XCTUnwrap(value["a"] as? [Any])
        XCTAssertEqual((list[0] as? NSNumber)?.intValue, 1)
        XCTAssertEqual((list[1] as? NSNumber)?.intValue, -2)
        XCTAssertEqual(list[2] as? Double, 1.5)
        XCTAssertEqual(list[3] as? Bool, true)
        XCTAssertTrue(list[4] is NSNull)
        XCTAssertEqual(list[5] as? String, "abcd")
        XCTAssertTrue(document.root.value(forKey: "b")?.hasText("text") ?? false)
    }
}
