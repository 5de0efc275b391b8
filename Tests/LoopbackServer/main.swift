// loopback-server: serves a directory on 127.0.0.1 for CLI tests and benchmarks.
//
//   loopback-server --root DIR [--port N] [--seconds N] [--no-validators] [--no-ranges]
//                   [--max-age N] [--precompressed]
//
// Prints `http://127.0.0.1:PORT` as its first stdout line, then serves until --seconds
// (default 600, so a forgotten server never lingers) or SIGTERM / SIGINT.
import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

let usage = """
    usage: loopback-server --root DIR [--port N] [--seconds N] [--no-validators] [--no-ranges]
                           [--max-age N] [--precompressed]
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("loopback-server: \(message)\n\(usage)\n".utf8))
    exit(2)
}

/// The command line, parsed.
struct Invocation {
    var root: String?
    var port: UInt16 = 0
    var seconds: TimeInterval = 600
    var files = StaticFileOptions()

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(for flag: String) -> String {
            guard let next = rest.popFirst() else { fail("\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--root": root = value(for: argument)
            case "--port":
                guard let parsed = UInt16(value(for: argument)) else { fail("--port needs a number 0-65535") }
                port = parsed
            case "--seconds":
                guard let parsed = TimeInterval(value(for: argument)), parsed > 0 else {
                    fail("--seconds needs a positive number")
                }
                seconds = parsed
            case "--no-validators": files.validators = false
            case "--no-ranges": files.ranges = false
            case "--precompressed": files.precompressedSiblings = true
            case "--max-age":
                guard let parsed = Int(value(for: argument)), parsed >= 0 else {
                    fail("--max-age needs a non-negative number")
                }
                files.cacheControl = "max-age=\(parsed)"
            case "-h", "--help":
                FileHandle.standardOutput.write(Data((usage + "\n").utf8))
                exit(0)
            default: fail("unknown argument \(argument)")
            }
        }
    }
}

let invocation = Invocation(Array(CommandLine.arguments.dropFirst()))
guard let root = invocation.root else { fail("--root is required") }

let server: LoopbackHTTPServer
do {
    server = try LoopbackHTTPServer.serving(
        directory: URL(fileURLWithPath: root), files: invocation.files,
        options: ServerOptions(port: invocation.port, lifetime: invocation.seconds))
} catch {
    fail("\(error)")
}
// FileHandle writes are unbuffered: the parent sees the URL at once.
FileHandle.standardOutput.write(Data((server.baseURL + "\n").utf8))

// Signals arrive on a Dispatch source instead of an async-unsafe handler.
signal(SIGTERM, SIG_IGN)
signal(SIGINT, SIG_IGN)
let finished = DispatchSemaphore(value: 0)
var sources: [DispatchSourceSignal] = []
for number in [SIGTERM, SIGINT] {
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler { finished.signal() }
    source.resume()
    sources.append(source)
}
// The server's own lifetime ends the wait too.
while finished.wait(timeout: .now() + 0.2) == .timedOut && !server.isStopped {}
server.stop()
exit(0)
