import Foundation

/// A user name and password the server demands with HTTP basic authentication.
public struct BasicCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The `Authorization` header value a client must send: `Basic base64(user:password)`.
    public var authorizationValue: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Whether an `Authorization` header value carries exactly these credentials
    /// (the scheme name is case-insensitive, the token is not).
    public func accepts(_ authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return false }
        guard let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            return false
        }
        return decoded == Data("\(user):\(password)".utf8)
    }
}
