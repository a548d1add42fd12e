import Foundation
import Testing
@testable import FastCGIServer

/// Starting, stopping and the listening socket: what systemd socket activation relies on.
@Suite struct ServerLifecycleTests {
    @Test func stopWhileASlowRequestIsInFlightFinishesItFirst() throws {
        let started = DispatchSemaphore(value: 0)
        let server = try TestServer(workers: 2) { request in
            started.signal()
            usleep(400_000)
            return try echoHandler(request)
        }
        defer { server.stopAndWait() }
        let body = Array("slow but complete".utf8)

        do {
            let connection = try server.connect()
            try connection.send(RecordEncoder.request(params: getParams, body: body))
            #expect(started.wait(timeout: .now() + 5) == .success)

            server.server.stop()
            #expect(!server.waitUntilFinished(seconds: 0.1), "run() returned with a request in flight")

            let reply = try connection.receiveReply()
            #expect(reply.status == 200)
            #expect(Array(try decodeEcho(reply).body) == body)
            #expect(reply.protocolStatus == 0)
            #expect(try connection.receivedEOF())
        }
        #expect(server.waitUntilFinished())
        #expect(throws: ClientError.self) { try FastCGIConnection(path: server.path) }
    }

    @Test func stopBeforeRunMakesRunReturnAtOnce() throws {
        let path = TestServer.temporarySocketPath()
        let server = try FastCGIServer(listen: .unixSocket(path: path), workers: 3, handler: echoHandler)
        server.stop()
        server.stop()

        try server.run()

        #expect(access(path, F_OK) != 0)
        #expect(throws: FastCGIError.alreadyRun) { try server.run() }
    }

    @Test func stopFromManyThreadsAtOnce() throws {
        let server = try TestServer(workers: 4, handler: echoHandler)
        #expect(try server.send(RecordEncoder.request(params: getParams)).status == 200)

        onThreads(8) { _ in server.server.stop() }

        #expect(server.waitUntilFinished())
        server.stopAndWait()
    }

    @Test func idleKeptAliveConnectionDoesNotBlockStop() throws {
        let server = try TestServer(workers: 1, handler: echoHandler)
        let connection = try server.connect()
        try connection.send(RecordEncoder.request(params: getParams, keepConnection: true))
        #expect(try connection.receiveReply().status == 200)

        server.server.stop()

        #expect(server.waitUntilFinished())
        #expect(try connection.receivedEOF())
        server.stopAndWait()
    }

    @Test func peerStalledMidRequestPinsOneWorkerOnly() throws {
        let server = try TestServer(workers: 2, handler: echoHandler)
        defer { server.stopAndWait() }

        // libfcgi reads PARAMS with blocking reads inside FCGX_Accept_r: this one never finishes.
        let stalled = try server.connect()
        try stalled.send(Array(RecordEncoder.request(params: getParams).prefix(40)))
        usleep(100_000)

        for _ in 0..<3 {
            #expect(try server.send(RecordEncoder.request(params: getParams)).status == 200)
        }
        // Once the stalled peer hangs up its worker is free again (stopAndWait: run() returns).
        stalled.close()
    }

    @Test func inheritedSocketIsNeverClosedAndServesTheNextServer() throws {
        let path = TestServer.temporarySocketPath()
        let fd = try listeningUnixSocket(path: path)
        defer {
            close(fd)
            unlink(path)
        }

        let first = try FastCGIServer(listen: .inheritedSocket(fd: fd), workers: 2, handler: echoHandler)
        let firstDone = runInBackground(first)
        #expect(try send(to: path).status == 200)
        first.stop()
        #expect(firstDone.wait(timeout: .now() + 5) == .success)

        // Still a listening socket, as systemd expects when it restarts the service. A client
        // that connects between the two processes waits in the backlog and is served by the next.
        var accepting: Int32 = 0
        var length = socklen_t(4)
        #expect(getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 && accepting == 1)
        let second = try FastCGIServer(listen: .inheritedSocket(fd: fd), workers: 1, handler: echoHandler)
        let secondDone: DispatchSemaphore
        do {
            let waiting = try FastCGIConnection(path: path)
            try waiting.send(RecordEncoder.request(params: getParams))
            secondDone = runInBackground(second)
            #expect(try waiting.receiveReply().status == 200)
            #expect(try waiting.receivedEOF())
        }
        second.stop()
        #expect(secondDone.wait(timeout: .now() + 5) == .success)
        #expect(access(path, F_OK) == 0, "an inherited socket's file is not ours to remove")
    }

    @Test func inheritedDescriptorMustBeAListeningSocket() throws {
        var pipeFDs: [Int32] = [-1, -1]
        #expect(pipe(&pipeFDs) == 0)
        defer { pipeFDs.forEach { close($0) } }
        #expect(throws: FastCGIError.notAListeningSocket(fd: pipeFDs[0])) {
            try FastCGIServer(listen: .inheritedSocket(fd: pipeFDs[0]), workers: 1, handler: echoHandler)
        }

        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { pair.forEach { close($0) } }
        #expect(throws: FastCGIError.notAListeningSocket(fd: pair[0])) {
            try FastCGIServer(listen: .inheritedSocket(fd: pair[0]), workers: 1, handler: echoHandler)
        }
    }

    @Test func unixSocketPathChecks() throws {
        let path = TestServer.temporarySocketPath()
        defer { unlink(path) }

        // A regular file is never deleted.
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
        #expect(throws: FastCGIError.pathIsNotASocket(path: path)) {
            try FastCGIServer(listen: .unixSocket(path: path), workers: 1, handler: echoHandler)
        }
        #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
        unlink(path)

        // A live server's socket is not stolen.
        let live = try TestServer(handler: echoHandler)
        #expect(throws: FastCGIError.socketInUse(path: live.path)) {
            try FastCGIServer(listen: .unixSocket(path: live.path), workers: 1, handler: echoHandler)
        }
        #expect(try live.send(RecordEncoder.request(params: getParams)).status == 200)
        live.stopAndWait()

        // A stale socket (its process died without unlinking) is replaced.
        close(try listeningUnixSocket(path: path))
        let replaced = try FastCGIServer(listen: .unixSocket(path: path), workers: 1, handler: echoHandler)
        let done = runInBackground(replaced)
        #expect(try send(to: path).status == 200)
        replaced.stop()
        #expect(done.wait(timeout: .now() + 5) == .success)

        let tooLong = "/tmp/" + String(repeating: "x", count: 120) + ".sock"
        #expect(throws: FastCGIError.socketPathTooLong(path: tooLong)) {
            try FastCGIServer(listen: .unixSocket(path: tooLong), workers: 1, handler: echoHandler)
        }
        #expect(throws: FastCGIError.invalidWorkerCount(0)) {
            try FastCGIServer(listen: .unixSocket(path: path), workers: 0, handler: echoHandler)
        }
    }

    @Test(arguments: [mode_t(0o660), 0o600])
    func unixSocketMode(mode: mode_t) throws {
        let path = TestServer.temporarySocketPath()
        let server = try FastCGIServer(listen: .unixSocket(path: path, mode: mode), workers: 1, handler: echoHandler)
        var info = stat()
        #expect(lstat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == mode)
        server.stop()
        try server.run()
        #expect(access(path, F_OK) != 0)
    }

    @Test func terminationSignalStopsTheServer() throws {
        let server = try TestServer(handler: echoHandler)
        defer { server.stopAndWait() }
        server.server.stopOnTerminationSignals()
        #expect(try server.send(RecordEncoder.request(params: getParams)).status == 200)

        // Dispatch registers the signal source asynchronously: repeat until it is listening.
        var stopped = false
        for _ in 0..<30 where !stopped {
            kill(getpid(), SIGTERM)
            stopped = server.waitUntilFinished(seconds: 0.1)
        }
        #expect(stopped)
    }
}

private func listeningUnixSocket(path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    try #require(bound == 0 && listen(fd, 16) == 0)
    return fd
}

private func runInBackground(_ server: FastCGIServer) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread {
        do { try server.run() } catch { Issue.record("run() threw \(error)") }
        done.signal()
    }.start()
    return done
}

private func send(to path: String) throws -> Reply {
    let connection = try FastCGIConnection(path: path)
    try connection.send(RecordEncoder.request(params: getParams))
    return try connection.receiveReply()
}
