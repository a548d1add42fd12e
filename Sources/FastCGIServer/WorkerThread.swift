#if canImport(Glibc)
import Glibc
#endif

/// Plain pthreads rather than Foundation.Thread: run() must join its workers before it returns.
func startThread(_ body: @escaping @Sendable () -> Void) throws -> pthread_t {
    final class Start {
        let body: @Sendable () -> Void
        init(body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let start = Unmanaged.passRetained(Start(body: body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { raw in
        let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
        start.body()
        return nil
    }, start)
    guard result == 0 else {
        Unmanaged<Start>.fromOpaque(start).release()
        throw FastCGIError.system(call: "pthread_create", errno: result)
    }
    return thread
}
