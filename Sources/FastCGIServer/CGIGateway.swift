#if canImport(Glibc)
import Glibc
#endif

/// CGI mode (`ez360-fcgi --cgi`): one request from environment variables and stdin, the response
/// on stdout in CGI form. The same handler then runs from a plain cgi-bin/ or from a test, with no
/// server or socket at all.
public enum CGIGateway {
    /// Serves one request and returns the process exit status: 0 once a response (even a 500) was
    /// written, 1 if the output could not be written. The body is read from `input` up to
    /// CONTENT_LENGTH bytes, never to end of file: a web server may keep stdin open.
    /// SIGPIPE is ignored so a web server that hung up shows as a failed write, not a killed process.
    public static func serveOne(
        environment: [String: String],
        input: Int32 = STDIN_FILENO,
        output: Int32 = STDOUT_FILENO,
        handler: FastCGIServer.Handler
    ) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        let request = FastCGIRequest(
            params: environment,
            body: .descriptor(fd: input, expected: contentLength(environment), received: 0)
        )
        let response = HandlerInvocation.response(from: handler, for: request) ?? .internalServerError
        request.finish()
        var bytes = ResponseEncoding.head(of: response) { problem in
            logLine("\(requestSummary(environment)): dropped from response: \(problem)")
        }
        bytes.append(contentsOf: response.body)
        return writeAll(bytes, to: output) ? 0 : 1
    }

    /// Absent or malformed means no body: reading to EOF could block on a web server that keeps
    /// stdin open.
    static func contentLength(_ environment: [String: String]) -> Int {
        guard let text = environment["CONTENT_LENGTH"], !text.isEmpty else { return 0 }
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let length = Int(text) else {
            logLine("\(requestSummary(environment)): ignoring malformed CONTENT_LENGTH \(text.debugDescription)")
            return 0
        }
        return length
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    logLine("writing the CGI response failed: \(FastCGIError.system(call: "write", errno: errno))")
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
