/// Names people get wrong, and names that differ between PyPI and conda. Used for suggestions and
/// for `conda-pip-overlap` (a conda package installing what a `pip:` line asks for again).
public enum NameMappings {
    /// Import names and common mistakes → the PyPI project.
    public static let pypiAliases: [String: String] = [
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

    /// PyPI project → conda package, where they differ (conda-forge naming).
    public static let pypiToConda: [String: String] = [
        "torch": "pytorch", "opencv-python": "opencv", "opencv-python-headless": "opencv",
        "opencv-contrib-python": "opencv", "tables": "pytables", "msgpack": "msgpack-python",
        "graphviz": "python-graphviz", "pyqt5": "pyqt", "tensorflow-gpu": "tensorflow",
        "ruamel-yaml": "ruamel.yaml", "pillow-simd": "pillow", "typing-extensions": "typing_extensions",
        "psycopg2-binary": "psycopg2", "matplotlib": "matplotlib-base",
    ]

    /// Conda package → the PyPI project it provides (inverse of `pypiToConda` plus conda-only spellings).
    public static let condaToPyPI: [String: String] = {
        var map: [String: String] = [:]
        for (pypi, conda) in pypiToConda where map[conda] == nil { map[conda] = pypi }
        map["matplotlib-base"] = "matplotlib"
        map["py-opencv"] = "opencv-python"
        map["libopencv"] = "opencv-python"
        map["pytorch-cpu"] = "torch"
        map["pytorch-gpu"] = "torch"
        map["typing_extensions"] = "typing-extensions"
        return map
    }()
}
