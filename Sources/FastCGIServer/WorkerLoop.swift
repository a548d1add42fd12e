import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

extension FastCGIServer {
    /// One worker thread: wait for a connection, accept a request, serve it, repeat until stop().
    func workerLoop() {
        // Heap-allocated: libfcgi's streams keep a pointer to the request, so it must not move.
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        FCGX_InitRequest(request, listening.fd, 0)
        defer {
            // An idle kept-alive connection (FCGI_KEEP_CONN) still open when we stop. Closed
            // directly: libfcgi's own close would first wait up to 2 s for the web server to hang
            // up, and with nothing in flight there is no response to protect.
            if request.pointee.ipcFd >= 0 {
                Glibc.close(request.pointee.ipcFd)
                request.pointee.ipcFd = -1
            }
            FCGX_Free(request, 0)
            request.deallocate()
        }
        while true {
            let accepted: Int32
            if request.pointee.ipcFd >= 0 {
                // The web server asked to keep the connection (nginx fastcgi_keep_conn on): the
                // next request arrives on it, and FCGX_Accept_r reads it without accept(). A
                // request already waiting there when stop() comes is still served (it was sent
                // to us); after that the connection is closed and nginx opens a new one.
                guard !stopRequested.load(ordering: .sequentiallyConsistent),
                      waitUntilReadable(request.pointee.ipcFd, stopWins: false) else { return }
                accepted = FCGX_Accept_r(request)
            } else {
                guard acceptLock.withLock({ _ in waitUntilReadable(listening.fd, stopWins: true) }) else { return }
                // Outside the lock: FCGX_Accept_r also reads BEGIN_REQUEST and PARAMS, blocking,
                // and a peer that stalls there must pin this worker only, not every worker's
                // accept. The next worker may see the same connection still pending and lose the
                // accept race (EAGAIN); that is cheap. libfcgi waits up to 2 s for a new unix-socket
                // connection's first bytes and drops it if none come; nginx sends them at once.
                accepted = FCGX_Accept_r(request)
            }
            if accepted < 0 {
                handleAcceptFailure(accepted)
                continue
            }
            serve(request)
            FCGX_Finish_r(request)
        }
    }

    /// False when stop() was called. When both are readable `stopWins` decides: on the listening
    /// socket stop wins, and the connection stays in the backlog for whoever listens next.
    private func waitUntilReadable(_ fd: Int32, stopWins: Bool) -> Bool {
        var fds = [
            pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                logLine("poll failed: \(FastCGIError.system(call: "poll", errno: errno))")
                usleep(100_000)
                continue
            }
            let stopping = fds[0].revents != 0
            let readable = fds[1].revents != 0
            if stopping && (stopWins || !readable) { return false }
            if readable { return true }
        }
    }

    /// libfcgi returns -errno. EAGAIN is the normal case of losing an accept race, or of a
    /// connection that closed (or sent garbage) before its params: libfcgi dropped it and found no
    /// other connection waiting.
    private func handleAcceptFailure(_ code: Int32) {
        switch -code {
        case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED:
            return
        default:
            // EMFILE and friends: the listening socket stays readable, so back off instead of
            // spinning on it.
            let reason = code > -9000 ? FastCGIError.system(call: "FCGX_Accept_r", errno: -code).description
                                      : "FCGX_Accept_r failed with \(code)"
            logLine(reason)
            usleep(50_000)
        }
    }

    /// Runs the handler and writes its response. Never throws: one bad request must not take the
    /// worker (or the process) down.
    private func serve(_ request: UnsafeMutablePointer<FCGX_Request>) {
        guard let input = request.pointee.in, let output = request.pointee.out else { return }
        let fcgiRequest = FastCGIRequest(params: Self.params(from: request.pointee.envp), body: .fastCGI(input))
        let response = HandlerInvocation.response(from: handler, for: fcgiRequest)
        let bodyIntact = fcgiRequest.discardRemainingBody()
        fcgiRequest.finish()
        guard bodyIntact, let response else {
            // Aborted (FCGI_ABORT_REQUEST) or the connection broke: nobody is waiting for a
            // response. FCGX_Finish_r still sends END_REQUEST, which an abort asks for.
            return
        }
        let head = ResponseEncoding.head(of: response) { problem in
            logLine("\(requestSummary(fcgiRequest.params)): dropped from response: \(problem)")
        }
        Self.put(head, to: output)
        Self.put(response.body, to: output)
    }

    private static func put(_ bytes: [UInt8], to stream: UnsafeMutablePointer<FCGX_Stream>) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let length = min(raw.count - offset, 1 << 30)
                let pointer = raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                // -1 means the web server hung up; the stream keeps the error and FCGX_Finish_r closes.
                guard FCGX_PutStr(pointer, Int32(length), stream) == Int32(length) else { return }
                offset += length
            }
        }
    }

    /// libfcgi's envp: "NAME=value" C strings, NULL-terminated. The first '=' splits, since values
    /// may contain '='. A name given twice keeps its first value, as FCGX_GetParam does.
    static func params(from envp: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String: String] {
        var params = [String: String](minimumCapacity: 40)
        guard var cursor = envp else { return params }
        while let entry = cursor.pointee {
            let bytes = UnsafeRawBufferPointer(start: entry, count: strlen(entry))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(decoding: bytes[..<equals], as: UTF8.self)
                if params[name] == nil {
                    params[name] = String(decoding: bytes[(equals + 1)...], as: UTF8.self)
                }
            }
            cursor += 1
        }
        return params
    }
}
