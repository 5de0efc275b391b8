import CondaPackaging
import XCTest

final class VirtualPackageTests: XCTestCase {
    func testLinuxTarget() {
        let packages = VirtualPackage.forTarget(subdir: "linux-64", glibc: "2.28", macos: nil, cuda: "11.8", archspec: nil)
        XCTAssertEqual(packages.map(\.description),
                       ["__unix=0=0", "__linux=4.18=0", "__glibc=2.28=0", "__cuda=11.8=0", "__archspec=1=x86_64"])
        XCTAssertEqual(packages.satisfies("__glibc >=2.17,<3.0.a0"), true)
        XCTAssertEqual(packages.satisfies("__glibc>=2.34"), false)
        XCTAssertEqual(packages.satisfies("__cuda>=10.0,<12"), true)
        XCTAssertEqual(packages.satisfies("__osx >=10.13"), false)
        XCTAssertEqual(packages.satisfies("__unix"), true)
        XCTAssertEqual(packages.satisfies("__archspec 1 x86_64"), true)
        XCTAssertEqual(packages.satisfies("__archspec 1 x86_64_v3"), false)
        XCTAssertNil(packages.satisfies("python >=3.8"))
        XCTAssertEqual(packages.satisfies("__glibc >=="), false, "a broken virtual spec is not satisfied")
    }

    func testOtherTargets() {
        let mac = VirtualPackage.forTarget(subdir: "osx-arm64", glibc: nil, macos: "11.0", cuda: nil, archspec: nil)
        XCTAssertEqual(mac.map(\.description), ["__unix=0=0", "__osx=11.0=0", "__archspec=1=arm64"])
        let win = VirtualPackage.forTarget(subdir: "win-64", glibc: nil, macos: nil, cuda: nil, archspec: "x86_64_v3")
        XCTAssertEqual(win.map(\.description), ["__win=0=0", "__archspec=1=x86_64_v3"])
        XCTAssertEqual(win.satisfies("__unix"), false)
        let noCuda = VirtualPackage.forTarget(subdir: "linux-aarch64", glibc: "2.17", macos: nil, cuda: nil, archspec: nil)
        XCTAssertEqual(noCuda.satisfies("__cuda"), false)
        XCTAssertEqual(noCuda.last?.build, "aarch64")
        XCTAssertEqual(VirtualPackage.forTarget(subdir: "noarch", glibc: "2.28", macos: nil, cuda: nil, archspec: nil), [])
        XCTAssertEqual(VirtualPackage.forTarget(subdir: "linux-64", glibc: nil, macos: nil, cuda: nil, archspec: nil,
                                                linuxKernel: "5.15").first { $0.name == "__linux" }?.version, "5.15")
    }

    func testSubdirs() {
        XCTAssertEqual(Subdir("linux-64")?.operatingSystem, .linux)
        XCTAssertEqual(Subdir("linux-64")?.machine, "x86_64")
        XCTAssertEqual(Subdir("win-32")?.machine, "x86")
        XCTAssertEqual(Subdir("linux-ppc64le")?.machine, "ppc64le")
        XCTAssertEqual(Subdir("osx-arm64")?.isUnix, true)
        XCTAssertEqual(Subdir("win-64")?.isUnix, false)
        XCTAssertNil(Subdir("LINUX-64"))
        XCTAssertNil(Subdir("noarch")?.machine)
        XCTAssertTrue(Subdir.known.contains("zos-z"))
    }
}
