import Foundation

/// Reads environment specs of every kind that preflight knows into `ParsedSpec` values.
package enum SpecReader {
    /// The kind of a spec, from its file name and contents; nil when it is none of them
    /// (an MLflow `MLmodel`, an Azure ML job, an arbitrary YAML or text file).
    package static func detectKind(path: String, contents: String) -> SpecKind? {
        KindDetector.detect(path: path, contents: contents)
    }

    /// Reads the spec at `path` and every file it includes.
    ///
    /// Positions are those of the file each requirement was written in; included files are
    /// named by joining the including file's directory and the include, lexically.
    /// A YAML file with a syntax error is read as the kind its name or top-level keys
    /// suggest (`conda.yaml`, `dependencies:`) with the error as a problem; when nothing
    /// suggests a kind it is `unknownKind`. Environment variables expand where the installer
    /// expands them: `${VAR}` in pip lines (pip), `$VAR`/`${VAR}` in conda channels (conda);
    /// conda dependencies are used as written. An unset variable stays as written and is a
    /// problem, since the spec cannot be checked as the build will see it.
    ///
    /// - Parameters:
    ///   - kind: the kind to read it as; detected from the name and contents when nil.
    ///   - environment: the variables that `${VAR}` references expand to.
    /// - Throws: `SpecReadError` when the file is missing, binary, unreadable or no spec at
    ///   all. Broken parts of a readable spec are `ParsedSpec.problems` instead.
    package static func read(
        path: String, kind: SpecKind? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ParsedSpec {
        let text = try FileLoading.load(path).get()
        return try read(text, kind: kind, environment: environment)
    }

    /// Reads a spec whose text is already in memory (standard input, tests). Files it
    /// includes are read from disk relative to `path`.
    package static func read(
        path: String, contents: String, kind: SpecKind? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ParsedSpec {
        try read(SourceText(path: path, string: contents), kind: kind, environment: environment)
    }

    static func read(_ text: SourceText, kind: SpecKind?, environment: [String: String]) throws
        -> ParsedSpec {
        guard let kind = kind ?? KindDetector.detect(path: text.path, contents: text.string) else {
            throw SpecReadError.unknownKind(text.path)
        }
        let session = ReadSession(path: text.path, kind: kind, environment: environment)
        session.enterRoot(text.path)
        switch kind {
        case .condaEnvironment:
            CondaEnvironmentReader(session: session).read(text)
        case .pipRequirements:
            PipRequirementsReader(session: session).read(text, constraint: false, section: nil)
        case .azuremlEnvironment:
            AzureMLEnvironmentReader(session: session).read(text)
        case .azuremlEnvironmentV1:
            AzureMLEnvironmentV1Reader(session: session).read(text)
        case .pyproject:
            PyprojectReader(session: session).read(text)
        case .mlflowPythonEnv:
            MLflowPythonEnvReader(session: session).read(text)
        case .dockerfile:
            DockerfileReader(session: session).read(text, context: FilePaths.directory(of: text.path))
        }
        return session.spec
    }
}
