import XCTest
import PythonPackaging
import TestSupport

/// Random and mutated inputs for every parser: nothing may crash or hang, and whatever parses
/// must print to text that parses back to an equal value.
final class FuzzTests: XCTestCase {
    static let alphabet: [Character] = Array("0123456789.-_+!*=<>~,;()[]@'\" \tabcdeoprstvxyzABCPRV")
        + ["\u{A0}", "\u{3000}", "é", "\u{200B}", "\n", "İ", "ﬁ", "\u{0301}", "Ω", "\u{1F600}", "\\", "/", ":", "#"]

    static func mutate(_ seed: String, _ rng: inout SeededGenerator) -> String {
        var chars = Array(seed)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let position = Int.random(in: 0...chars.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: chars.insert(alphabet.randomElement(using: &rng)!, at: position)
            case 1: if !chars.isEmpty { chars.remove(at: min(position, chars.count - 1)) }
            case 2: if !chars.isEmpty { chars[min(position, chars.count - 1)] = alphabet.randomElement(using: &rng)! }
            case 3:
                // duplicate a slice, to grow runs of digits, dots and brackets
                if !chars.isEmpty {
                    let start = min(position, chars.count - 1)
                    let end = min(chars.count, start + Int.random(in: 1...6, using: &rng))
                    chars.insert(contentsOf: chars[start..<end], at: start)
                }
            default:
                if chars.count > 1 { chars.swapAt(Int.random(in: 0..<chars.count, using: &rng), Int.random(in: 0..<chars.count, using: &rng)) }
            }
        }
        return String(chars)
    }

    static func randomText(_ rng: inout SeededGenerator) -> String {
        String((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// `count` inputs: half mutations of the seeds, half random text, plus some hostile ones.
    static func inputs(seeds: [String], count: Int, seed: UInt64, hostile: [String] = []) -> [String] {
        var rng = SeededGenerator(seed: seed)
        var result = seeds + hostile
        while result.count < count {
            if Bool.random(using: &rng) {
                result.append(mutate(seeds.randomElement(using: &rng)!, &rng))
            } else {
                result.append(randomText(&rng))
            }
        }
        return result
    }

    static let hostile = [
        String(repeating: "9", count: 5000), String(repeating: "1.", count: 3000) + "1",
        String(repeating: "(", count: 5000), String(repeating: "a", count: 10000), String(repeating: " ", count: 5000),
        String(repeating: ",", count: 3000), String(repeating: "[", count: 1000) + "]",
        "\u{0}", "\u{FEFF}1.0", String(repeating: "\u{0301}", count: 100),
    ]

    func testVersionFuzz() {
        let seeds = ["1.0", "1!2.3.4a5.post6.dev7+abc.8", "v1.0-1", "1.0_RC1", " 2.0.0 ", "1.0+Ubuntu-01", "0.dev0", "1.0.0.0.0.1"]
        var parsedCount = 0
        var previous: Version?
        for input in FuzzTests.inputs(seeds: seeds, count: 20_000, seed: 440, hostile: FuzzTests.hostile) {
            guard let v = Version.parse(input) else { continue }
            parsedCount += 1
            let again = Version.parse(v.description)
            XCTAssertEqual(again, v, "round trip of \(show(input))")
            XCTAssertEqual(again?.description, v.description, "normalized form is stable for \(show(input))")
            XCTAssertEqual(Version.parse(v.publicVersion)?.local, nil)
            if let p = previous {
                let relations = [p < v, v < p, p == v].filter { $0 }.count
                XCTAssertEqual(relations, 1, "exactly one of <, >, == for \(p) and \(v)")
                if p == v { XCTAssertEqual(p.hashValue, v.hashValue) }
            }
            previous = v
        }
        XCTAssertGreaterThan(parsedCount, 2_000)
    }

    func testSpecifierSetFuzz() {
        let seeds = [">=1.0,<2", "~=1.4.5", "==1.0.*", "!=1.0+local", "===foo", " >= 1.0 , < 2 ", "<1.0rc1", ">1.0.post1"]
        let versions = ["0.dev0", "1.0a1", "1.0", "1.0+local", "1.4.5", "1.5", "2.0", "1!0.1"].map { Version.parse($0)! }
        var parsedCount = 0
        for input in FuzzTests.inputs(seeds: seeds, count: 20_000, seed: 508, hostile: FuzzTests.hostile) {
            guard let set = try? SpecifierSet(input) else { continue }
            parsedCount += 1
            let again = try? SpecifierSet(set.description)
            XCTAssertEqual(again, set, "round trip of \(show(input))")
            for v in versions {
                // The printed form must select the same versions.
                XCTAssertEqual(again?.contains(v), set.contains(v), "contains(\(v)) after round trip of \(show(input))")
                _ = set.contains(v, prereleases: false)
            }
            _ = set.filter(versions)
            _ = set.contains(input)
        }
        XCTAssertGreaterThan(parsedCount, 1_000)
    }

    func testRequirementFuzz() {
        let seeds = ["requests[security,socks]>=2.8.1,==2.8.*;python_version<'2.7'", "name (>=1.0)", "name @ https://x/y.whl ; os_name=='nt'",
                     "Foo.Bar_baz[Extra] ~= 1.0 ; extra == 'test' and (sys_platform == 'linux' or os_name != 'nt')"]
        var parsedCount = 0
        for input in FuzzTests.inputs(seeds: seeds, count: 20_000, seed: 4271, hostile: FuzzTests.hostile) {
            do {
                let requirement = try Requirement(input)
                parsedCount += 1
                guard printsFaithfully(requirement.description) else { continue }
                let again = try? Requirement(requirement.description)
                XCTAssertEqual(again, requirement, "round trip of \(show(input))")
                XCTAssertEqual(again?.description, requirement.description)
            } catch {
                let length = input.unicodeScalars.count
                XCTAssert((0...length).contains(error.offset) && error.offset <= error.end && error.end <= length + 1,
                          "error span \(error.offset)..\(error.end) for \(show(input))")
            }
        }
        XCTAssertGreaterThan(parsedCount, 1_000)
    }

    func testMarkerFuzz() {
        let seeds = ["python_version < '3.8' and (os_name == 'nt' or extra == 'Test')", "'linux' in sys_platform",
                     "python_full_version ~= '3.8.0' or platform.machine not in 'x86_64 AMD64'", "os_name == \"a\\tb\""]
        let environment = MarkerEnvironment.forTarget(pythonVersion: "3.8", platform: .linux(glibc: PlatformVersion(2, 17)))
        var parsedCount = 0
        for input in FuzzTests.inputs(seeds: seeds, count: 20_000, seed: 503, hostile: FuzzTests.hostile) {
            do {
                let marker = try Marker(input)
                parsedCount += 1
                // packaging prints values without escaping them, so text with backslashes,
                // non-printable characters or both quote kinds does not read back the same way
                // there either; the round trip is checked for everything else.
                guard printsFaithfully(marker.description) else { continue }
                let again = try? Marker(marker.description)
                XCTAssertEqual(again, marker, "round trip of \(show(input))")
                let result = try? marker.evaluateStrictly(environment: environment, extras: ["test"])
                XCTAssertEqual(try? again?.evaluateStrictly(environment: environment, extras: ["test"]), result)
            } catch {
                let length = input.unicodeScalars.count
                XCTAssert((0...length).contains(error.offset), "error offset \(error.offset) for \(show(input))")
            }
        }
        XCTAssertGreaterThan(parsedCount, 500)
        // Deep nesting is an error, not a stack overflow.
        XCTAssertThrowsError(try Marker(String(repeating: "(", count: 100_000) + "os_name == 'nt'" + String(repeating: ")", count: 100_000)))
        XCTAssertNoThrow(try Marker(String(repeating: "(", count: 200) + "os_name == 'nt'" + String(repeating: ")", count: 200)))
    }

    /// Long inputs that a careless parser would take quadratic time (or deep recursion) on.
    func testLongInputsStayLinear() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let specifiers = String(repeating: ">=1.0,", count: 20_000)
            XCTAssertThrowsError(try Requirement("name " + specifiers + " @"))
            XCTAssertNoThrow(try Requirement("name " + String(specifiers.dropLast())))
            XCTAssertThrowsError(try Requirement("name " + String(repeating: "===a,", count: 20_000) + "=1"))
            let alternatives = Array(repeating: "os_name == 'nt'", count: 5_000).joined(separator: " or ")
            let marker = try? Marker(alternatives)
            XCTAssertEqual(marker?.evaluate(environment: .forTarget(pythonVersion: "3.11", platform: .windows())), true)
            XCTAssertNil(Version.parse(String(repeating: "1.", count: 50_000)))
            XCTAssertNotNil(Version.parse(String(repeating: "1.", count: 50_000) + "1"))
            XCTAssertNil(WheelFilename.parse(String(repeating: "a.", count: 50_000) + "-1.0-py3-none-any.whl.x"))
        }
        print("long inputs: \(elapsed)")
        XCTAssertLessThan(elapsed, .seconds(20), "parsers must stay linear on long input")
    }

    func testWheelFilenameFuzz() {
        let seeds = ["numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "six-1.16.0-py2.py3-none-any.whl",
                     "foo-1.0-1abc-cp39.cp310-abi3-win_amd64.whl", "foo-bar-1.0.tar.gz"]
        let target = SupportedTagSet(python: (3, 11), platform: .linux(glibc: PlatformVersion(2, 28)))
        var parsedCount = 0
        for input in FuzzTests.inputs(seeds: seeds, count: 20_000, seed: 427, hostile: FuzzTests.hostile) {
            if let wheel = WheelFilename.parse(input) {
                parsedCount += 1
                XCTAssertFalse(wheel.tags.isEmpty)
                XCTAssertEqual(normalizeProjectName(wheel.name), wheel.name)
                _ = wheel.bestPriority(in: target)
            }
            _ = DistributionFilename.parse(input, projectName: "foo")
            _ = SdistFilename.parse(input)
        }
        XCTAssertGreaterThan(parsedCount, 500)
    }
}
