import Foundation

/// The entries of a netrc file (`$NETRC`, else `$HOME/.netrc`), read by preflight itself rather
/// than by libcurl so that the one credential store decides what every request carries, and so
/// that the passwords are known to `Redaction` before anything could echo them.
///
/// The grammar is curl's and Python's: whitespace-separated tokens (a token may be double-quoted),
/// `machine NAME` or `default` opening an entry, then `login`, `password`, `account`; `macdef NAME`
/// skips its macro up to the next blank line; `#` starts a comment where a token could start.
struct NetrcFile: Sendable {
    struct Entry: Sendable, Equatable {
        /// nil for `default`.
        var machine: String?
        var login: String?
        var password: String?
    }

    var entries: [Entry] = []

    /// nil when the file cannot be read (a missing netrc is the normal case).
    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        self.init(text: String(decoding: data, as: UTF8.self))
    }

    init(text: String) {
        var tokens = Tokens(text)
        var current: Entry?
        while let token = tokens.next() {
            switch token {
            case "machine", "default":
                if let current { entries.append(current) }
                current = Entry(machine: token == "machine" ? (tokens.next() ?? "").lowercased() : nil)
            case "login":
                current?.login = tokens.next()
            case "password":
                current?.password = tokens.next()
            case "account":
                _ = tokens.next()
            case "macdef":
                _ = tokens.next()
                tokens.skipMacro()
            default:
                break  // an unknown token: ignored, as curl does
            }
        }
        if let current { entries.append(current) }
    }

    /// The entry for `host`: the first `machine` of that name, else `default`. A netrc entry names
    /// a host, not a port or scheme, so it is the file's own scope and is honoured as such.
    func entry(forHost host: String) -> Entry? {
        let host = host.lowercased()
        return entries.first { $0.machine == host } ?? entries.first { $0.machine == nil }
    }

    /// Whitespace-separated tokens, double quotes and backslash escapes inside them honoured.
    private struct Tokens {
        private let scalars: [Unicode.Scalar]
        private var position = 0

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

        mutating func next() -> String? {
            while position < scalars.count {
                let c = scalars[position]
                if c == "#" {
                    while position < scalars.count, scalars[position] != "\n" { position += 1 }
                } else if c.properties.isWhitespace {
                    position += 1
                } else {
                    break
                }
            }
            guard position < scalars.count else { return nil }
            var token = String.UnicodeScalarView()
            if scalars[position] == "\"" {
                position += 1
                while position < scalars.count, scalars[position] != "\"" {
                    if scalars[position] == "\\", position + 1 < scalars.count { position += 1 }
                    token.append(scalars[position])
                    position += 1
                }
                position += 1  // the closing quote
            } else {
                while position < scalars.count, !scalars[position].properties.isWhitespace {
                    token.append(scalars[position])
                    position += 1
                }
            }
            return String(token)
        }

        /// A macro runs from the line after `macdef NAME` to the first empty line.
        mutating func skipMacro() {
            while position < scalars.count, scalars[position] != "\n" { position += 1 }
            var lineIsEmpty = true
            position += 1
            while position < scalars.count {
                let c = scalars[position]
                position += 1
                if c == "\n" {
                    if lineIsEmpty { return }
                    lineIsEmpty = true
                } else {
                    lineIsEmpty = false
                }
            }
        }
    }
}
