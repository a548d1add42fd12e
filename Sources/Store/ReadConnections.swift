import Foundation
import GRDB

/// Read-only connections lent to one thread at a time. GRDB's DatabasePool hands out its
/// readers through a dispatch queue and a semaphore; with four FastCGI workers on two cores
/// that hand-off (futex waits, thread hops) cost a quarter of a list page (`make bench`, perf
/// with DWARF stacks, 2026-11-30). Here a connection is taken from an idle list under a
/// mutex and used on the caller's thread, so its serial queue is never contended; a thread
/// that finds the list empty opens another one (there are never more than the threads
/// reading at once, kept up to `maxIdle`).
final class ReadConnections: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let maxIdle: Int
    private let lock = NSLock()
    private var idle: [DatabaseQueue] = []

    init(path: String, configuration: Configuration, maxIdle: Int) {
        var configuration = configuration
        configuration.readonly = true
        // The caller's busy timeout stays: the rare SQLITE_BUSY of a WAL reader (another
        // process recovering or closing the last connection) then waits instead of failing.
        self.path = path
        self.configuration = configuration
        self.maxIdle = max(1, maxIdle)
    }

    func withConnection<T>(_ body: (DatabaseQueue) throws -> T) throws -> T {
        let connection = try take()
        defer { give(connection) }
        return try body(connection)
    }

    private func take() throws -> DatabaseQueue {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        return try reused ?? DatabaseQueue(path: path, configuration: configuration)
    }

    private func give(_ connection: DatabaseQueue) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < maxIdle { idle.append(connection) }
    }
}
