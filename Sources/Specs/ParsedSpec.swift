/// Everything `Specs` read from one spec file and the files it includes.
package struct ParsedSpec: Sendable {
    /// The path as it was given.
    package var path: String
    package var kind: SpecKind
    /// The environment's name (`name:` of a conda or Azure ML file, `[project].name`).
    package var name: String?
    /// Conda channels in priority order, as written, including `nodefaults`; a Dockerfile's
    /// `conda install --override-channels` adds `nodefaults` too.
    package var channels: [String]
    /// Where the `channels:` list is, if any.
    package var channelsPosition: SourcePosition?
    package var condaRequirements: [SpecRequirement]
    package var pipRequirements: [SpecRequirement]
    /// Where the `pip:` section of a conda environment is, if any.
    package var pipSectionPosition: SourcePosition?
    /// The Python version the spec asks for, if it says.
    package var pythonPin: PythonPin?
    /// The base image: Azure ML `image:`, or the `FROM` of a Dockerfile's last stage.
    package var image: String?
    /// Where `image` is written.
    package var imagePosition: SourcePosition?
    /// The operating system an Azure ML environment names (`os_type: linux|windows`,
    /// v1 `docker.platform.os`), lower-cased.
    package var operatingSystem: String?
    /// The platform the image is built for, as Docker writes it (`linux/amd64`,
    /// `linux/arm64`): `FROM --platform=` of the last stage, v1 `docker.platform`.
    package var imagePlatform: String?
    package var indexOptions: IndexOptions
    /// Parts that could not be read: each becomes an `invalid-spec` finding.
    package var problems: [SpecProblem]
    /// Remarks that are not errors; see `SpecNote.Kind`.
    package var notes: [SpecNote]
    /// Every other file that was read (includes, `conda_file`, Dockerfiles), in reading order.
    package var includedFiles: [String]

    package init(
        path: String, kind: SpecKind, name: String? = nil, channels: [String] = [],
        channelsPosition: SourcePosition? = nil,
        condaRequirements: [SpecRequirement] = [], pipRequirements: [SpecRequirement] = [],
        pipSectionPosition: SourcePosition? = nil, pythonPin: PythonPin? = nil, image: String? = nil,
        imagePosition: SourcePosition? = nil, operatingSystem: String? = nil, imagePlatform: String? = nil,
        indexOptions: IndexOptions = IndexOptions(), problems: [SpecProblem] = [],
        notes: [SpecNote] = [], includedFiles: [String] = []
    ) {
        self.path = path
        self.kind = kind
        self.name = name
        self.channels = channels
        self.channelsPosition = channelsPosition
        self.condaRequirements = condaRequirements
        self.pipRequirements = pipRequirements
        self.pipSectionPosition = pipSectionPosition
        self.pythonPin = pythonPin
        self.image = image
        self.imagePosition = imagePosition
        self.operatingSystem = operatingSystem
        self.imagePlatform = imagePlatform
        self.indexOptions = indexOptions
        self.problems = problems
        self.notes = notes
        self.includedFiles = includedFiles
    }

    /// Conda and pip requirements together, conda first.
    package var requirements: [SpecRequirement] { condaRequirements + pipRequirements }
}
