/// Sees a body written to `HTTPRequest.bodyFile` piece by piece while it downloads, on a thread
/// that reads the file just behind the transfer (never the thread that drives every transfer),
/// so that a caller's own pass over hundreds of MB (a conda channel's index) is done when the
/// download is.
///
/// Calls come one at a time, in order: `attemptStarted()` whenever an attempt begins (a retry
/// starts from nothing), then `consume(_:)` with successive pieces of that attempt's body. When
/// the fetch returns a response written to the file, every piece of it has been consumed. The
/// body may be an error page: the caller decides from the response whether to use what it saw.
package protocol BodyFileObserver: AnyObject, Sendable {
    func attemptStarted()
    func consume(_ piece: UnsafeRawBufferPointer)
}
