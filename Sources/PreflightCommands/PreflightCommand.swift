import ArgumentParser

public struct PreflightCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check that every package of an environment spec exists for the image's platform and Python, before the image is built."
    )
    public init() {}
}
