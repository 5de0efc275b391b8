import PythonPackaging

/// Names people get wrong, and names that differ between PyPI and conda. Used for suggestions and
/// for `conda-pip-overlap` (a conda package installing what a `pip:` line asks for again).
package enum NameMappings {
    /// Import names and common mistakes → the PyPI project.
    package static let pypiAliases: [String: String] = [
        "sklearn": "scikit-learn", "cv2": "opencv-python", "pil": "pillow", "image": "pillow",
        "yaml": "pyyaml", "pytorch": "torch", "bs4": "beautifulsoup4", "skimage": "scikit-image",
        "dateutil": "python-dateutil", "dotenv": "python-dotenv", "attr": "attrs", "crypto": "pycryptodome",
        "jwt": "pyjwt", "serial": "pyserial", "git": "gitpython", "docx": "python-docx", "zmq": "pyzmq",
        "mysqldb": "mysqlclient", "fitz": "pymupdf", "faiss": "faiss-cpu", "magic": "python-magic",
        "tensorflow-gpu": "tensorflow", "opencv": "opencv-python", "py-opencv": "opencv-python",
        "pytables": "tables", "msgpack-python": "msgpack", "python-graphviz": "graphviz",
        "matplotlib-base": "matplotlib", "pyqt": "pyqt5", "google": "google-api-python-client",
        "ruamel_yaml": "ruamel-yaml", "absl": "absl-py", "tf": "tensorflow", "lightgbm-gpu": "lightgbm",
    ]

    /// What a name in `placeholders` stands for.
    package enum Placeholder: Sendable, Equatable {
        /// The PyPI project exists only to stop the mistake: installing it fails on purpose. The
        /// real project is the name's `pypiAliases` entry.
        case renamed
        /// An old backport of a standard-library module (`module`) that CPython has had since `since`.
        case standardLibrary(module: String, since: String)
    }

    /// PyPI names whose install never gives what the line meant: placeholders that fail on purpose
    /// (`pip install sklearn`: "The 'sklearn' PyPI package is deprecated, use 'scikit-learn'"), and
    /// backports of modules the standard library has long had, which install nothing a modern
    /// Python needs or shadow the module they copy (`enum34` breaks `re` on Python 3.6+).
    package static let placeholders: [String: Placeholder] = [
        "sklearn": .renamed, "pytorch": .renamed, "skimage": .renamed,
        "uuid": .standardLibrary(module: "uuid", since: "2.5"),
        "argparse": .standardLibrary(module: "argparse", since: "3.2"),
        "futures": .standardLibrary(module: "concurrent.futures", since: "3.2"),
        "enum34": .standardLibrary(module: "enum", since: "3.4"),
        "pathlib": .standardLibrary(module: "pathlib", since: "3.4"),
        "typing": .standardLibrary(module: "typing", since: "3.5"),
        "dataclasses": .standardLibrary(module: "dataclasses", since: "3.7"),
    ]

    /// PyPI project → conda package, where they differ (conda-forge naming).
    package static let pypiToConda: [String: String] = [
        "torch": "pytorch", "opencv-python": "opencv", "opencv-python-headless": "opencv",
        "opencv-contrib-python": "opencv", "tables": "pytables", "msgpack": "msgpack-python",
        "graphviz": "python-graphviz", "pyqt5": "pyqt", "tensorflow-gpu": "tensorflow",
        "ruamel-yaml": "ruamel.yaml", "pillow-simd": "pillow", "typing-extensions": "typing_extensions",
        "psycopg2-binary": "psycopg2", "matplotlib": "matplotlib-base",
    ]

    /// Conda package → the PyPI project it provides (inverse of `pypiToConda` plus conda-only spellings).
    package static let condaToPyPI: [String: String] = {
        var map: [String: String] = [:]
        for (pypi, conda) in pypiToConda where map[conda] == nil { map[conda] = pypi }
        map["matplotlib-base"] = "matplotlib"
        map["py-opencv"] = "opencv-python"
        map["libopencv"] = "opencv-python"
        map["pytorch-cpu"] = "torch"
        map["pytorch-gpu"] = "torch"
        map["typing_extensions"] = "typing-extensions"
        // conda-forge spellings whose PyPI project is named otherwise (most Python packages keep
        // their PyPI name, which PEP 503 normalisation then matches).
        for (conda, pypi) in [
            ("py-xgboost", "xgboost"), ("py-xgboost-cpu", "xgboost"), ("py-xgboost-gpu", "xgboost"), ("py-lief", "lief"),
            ("tensorflow-base", "tensorflow"), ("tensorflow-cpu", "tensorflow"), ("python-kaleido", "kaleido"),
            ("python-tzdata", "tzdata"), ("python-flatbuffers", "flatbuffers"), ("python-xxhash", "xxhash"),
            ("python-duckdb", "duckdb"), ("python-lmdb", "lmdb"), ("python-annoy", "annoy"), ("python-json-logger", "python-json-logger"),
            ("pyqt", "pyqt5"), ("pyqt5-sip", "pyqt5-sip"), ("opencv", "opencv-python"), ("pytables", "tables"),
            ("msgpack-python", "msgpack"), ("python-graphviz", "graphviz"), ("pygraphviz", "pygraphviz"),
            ("ruamel.yaml", "ruamel-yaml"), ("ruamel_yaml", "ruamel-yaml"), ("lightgbm", "lightgbm"),
            ("pytorch-lightning", "pytorch-lightning"), ("torchvision", "torchvision"), ("faiss", "faiss-cpu"),
            ("faiss-gpu", "faiss-gpu"), ("py-tree-sitter", "tree-sitter"), ("py-rattler", "py-rattler"),
        ] { map[conda] = pypi }
        return map
    }()

    /// The PyPI project a conda package that runs on Python provides: the table above where the
    /// names differ, else the conda name itself (PEP 503 normalised), which is conda-forge's rule
    /// for Python packages.
    package static func pypiName(forConda name: String) -> String {
        normalizeProjectName(condaToPyPI[name] ?? name)
    }
}
