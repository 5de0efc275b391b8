@testable import Registries
import XCTest

final class CondaChannelResolverTests: XCTestCase {
    let resolver = CondaChannelResolver(settings: CondaChannelSettings())

    func testNameGoesThroughTheAlias() {
        let channels = resolver.resolve(["conda-forge"])
        XCTAssertEqual(channels.map(\.url), ["https://conda.anaconda.org/conda-forge"])
        XCTAssertEqual(channels.first?.name, "conda-forge")
        let custom = CondaChannelResolver(settings: CondaChannelSettings(channelAlias: "https://mirror.example/conda/"))
        XCTAssertEqual(custom.resolve(["bioconda"]).map(\.url), ["https://mirror.example/conda/bioconda"])
    }

    func testDefaultsExpandInPlaceAndKeepPriority() {
        let channels = resolver.resolve(["pytorch", "defaults", "conda-forge"])
        XCTAssertEqual(channels.map(\.url), [
            "https://conda.anaconda.org/pytorch", "https://repo.anaconda.com/pkgs/main",
            "https://repo.anaconda.com/pkgs/r", "https://conda.anaconda.org/conda-forge",
        ])
        XCTAssertEqual(channels.map(\.name), ["pytorch", "main", "r", "conda-forge"])
    }

    func testNodefaultsRemovesDefaults() {
        XCTAssertEqual(resolver.resolve(["conda-forge", "defaults", "nodefaults"]).map(\.name), ["conda-forge"])
        XCTAssertEqual(resolver.resolve(["nodefaults"]).map(\.url), [])
    }

    func testEmptyListMeansDefaults() {
        XCTAssertEqual(resolver.resolve([]).map(\.name), ["main", "r"])
    }

    func testCustomChannelWinsOverTheAlias() {
        let settings = CondaChannelSettings(customChannels: ["conda-forge": "https://artifactory.example/api/conda/cf-remote/"])
        let channels = CondaChannelResolver(settings: settings).resolve(["conda-forge", "bioconda"])
        XCTAssertEqual(channels.map(\.url), ["https://artifactory.example/api/conda/cf-remote", "https://conda.anaconda.org/bioconda"])
        XCTAssertEqual(channels.first?.givenAs, "conda-forge")
    }

    func testConfiguredDefaultsList() {
        let settings = CondaChannelSettings(defaultsChannels: ["https://mirror.example/pkgs/main"])
        XCTAssertEqual(CondaChannelResolver(settings: settings).resolve(["defaults"]).map(\.url), ["https://mirror.example/pkgs/main"])
    }

    func testURLsAreUsedAsGivenAndCredentialsAreNeverShown() {
        let channels = resolver.resolve([
            "https://user:s3cret@private.example/channels/internal/", "http://plain.example/ch", "file:///srv/conda/local",
            "/opt/channels/offline",
        ])
        XCTAssertEqual(channels.map(\.url), [
            "https://user:s3cret@private.example/channels/internal", "http://plain.example/ch", "file:///srv/conda/local",
            "file:///opt/channels/offline",
        ])
        XCTAssertEqual(channels.map(\.name), ["internal", "ch", "local", "offline"])
        XCTAssertFalse(channels[0].displayURL.contains("s3cret"))
        XCTAssertFalse(channels[0].givenAs.contains("s3cret"))
        XCTAssertFalse(channels[0].description.contains("s3cret"))
    }

    func testDuplicatesKeepTheirFirstPosition() {
        let channels = resolver.resolve(["conda-forge", "https://conda.anaconda.org/conda-forge/", "pytorch", "conda-forge"])
        XCTAssertEqual(channels.map(\.name), ["conda-forge", "pytorch"])
    }

    func testSpecChannelMatchesAGivenChannelByName() {
        let given = resolver.resolve(["file:///srv/mirror/pytorch", "conda-forge"])
        XCTAssertEqual(resolver.channels(forSpecChannel: "pytorch", among: given).map(\.url), ["file:///srv/mirror/pytorch"])
        XCTAssertEqual(resolver.channels(forSpecChannel: "conda-forge", among: given).map(\.url), ["https://conda.anaconda.org/conda-forge"])
    }

    func testSpecChannelMatchesAGivenChannelByURL() {
        let given = resolver.resolve(["https://user:pw@mirror.example/ch/conda-forge", "pytorch"])
        let found = resolver.channels(forSpecChannel: "https://MIRROR.example/ch/conda-forge/", among: given)
        XCTAssertEqual(found.map(\.url), ["https://user:pw@mirror.example/ch/conda-forge"])
    }

    func testSpecChannelFallsBackToTheAliasOnlyWhenNoGivenChannelMatches() {
        let given = resolver.resolve(["file:///srv/mirror/pytorch"])
        XCTAssertEqual(resolver.channels(forSpecChannel: "bioconda", among: given).map(\.url), ["https://conda.anaconda.org/bioconda"])
        XCTAssertEqual(resolver.channels(forSpecChannel: "https://other.example/x", among: given).map(\.url), ["https://other.example/x"])
    }

    func testSpecChannelDefaults() {
        let given = resolver.resolve(["conda-forge", "defaults"])
        XCTAssertEqual(resolver.channels(forSpecChannel: "defaults", among: given).map(\.name), ["main", "r"])
        XCTAssertEqual(resolver.channels(forSpecChannel: "defaults", among: resolver.resolve(["conda-forge"])).map(\.name), ["main", "r"])
    }
}
