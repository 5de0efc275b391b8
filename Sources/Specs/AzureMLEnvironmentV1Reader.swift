import Foundation

/// Reads an Azure ML v1 `azureml_environment.json`: `python.condaDependencies` (or a
/// `conda_dependencies.yml` beside it), `python.userManagedDependencies`,
/// `docker.baseImage`, `docker.baseDockerfile` and `docker.platform.os`.
struct AzureMLEnvironmentV1Reader {
    let session: ReadSession

    func read(_ text: SourceText) {
        let tree: SpecTree
        switch JSONScanner.parse(text) {
        case .success(let parsed): tree = parsed
        case .failure(let failure):
            session.problem(failure.message, at: failure.position)
            return
        }
        guard tree.entries != nil else {
            session.problem("an Azure ML environment must be a JSON object, not \(tree.kindName)", at: tree.position)
            return
        }
        let directory = FilePaths.directory(of: text.path)
        if let name = tree["name"]?.value.string { session.spec.name = name }

        if let docker = tree["docker"]?.value {
            if let platform = docker["platform"]?.value, let os = platform["os"]?.value.string?.lowercased() {
                session.spec.operatingSystem = os
                let architecture = platform["architecture"]?.value.string?.lowercased()
                session.spec.imagePlatform = architecture.map { "\(os)/\($0)" } ?? os
            }
            if let dockerfile = docker["baseDockerfile"]?.value.mappedString, !dockerfile.trimmed().isEmpty {
                DockerfileReader(session: session).read(SourceText(embedded: dockerfile), context: directory)
            } else if let image = docker["baseImage"]?.value.mappedString?.trimmed(), !image.isEmpty {
                session.spec.image = image.string
                session.spec.imagePosition = image.startPosition
                if let pin = ImagePythonGuess.pin(image: image.string, position: image.startPosition) {
                    session.offerPythonPin(pin)
                }
            }
        }

        guard let python = tree["python"]?.value, python.entries != nil else { return }
        if let userManaged = python["userManagedDependencies"], userManaged.value.typedString == "true" {
            session.note(.userManaged,
                         "userManagedDependencies is true: Azure ML installs nothing from condaDependencies",
                         at: userManaged.keyPosition)
            return
        }
        if let conda = python["condaDependencies"], conda.value.entries != nil {
            CondaEnvironmentReader(session: session).read(conda.value, directory: directory)
        } else if let file = python["condaDependenciesFile"]?.value.mappedString?.trimmed(), !file.isEmpty {
            session.include(FilePaths.join(directory, file.string), namedAt: file.startPosition, as: "conda file") { text in
                CondaEnvironmentReader(session: session).read(text)
            }
        } else {
            let sibling = FilePaths.join(directory, "conda_dependencies.yml")
            if FileManager.default.fileExists(atPath: sibling) {
                session.include(sibling, namedAt: python.position, as: "conda file") { text in
                    CondaEnvironmentReader(session: session).read(text)
                }
            }
        }
    }
}

extension SpecTree {
    /// The text of a number or boolean of JSON or TOML.
    var typedString: String? {
        if case .typed(let value) = self { return value.string }
        return nil
    }
}
