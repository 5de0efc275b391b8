/// Guesses the Python version of a base image from its name: the official `python:3.8-slim`
/// images, and names that carry a `py38` / `py312` token (Azure ML curated images do).
enum ImagePythonGuess {
    static func pin(image: String, position: SourcePosition) -> PythonPin? {
        guard let version = version(of: image) else { return nil }
        return PythonPin(text: image, version: version, position: position, source: .baseImage)
    }

    static func version(of image: String) -> String? {
        let reference = ImageReference(image)
        if reference.isPythonImage { return reference.pythonTagVersion }
        var name = image.lowercased()
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        // A `py3X` / `py3XX` token between separators anywhere in the name or tag.
        let full = Array(name.unicodeScalars)
        var index = 0
        while index + 4 <= full.count {
            let before: Unicode.Scalar? = index > 0 ? full[index - 1] : nil
            if full[index] == "p", full[index + 1] == "y", full[index + 2] == "3",
               before.map({ "-_/.:".unicodeScalars.contains($0) }) ?? true {
                var end = index + 3
                while end < full.count, ("0"..."9").contains(full[end]) { end += 1 }
                let minor = String(String.UnicodeScalarView(full[(index + 3)..<end]))
                let after: Unicode.Scalar? = end < full.count ? full[end] : nil
                if (1...2).contains(minor.count), after.map({ "-_/.:".unicodeScalars.contains($0) }) ?? true {
                    return "3." + String(Int(minor) ?? 0)
                }
            }
            index += 1
        }
        return nil
    }
}
