/// Reads an Azure ML v2 environment YAML: `image`, `conda_file` (a path or an inline
/// mapping) and `build` (a Docker build context with `dockerfile_path`).
struct AzureMLEnvironmentReader {
    let session: ReadSession

    func read(_ text: SourceText) {
        let document = YAMLDocument.load(text)
        session.spec.problems += document.problems
        guard let tree = document.tree().tree else {
            if document.problems.isEmpty { session.problem("the environment file is empty", at: text.position(of: 0)) }
            return
        }
        guard tree.entries != nil else {
            session.problem("an Azure ML environment must be a mapping, not \(tree.kindName)", at: tree.position)
            return
        }
        let directory = FilePaths.directory(of: text.path)
        if let name = tree["name"]?.value.string { session.spec.name = name }
        if let os = tree["os_type"]?.value.string { session.spec.operatingSystem = os.lowercased() }

        let image = tree["image"]
        let build = tree["build"]
        if let image {
            if let value = image.value.mappedString?.trimmed(), !value.isEmpty {
                session.spec.image = value.string
                session.spec.imagePosition = value.startPosition
                if let pin = ImagePythonGuess.pin(image: value.string, position: value.startPosition) {
                    session.offerPythonPin(pin)
                }
            } else {
                session.problem("image must be an image name such as mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04",
                                at: image.value.position)
            }
        }
        if let image, build != nil {
            session.problem("image and build cannot both be given: Azure ML builds from one or the other", at: image.keyPosition)
        }
        if image == nil, build == nil, tree.entries?.isEmpty == false {
            session.problem("an Azure ML environment needs an image or a build context", at: tree.position)
        }
        if let condaFile = tree["conda_file"] { readCondaFile(condaFile, directory: directory) }
        if let build { readBuild(build, directory: directory) }
    }

    private func readCondaFile(_ entry: SpecTreeEntry, directory: String) {
        switch entry.value {
        case .map:
            CondaEnvironmentReader(session: session).read(entry.value, directory: directory)
        case .scalar(let value, false):
            let reference = value.trimmed().string
            if reference.contains("://") || reference.hasPrefix("azureml:") {
                session.note(.unverifiable, "the conda file '\(reference)' is remote and is not checked", at: value.startPosition)
                return
            }
            let path = FilePaths.join(directory, reference)
            let name = session.spec.name
            session.include(path, namedAt: value.startPosition, as: "conda file") { text in
                CondaEnvironmentReader(session: session).read(text)
            }
            session.spec.name = name
        default:
            session.problem("conda_file must be a path or a conda environment, not \(entry.value.kindName)",
                            at: entry.value.position)
        }
    }

    private func readBuild(_ entry: SpecTreeEntry, directory: String) {
        guard entry.value.entries != nil else {
            session.problem("build must be a mapping with path (and dockerfile_path), not \(entry.value.kindName)",
                            at: entry.value.position)
            return
        }
        guard let pathEntry = entry.value["path"], let path = pathEntry.value.mappedString?.trimmed(), !path.isEmpty else {
            session.problem("build needs a path: the Docker build context", at: entry.keyPosition)
            return
        }
        let location = path.string
        if location.contains("://") || location.hasPrefix("git@") || location.hasPrefix("azureml:") {
            session.note(.unverifiable, "the build context '\(location)' is remote and is not checked", at: path.startPosition)
            return
        }
        let context = FilePaths.join(directory, location)
        var dockerfile = "Dockerfile"
        var dockerfilePosition = path.startPosition
        if let named = entry.value["dockerfile_path"]?.value.mappedString?.trimmed(), !named.isEmpty {
            dockerfile = named.string
            dockerfilePosition = named.startPosition
        }
        let dockerfilePath = FilePaths.join(context, dockerfile)
        session.include(dockerfilePath, namedAt: dockerfilePosition, as: "Dockerfile") { text in
            DockerfileReader(session: session).read(text, context: context)
        }
    }
}
