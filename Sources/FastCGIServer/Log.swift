#if canImport(Glibc)
import Glibc
#endif

/// One line to stderr with a single write(2), so lines from concurrent workers do not interleave
/// (the C `stderr` global is not usable from Swift 6 strict concurrency anyway).
func logLine(_ message: String) {
    var line = Array("FastCGIServer: \(message)\n".utf8)
    line.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Method and path only: query strings can carry tokens (password reset, invitations).
func requestSummary(_ params: [String: String]) -> String {
    let method = params["REQUEST_METHOD"] ?? "?"
    let uri = params["REQUEST_URI"] ?? params["SCRIPT_NAME"] ?? "?"
    let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
    return "\(method) \(path)"
}
