import Foundation
@testable import Registries
import XCTest

final class CompactIndexTests: XCTestCase {
    func build(_ input: CompactIndexBuilder.Input, in folder: URL, maxBytes: Int = 1 << 30) throws -> (CompactRepodataIndex, URL) {
        let destination = folder.appendingPathComponent("index-\(UUID().uuidString)")
        let index = try CompactIndexBuilder.build(input, destination: destination,
                                                  temporaryDirectory: folder.appendingPathComponent("tmp"), maxDocumentBytes: maxBytes)
        return (index, destination)
    }

    /// Filenames the index holds for `name`, both sections.
    func filenames(_ index: CompactRepodataIndex, _ name: String) throws -> Set<String> {
        var names = Set<String>()
        for group in try index.recordRuns(named: name) {
            guard case .json(let json) = group.payload else { throw XCTSkip("an index yields JSON") }
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
            names.formUnion(object.keys)
        }
        return names
    }

    func testIndexAgreesWithAFullParseForEveryName() throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        for (channel, subdir) in [("pytorch", "linux-64"), ("r", "linux-64"), ("index4", "noarch"), ("with-wheels", "linux-64"),
                                  ("with-wheels", "noarch"), ("index", "linux-64"), ("conda_format_repo", "win-64")] {
            let (index, _) = try build(.jsonFile(try CondaFixtures.repodataPath(channel, subdir)), in: folder)
            let entries = try CondaFixtures.referenceEntries(channel, subdir)
            let byName = Dictionary(grouping: entries.keys, by: { entries[$0]! })
            XCTAssertEqual(index.recordCount, entries.count, "\(channel)/\(subdir)")
            XCTAssertEqual(Set(try index.allNames()), Set(byName.keys), "\(channel)/\(subdir)")
            XCTAssertEqual(try index.allNames(), try index.allNames().sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            for (name, files) in byName {
                XCTAssertEqual(try filenames(index, name), Set(files), "\(channel)/\(subdir) \(name)")
                XCTAssertTrue(try index.contains(name))
            }
            XCTAssertEqual(try index.recordRuns(named: "no-such-package-anywhere").count, 0)
            XCTAssertFalse(try index.contains(""))
        }
    }

    func testInMemoryZstdAndFileInputsGiveTheSameIndex() throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        let path = try CondaFixtures.repodataPath("pytorch", "linux-64")
        try CondaFixtures.compress(path, to: folder.appendingPathComponent("repodata.json.zst").path)
        let zstdPath = folder.appendingPathComponent("repodata.json.zst").path
        let (fromFile, fileURL) = try build(.jsonFile(path), in: folder)
        let (fromData, dataURL) = try build(.json(try Data(contentsOf: URL(fileURLWithPath: path))), in: folder)
        let (fromZstd, zstdURL) = try build(.zstd(try Data(contentsOf: URL(fileURLWithPath: zstdPath))), in: folder)
        let (fromZstdFile, zstdFileURL) = try build(.zstdFile(zstdPath), in: folder)
        // A download that left room for the header becomes the index in place.
        let downloaded = folder.appendingPathComponent("downloaded")
        try (Data(count: CompactIndexFormat.headerSize) + Data(contentsOf: URL(fileURLWithPath: path))).write(to: downloaded)
        let (inPlace, inPlaceURL) = try build(.jsonInPlace(downloaded.path), in: folder)
        XCTAssertFalse(FileManager.default.fileExists(atPath: downloaded.path), "the download was moved, not copied")
        let reference = try Data(contentsOf: fileURL)
        for (index, url) in [(fromData, dataURL), (fromZstd, zstdURL), (fromZstdFile, zstdFileURL), (inPlace, inPlaceURL)] {
            XCTAssertEqual(try Data(contentsOf: url), reference, "the index is a function of the document alone")
            XCTAssertEqual(index.recordCount, fromFile.recordCount)
        }
        // The index carries the document itself: its length is that of the decompressed JSON.
        XCTAssertEqual(fromZstd.documentLength, try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    func testInfoObjectIsKept() throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        let (index, _) = try build(.jsonFile(try CondaFixtures.repodataPath("openssl-run-exports-test", "linux-64")), in: folder)
        let info = try XCTUnwrap(JSONSerialization.jsonObject(with: try XCTUnwrap(index.infoJSON)) as? [String: Any])
        XCTAssertEqual(info["base_url"] as? String, "https://conda.anaconda.org/conda-forge/linux-64")
    }

    func testDamagedTableOrHeaderIsRefused() throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        let (index, url) = try build(.jsonFile(try CondaFixtures.repodataPath("pytorch", "linux-64")), in: folder)
        let header = index.header
        let original = try Data(contentsOf: url)
        // A flipped byte in the name table, the run table, the strings, and the header.
        for offset in [header.namesOffset + 5, header.runsOffset + 3, header.stringsOffset + 2, 20, original.count - 1] {
            var damaged = original
            damaged[offset] ^= 0x5A
            try damaged.write(to: url)
            XCTAssertNil(CompactRepodataIndex(path: url.path), "damage at \(offset) went unnoticed")
        }
        // Truncated, and not an index at all.
        try original.prefix(original.count - 100).write(to: url)
        XCTAssertNil(CompactRepodataIndex(path: url.path))
        try Data("{\"packages\": {}}".utf8).write(to: url)
        XCTAssertNil(CompactRepodataIndex(path: url.path))
        try Data().write(to: url)
        XCTAssertNil(CompactRepodataIndex(path: url.path))
        XCTAssertNil(CompactRepodataIndex(path: folder.appendingPathComponent("missing").path))
    }

    func testDamagedRecordBytesAreDetectedOnRead() throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        let (index, url) = try build(.jsonFile(try CondaFixtures.repodataPath("pytorch", "linux-64")), in: folder)
        let original = try Data(contentsOf: url)
        let record = try XCTUnwrap(original.range(of: Data("\"pytorch-2.1.0-py3.9_cpu_0.tar.bz2\"".utf8)))
        _ = index
        var damaged = original
        // A changed digit keeps the JSON valid: only the checksum can tell.
        let digit = try XCTUnwrap(damaged[record.upperBound...].firstIndex(where: { $0 >= 0x30 && $0 <= 0x38 }))
        damaged[digit] += 1
        try damaged.write(to: url)
        let reopened = try XCTUnwrap(CompactRepodataIndex(path: url.path), "the table is intact")
        XCTAssertThrowsError(try reopened.recordRuns(named: "pytorch")) { error in
            XCTAssertTrue(error is CompactRepodataIndex.Damaged, "\(error)")
        }
        XCTAssertNoThrow(try reopened.recordRuns(named: "torchvision"), "other names are unaffected")
    }

    func testGarbageAndOversizedDocumentsAreRefused() throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        XCTAssertThrowsError(try build(.json(Data("<html>502 Bad Gateway</html>".utf8)), in: folder))
        XCTAssertThrowsError(try build(.json(Data("{\"packages\": {\"a-1-0.tar.bz2\": {\"name\": \"a\"".utf8)), in: folder))
        XCTAssertThrowsError(try build(.zstd(Data("not zstd at all".utf8)), in: folder))
        XCTAssertThrowsError(try build(.jsonFile(try CondaFixtures.repodataPath("pytorch", "linux-64")), in: folder, maxBytes: 100_000))
        // Nothing is left behind by the failed builds.
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("tmp").path)) ?? []
        XCTAssertEqual(leftovers, [])
    }

    func testIndexWithoutDestinationLivesOnlyInMemory() throws {
        let folder = try CondaFixtures.temporaryDirectory(self)
        let index = try CompactIndexBuilder.build(.jsonFile(try CondaFixtures.repodataPath("pytorch", "linux-64")), destination: nil,
                                                  temporaryDirectory: folder, maxDocumentBytes: 1 << 30)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "the temporary file is unlinked")
        XCTAssertFalse(try index.recordRuns(named: "pytorch").isEmpty, "and still readable through the mapping")
    }
}
