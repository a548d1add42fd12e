import CFastCGI
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// libfcgi's process-wide setup (FCGX_Init) exactly once: Swift runs a global's initializer once,
/// thread-safely, on first use.
private let libraryInitialization: Int32 = FCGX_Init()

/// A libfcgi accept loop on a pool of threads. It knows nothing of the app: each request's params
/// and body go to `handler`, and what the handler returns is written back.
///
/// Workers take turns waiting for a connection (an accept mutex around poll() on the listening
/// socket and a wake pipe), then accept and read the request with FCGX_Accept_r and serve it.
/// `stop()` writes to the wake pipe, which stays readable, so every waiting worker returns; the
/// listening socket is never shut down, because under systemd socket activation systemd keeps it.
public final class FastCGIServer: @unchecked Sendable {
    public typealias Handler = @Sendable (FastCGIRequest) throws -> FastCGIResponse

    let handler: Handler
    let workerCount: Int
    let listening: ListeningSocket
    /// [read, write]; never drained, so once stop() wrote a byte every poll() on it returns at once.
    let wakePipe: (read: Int32, write: Int32)
    /// Only one worker at a time waits in poll() on the listening socket, so a new connection
    /// wakes one thread instead of all of them.
    let acceptLock = Mutex(())
    let stopRequested = Atomic<Bool>(false)
    private let state = Mutex(State())

    private struct State {
        var phase = Phase.idle
        var signalSources: [any DispatchSourceSignal] = []
    }

    private enum Phase { case idle, running, finished }

    /// Opens (unix socket) or validates (inherited) the listening socket. Nothing is accepted
    /// before `run()`.
    public init(listen: FastCGIListen, workers: Int, handler: @escaping Handler) throws {
        guard workers >= 1 else { throw FastCGIError.invalidWorkerCount(workers) }
        guard libraryInitialization == 0 else {
            throw FastCGIError.libraryInitializationFailed(code: libraryInitialization)
        }
        var fds: [Int32] = [-1, -1]
        // pipe2() is hidden behind _GNU_SOURCE in Glibc's Swift module; fcntl does the same.
        guard pipe(&fds) == 0 else { throw FastCGIError.system(call: "pipe", errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        do {
            listening = try ListeningSocket.open(listen)
        } catch {
            Glibc.close(fds[0])
            Glibc.close(fds[1])
            throw error
        }
        wakePipe = (fds[0], fds[1])
        self.workerCount = workers
        self.handler = handler
    }

    deinit {
        for source in state.withLock({ $0.signalSources }) { source.cancel() }
        if state.withLock({ $0.phase }) != .finished { listening.closeIfOwned() }
        Glibc.close(wakePipe.read)
        Glibc.close(wakePipe.write)
    }

    /// Blocks: runs `workers` threads, each looping on FCGX_Accept_r with its own FCGX_Request.
    /// Returns after stop(): new connections are no longer accepted, requests in flight finish and
    /// are written. Connections still waiting in the listen backlog stay there (systemd hands them
    /// to the next process). A socket this server created is closed and unlinked on return.
    public func run() throws {
        try state.withLock { state throws(FastCGIError) in
            guard state.phase == .idle else { throw FastCGIError.alreadyRun }
            state.phase = .running
        }
        defer {
            listening.closeIfOwned()
            state.withLock { $0.phase = .finished }
        }
        var threads: [pthread_t] = []
        defer { for thread in threads { pthread_join(thread, nil) } }
        for _ in 0..<workerCount {
            do {
                threads.append(try startThread { [self] in workerLoop() })
            } catch {
                stop()
                throw error
            }
        }
    }

    /// Thread-safe, idempotent. Wakes every worker blocked waiting for a connection; a worker
    /// serving a request finishes it first.
    public func stop() {
        guard !stopRequested.exchange(true, ordering: .sequentiallyConsistent) else { return }
        var byte: UInt8 = 1
        while Glibc.write(wakePipe.write, &byte, 1) < 0 && errno == EINTR {}
    }

    /// Installs SIGTERM, SIGINT and SIGUSR1 handling that calls stop(), and ignores SIGPIPE so a
    /// web server that hung up turns into EPIPE on write instead of killing the process.
    ///
    /// SIGUSR1 is included because libfcgi's own SIGUSR1 handler (installed by FCGX_Init when the
    /// disposition is default) only sets a flag that makes every later accept fail: the process
    /// would stay up serving nothing. Here it means "finish and exit", as libfcgi intends.
    public func stopOnTerminationSignals() {
        signal(SIGPIPE, SIG_IGN)
        state.withLock { state in
            let queue = DispatchQueue(label: "FastCGIServer.signals")
            for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGUSR1, "SIGUSR1")] {
                // Ignored so the default action does not kill the process; Dispatch still sees it.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { [weak self] in
                    logLine("\(name) received: finishing requests in flight, then exiting")
                    self?.stop()
                }
                source.resume()
                state.signalSources.append(source)
            }
        }
    }
}
