/// Told, from the transfer thread, how far a body written to `HTTPRequest.bodyFile` has got, so
/// that a reader can work on the file while it is still arriving (a conda channel's repodata is
/// indexed during its download rather than after it).
///
/// Calls come in order: `attemptStarted()` each time an attempt truncates the file (a retry
/// starts from nothing), then `bodyGrew(to:)` with the body bytes written so far (after the
/// request's `bodyFileOffset`). The bytes announced are on disk when the call is made. Keep both
/// quick: they run on the thread that drives every transfer.
public protocol BodyFileObserver: AnyObject, Sendable {
    func attemptStarted()
    func bodyGrew(to bytes: Int)
}
