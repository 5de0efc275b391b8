import Foundation
import XCTest
import PythonPackaging

/// tags.json: the exact, ordered tag lists packaging yields for CPython targets.
final class TagVectorTests: XCTestCase {
    static func platform(_ c: [String: Any]) -> PythonPlatform {
        let arch = Architecture(c.string("arch")!)
        switch c.string("os")! {
        case "linux":
            let v = (c["libc_version"] as! [NSNumber]).map(\.intValue)
            let version = PlatformVersion(v[0], v[1])
            return c.string("libc") == "musl" ? .linux(arch: arch, musl: version) : .linux(arch: arch, glibc: version)
        case "macos":
            let v = (c["macos_version"] as! [NSNumber]).map(\.intValue)
            return .macos(arch: arch, version: PlatformVersion(v[0], v[1]))
        default:
            return .windows(arch: arch)
        }
    }

    func testSupportedTagsAgreeWithPackaging() throws {
        let cases = try Vectors.cases("tags.json")
        XCTAssertGreaterThanOrEqual(cases.count, 12)
        var log = MismatchLog("tags.json")
        for c in cases {
            let python = (c["python"] as! [NSNumber]).map(\.intValue)
            let platform = TagVectorTests.platform(c)
            let label = "supportedTags(cp\(python[0])\(python[1]), \(platform))"
            let ours = supportedTags(python: (python[0], python[1]), platform: platform).map(\.description)
            let theirs = c.strings("tags")!
            if ours != theirs {
                let firstDifference = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, theirs.count)
                log.check(false, "\(label): \(ours.count) tags vs packaging's \(theirs.count); first difference at \(firstDifference): "
                    + "ours \(ours.dropFirst(firstDifference).first ?? "-"), packaging \(theirs.dropFirst(firstDifference).first ?? "-")")
            } else {
                log.check(true, "")
            }
            // Priorities follow list order.
            let set = SupportedTagSet(python: (python[0], python[1]), platform: platform)
            if let first = theirs.first, let last = theirs.last {
                let tag = { (s: String) -> Tag in let p = s.split(separator: "-").map(String.init); return Tag(p[0], p[1], p[2]) }
                log.expectEqual(set.priority(of: tag(first)), 0, "\(label) priority of first")
                log.expectEqual(set.priority(of: tag(last)), theirs.count - 1, "\(label) priority of last")
            }
        }
        log.report()
    }

    func testWheelPriorityOnATarget() throws {
        let target = SupportedTagSet(python: (3, 8), platform: .linux(arch: .x86_64, glibc: PlatformVersion(2, 17)))
        let manylinux = try WheelFilename("numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
        let pure = try WheelFilename("six-1.16.0-py2.py3-none-any.whl")
        let newer = try WheelFilename("numpy-2.0.0-cp38-cp38-manylinux_2_28_x86_64.whl")
        let mac = try WheelFilename("numpy-1.24.4-cp38-cp38-macosx_10_9_x86_64.whl")
        let abi3 = try WheelFilename("cryptography-42.0.0-cp37-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
        XCTAssertNotNil(manylinux.bestPriority(in: target))
        XCTAssertNotNil(pure.bestPriority(in: target))
        XCTAssertNotNil(abi3.bestPriority(in: target))
        XCTAssertLessThan(manylinux.bestPriority(in: target)!, abi3.bestPriority(in: target)!)
        XCTAssertLessThan(abi3.bestPriority(in: target)!, pure.bestPriority(in: target)!)
        XCTAssertNil(newer.bestPriority(in: target), "glibc 2.28 wheel on a 2.17 target")
        XCTAssertNil(mac.bestPriority(in: target))
        XCTAssertFalse(mac.isCompatible(with: target))
    }
}
