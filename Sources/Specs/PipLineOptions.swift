/// The options of one requirements-file line, as pip's option parser for requirements files
/// understands them (`pip._internal.req.req_file.build_parser`).
struct PipLineOptions {
    var requirements: [MappedString] = []
    var constraints: [MappedString] = []
    var editables: [MappedString] = []
    var indexURL: MappedString?
    var extraIndexURLs: [MappedString] = []
    var findLinks: [MappedString] = []
    var trustedHosts: [MappedString] = []
    var noIndex = false
    var pre = false
    var preferBinary = false
    var requireHashes = false
    var onlyBinary: [String] = []
    var noBinary: [String] = []
    var features: [MappedString] = []
    /// `--hash` values, `algorithm:digest`.
    var hashes: [MappedString] = []
    var globalOptions: [MappedString] = []
    var configSettings: [MappedString] = []

    /// Options that only make sense on a line of their own (pip ignores them on a
    /// requirement line), by the name they were written with.
    var fileLevelOptionNames: [(name: String, position: SourcePosition)] = []
}

/// An emulation of `optparse` with pip's requirements-file options: long options may be
/// abbreviated to a unique prefix, take their value after `=` or as the next word, and short
/// options take theirs attached or as the next word.
enum PipOptionParser {
    struct Failure: Error {
        var message: String
        var position: SourcePosition
    }

    private enum Effect: Sendable {
        case value(@Sendable (inout PipLineOptions, MappedString) throws(Failure) -> Void)
        case flag(@Sendable (inout PipLineOptions) -> Void)
    }

    private struct Option: Sendable {
        var shorts: [String]
        var longs: [String]
        var fileLevel: Bool
        var effect: Effect
    }

    private static let strongHashes = ["sha256", "sha384", "sha512"]

    private static let options: [Option] = [
        Option(shorts: ["-i"], longs: ["--index-url", "--pypi-url"], fileLevel: true,
               effect: .value { options, value in options.indexURL = value }),
        Option(shorts: [], longs: ["--extra-index-url"], fileLevel: true,
               effect: .value { options, value in options.extraIndexURLs.append(value) }),
        Option(shorts: [], longs: ["--no-index"], fileLevel: true, effect: .flag { $0.noIndex = true }),
        Option(shorts: ["-c"], longs: ["--constraint"], fileLevel: true,
               effect: .value { options, value in options.constraints.append(value) }),
        Option(shorts: ["-r"], longs: ["--requirement"], fileLevel: true,
               effect: .value { options, value in options.requirements.append(value) }),
        Option(shorts: ["-e"], longs: ["--editable"], fileLevel: false,
               effect: .value { options, value in options.editables.append(value) }),
        Option(shorts: ["-f"], longs: ["--find-links"], fileLevel: true,
               effect: .value { options, value in options.findLinks.append(value) }),
        Option(shorts: [], longs: ["--no-binary"], fileLevel: true,
               effect: .value { options, value throws(Failure) in
                   options.noBinary += try formatControl(value, option: "--no-binary") }),
        Option(shorts: [], longs: ["--only-binary"], fileLevel: true,
               effect: .value { options, value throws(Failure) in
                   options.onlyBinary += try formatControl(value, option: "--only-binary") }),
        Option(shorts: [], longs: ["--prefer-binary"], fileLevel: true, effect: .flag { $0.preferBinary = true }),
        Option(shorts: [], longs: ["--require-hashes"], fileLevel: true, effect: .flag { $0.requireHashes = true }),
        Option(shorts: [], longs: ["--pre"], fileLevel: true, effect: .flag { $0.pre = true }),
        Option(shorts: [], longs: ["--trusted-host"], fileLevel: true,
               effect: .value { options, value in options.trustedHosts.append(value) }),
        Option(shorts: [], longs: ["--use-feature"], fileLevel: true,
               effect: .value { options, value in options.features.append(value) }),
        Option(shorts: [], longs: ["--global-option"], fileLevel: false,
               effect: .value { options, value in options.globalOptions.append(value) }),
        Option(shorts: [], longs: ["--hash"], fileLevel: false,
               effect: .value { options, value throws(Failure) in
                   try checkHash(value, option: "--hash")
                   options.hashes.append(value) }),
        Option(shorts: ["-C"], longs: ["--config-settings"], fileLevel: false,
               effect: .value { options, value throws(Failure) in
                   guard value.string.contains("=") else {
                       throw Failure(
                           message: "arguments to --config-settings must be of the form KEY=VAL",
                           position: value.startPosition)
                   }
                   options.configSettings.append(value) }),
    ]

    private static func checkHash(_ value: MappedString, option: String) throws(Failure) {
        let text = value.string
        guard let colon = text.firstIndex(of: ":") else {
            throw Failure(
                message: "arguments to \(option) must be a hash name followed by a value, like --hash=sha256:abcde...",
                position: value.startPosition)
        }
        let algorithm = String(text[..<colon])
        guard strongHashes.contains(algorithm) else {
            throw Failure(
                message: "allowed hash algorithms for \(option) are sha256, sha384, sha512 (not '\(algorithm)')",
                position: value.startPosition)
        }
    }

    private static func formatControl(_ value: MappedString, option: String) throws(Failure) -> [String] {
        let text = value.string
        if text.hasPrefix("-") {
            throw Failure(message: "\(option) option requires 1 argument", position: value.startPosition)
        }
        return text.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
    }

    /// Parses shlex-split option words. Words that are not options are ignored, as pip does.
    static func parse(_ words: [MappedString]) -> Result<PipLineOptions, Failure> {
        var result = PipLineOptions()
        var index = 0
        do throws(Failure) {
            while index < words.count {
                let word = words[index]
                let text = word.string
                if text == "--" { break }
                if text.hasPrefix("--") {
                    let equals = word.firstIndex(of: "=")
                    let name = equals.map { word.prefix(upTo: $0).string } ?? text
                    let option = try matchLong(name, at: word.startPosition)
                    let canonicalName = option.longs.first(where: { $0 == name })
                        ?? option.longs.first(where: { $0.hasPrefix(name) }) ?? name
                    if option.fileLevel { result.fileLevelOptionNames.append((canonicalName, word.startPosition)) }
                    switch option.effect {
                    case .flag(let apply):
                        if equals != nil {
                            throw Failure(message: "\(canonicalName) option does not take a value", position: word.startPosition)
                        }
                        apply(&result)
                    case .value(let apply):
                        if let equals {
                            try apply(&result, word.suffix(from: equals + 1))
                        } else if index + 1 < words.count {
                            index += 1
                            try apply(&result, words[index])
                        } else {
                            throw Failure(message: "\(canonicalName) option requires 1 argument", position: word.startPosition)
                        }
                    }
                } else if text.hasPrefix("-"), text.count > 1 {
                    var offset = 1
                    shortLoop: while offset < word.count {
                        let flag = "-" + String(word.scalars[offset])
                        guard let option = options.first(where: { $0.shorts.contains(flag) }) else {
                            throw Failure(message: "no such option: \(flag)", position: word.position(at: offset))
                        }
                        if option.fileLevel { result.fileLevelOptionNames.append((flag, word.startPosition)) }
                        switch option.effect {
                        case .flag(let apply):
                            apply(&result)
                            offset += 1
                        case .value(let apply):
                            if offset + 1 < word.count {
                                try apply(&result, word.suffix(from: offset + 1))
                            } else if index + 1 < words.count {
                                index += 1
                                try apply(&result, words[index])
                            } else {
                                throw Failure(message: "\(flag) option requires 1 argument", position: word.startPosition)
                            }
                            break shortLoop
                        }
                    }
                }
                index += 1
            }
        } catch {
            return .failure(error)
        }
        return .success(result)
    }

    private static func matchLong(_ name: String, at position: SourcePosition) throws(Failure) -> Option {
        if let exact = options.first(where: { $0.longs.contains(name) }) { return exact }
        var matches: [(String, Option)] = []
        for option in options {
            for long in option.longs where long.hasPrefix(name) { matches.append((long, option)) }
        }
        if matches.count == 1 { return matches[0].1 }
        if matches.isEmpty { throw Failure(message: "no such option: \(name)", position: position) }
        let names = matches.map(\.0).sorted().joined(separator: ", ")
        throw Failure(message: "ambiguous option: \(name) (\(names)?)", position: position)
    }
}
