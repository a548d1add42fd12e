#if canImport(Glibc)
import Glibc
#endif

public enum FastCGIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed while setting up or running the server.
    case system(call: String, errno: Int32)
    /// The inherited descriptor is not a listening stream socket (e.g. started from a terminal
    /// without systemd socket activation or spawn-fcgi).
    case notAListeningSocket(fd: Int32)
    case socketPathTooLong(path: String)
    /// Another process is accepting on this unix socket path; removing it would steal its socket.
    case socketInUse(path: String)
    /// Something other than a socket is at the path: never delete a file we did not make.
    case pathIsNotASocket(path: String)
    case invalidWorkerCount(Int)
    case libraryInitializationFailed(code: Int32)
    /// `run()` is one-shot: the listening socket it owns is closed when it returns.
    case alreadyRun
    /// The request body could not be read: the web server aborted the request (FCGI_ABORT_REQUEST)
    /// or the connection broke. `code` is libfcgi's stream error (negative) or an errno.
    case requestAborted(code: Int32)
    /// CGI: stdin ended before CONTENT_LENGTH bytes arrived.
    case bodyTruncated(expected: Int, received: Int)
    case bodyTooLarge(limit: Int)
    /// The body was read after the handler returned; libfcgi has already freed the stream.
    case requestFinished

    public var description: String {
        switch self {
        case let .system(call, code): "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        case let .notAListeningSocket(fd): "file descriptor \(fd) is not a listening stream socket"
        case let .socketPathTooLong(path): "unix socket path is longer than 107 bytes: \(path)"
        case let .socketInUse(path): "another process is listening on \(path)"
        case let .pathIsNotASocket(path): "\(path) exists and is not a socket; refusing to remove it"
        case let .invalidWorkerCount(count): "worker count must be at least 1, got \(count)"
        case let .libraryInitializationFailed(code): "FCGX_Init failed with \(code)"
        case .alreadyRun: "FastCGIServer.run() can only be called once"
        case let .requestAborted(code): "request aborted by the web server or connection lost (code \(code))"
        case let .bodyTruncated(expected, received): "request body truncated: \(received) of \(expected) bytes"
        case let .bodyTooLarge(limit): "request body larger than \(limit) bytes"
        case .requestFinished: "request body read after the handler returned"
        }
    }
}
