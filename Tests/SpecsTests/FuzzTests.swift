import Foundation
import XCTest
@testable import Specs
import TestSupport

/// Mutated real specs, with a fixed seed: the readers must neither crash nor hang, and every
/// position they report must point into the text.
final class FuzzTests: XCTestCase {
    /// Fragments that matter to some reader: quotes, continuations, includes, YAML and TOML
    /// structure, shell operators, variables.
    private static let fragments = [
        "\\", "\\\n", "\"", "'", "\"\"\"", "'''", "#", " #", "\n", "\r\n", "\r", "\t", ":", ": ", "- ", "-", "[", "]",
        "{", "}", ",", "=", "==", ">=", "<", ">", "&&", "||", ";", "|", "$", "${", "${X}", "$(", "`", "<<EOF\n",
        "-r ", "-c ", "-e ", "--hash=sha256:", "--index-url ", "@ ", "git+https://h/r.git#egg=x", "pip:\n  - ",
        "dependencies:\n", "channels:\n", "&a ", "*a ", "? ", "!!str ", "---\n", "...\n", "\u{FEFF}", "é", "\u{2028}",
        "[project]\n", "dependencies = [", "[[x]]\n", "RUN pip install ", "FROM ", "COPY a b\n", "conda install ",
        "python -m pip install ", "\\u00", "\\U0001F600", "{\"python\": {\"condaDependencies\": ",
    ]

    private func mutate(_ text: String, random: inout SeededGenerator) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0...random.below(6) {
            let position = random.below(scalars.count + 1)
            switch random.below(6) {
            case 0, 1:
                let fragment = Self.fragments[random.below(Self.fragments.count)]
                scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
            case 2:
                if !scalars.isEmpty { scalars.remove(at: min(position, scalars.count - 1)) }
            case 3:
                let length = random.below(40)
                let end = min(scalars.count, position + length)
                if position < end { scalars.removeSubrange(position..<end) }
            case 4:
                // Duplicate a slice (repeats keys, lines, sections).
                let length = random.below(80)
                let end = min(scalars.count, position + length)
                if position < end { scalars.insert(contentsOf: scalars[position..<end], at: end) }
            default:
                let value = UInt32(random.below(0x80))
                if let scalar = Unicode.Scalar(value), value != 0 {
                    if position < scalars.count { scalars[position] = scalar } else { scalars.append(scalar) }
                }
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private func seeds() -> [(path: String, text: String)] {
        var paths: [String] = []
        let roots = [Fixtures.directory] + ((try? Fixtures.corpus()).map { [$0] } ?? [])
        for root in roots {
            let enumerator = FileManager.default.enumerator(atPath: root.path)
            while let next = enumerator?.nextObject() as? String {
                let path = root.appendingPathComponent(next).path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      !next.hasSuffix(".json") || next.contains("azureml") else { continue }
                paths.append(path)
            }
        }
        paths.sort()
        return paths.compactMap { path in
            guard let data = FileManager.default.contents(atPath: path), data.count < 20_000,
                  let text = String(data: data, encoding: .utf8) else { return nil }
            return (path, text)
        }
    }

    private func check(_ spec: ParsedSpec, path: String, lineCount: Int, context: String) {
        let positions = spec.requirements.map(\.position) + spec.problems.map(\.position) + spec.notes.map(\.position)
        for position in positions {
            XCTAssertGreaterThanOrEqual(position.line, 1, context)
            XCTAssertGreaterThanOrEqual(position.column, 1, context)
            if position.path == path { XCTAssertLessThanOrEqual(position.line, lineCount + 1, context) }
        }
        for requirement in spec.requirements { XCTAssertFalse(requirement.text.isEmpty, context) }
    }

    func testMutatedSpecsNeverCrashOrHang() throws {
        let seeds = seeds()
        XCTAssertGreaterThan(seeds.count, 40)
        var random = SeededGenerator(seed: 0x5EED_2026)
        let kinds: [SpecKind?] = [nil] + SpecKind.allCases.map { $0 }
        let cases = 5000
        var problems = 0
        var slowest = 0.0
        var read = 0
        for index in 0..<cases {
            let seed = seeds[random.below(seeds.count)]
            let text = mutate(seed.text, random: &random)
            let kind = kinds[index % kinds.count]
            let lineCount = SourceText(path: seed.path, string: text).lineCount
            let start = Date()
            do {
                let spec = try SpecReader.read(path: seed.path, contents: text, kind: kind, environment: ["X": "1"])
                check(spec, path: seed.path, lineCount: lineCount, context: "case \(index) of \(seed.path)")
                problems += spec.problems.count
                read += 1
            } catch {
                XCTAssertTrue(error is SpecReadError, "case \(index): \(error)")
            }
            slowest = max(slowest, Date().timeIntervalSince(start))
        }
        XCTAssertGreaterThan(read, cases / 2)
        // The mutations must reach the error paths, not only the happy ones.
        XCTAssertGreaterThan(problems, cases / 4)
        XCTAssertLessThan(slowest, 2.0, "one case took \(slowest) s")
    }

    func testRandomBytesDecodeOrAreRefused() {
        var random = SeededGenerator(seed: 42)
        let prefixes: [[UInt8]] = [[], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0, 0], [0, 0, 0xFE, 0xFF]]
        for index in 0..<1000 {
            var bytes = prefixes[index % prefixes.count]
            for _ in 0..<random.below(64) { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            if let text = SourceText.decode(Data(bytes), path: "r") {
                XCTAssertFalse(text.scalars.contains("\u{0}"))
                _ = try? SpecReader.read(path: "/nonexistent/r.txt", contents: text.string)
            }
        }
    }

    func testPathologicalInputsStayFast() throws {
        let start = Date()
        let nested = String(repeating: "[", count: 5000)
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + (1...12).map { "\(Character(UnicodeScalar(97 + $0)!)): &\(Character(UnicodeScalar(97 + $0)!)) [" +
                Array(repeating: "*\(Character(UnicodeScalar(96 + $0)!))", count: 9).joined(separator: ", ") + "]" }
                .joined(separator: "\n")
            + "\ndependencies: *m\n"
        let complexKey = "a: &a [x, x]\nb: &b [*a, *a]\n? *b\n: value\ndependencies: [x]\n"
        let inputs: [(String, SpecKind)] = [
            (nested, .condaEnvironment), (nested, .pyproject), (nested, .azuremlEnvironmentV1), (laughs, .condaEnvironment),
            (complexKey, .condaEnvironment), (String(repeating: "a\\\n", count: 20_000), .pipRequirements),
            (String(repeating: "RUN pip install x \\\n", count: 5000), .dockerfile),
            (String(repeating: "\"", count: 10_000), .pipRequirements),
            ("dependencies = [" + String(repeating: "\"x\",", count: 20_000) + "]", .pyproject),
        ]
        for (text, kind) in inputs {
            _ = try SpecReader.read(path: "/nonexistent/spec", contents: text, kind: kind)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        let spec = try SpecReader.read(path: "/nonexistent/env.yml", contents: complexKey, kind: .condaEnvironment)
        XCTAssertEqual(spec.problems.count, 1)
    }
}
