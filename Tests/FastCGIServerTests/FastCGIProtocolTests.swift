import Foundation
import Testing
@testable import FastCGIServer

/// Byte-level requests against a real server: what libfcgi parsed, as seen by the handler.
@Suite struct FastCGIProtocolTests {
    @Test func simpleGet() throws {
        let server = try TestServer(handler: echoHandler)
        defer { server.stopAndWait() }

        let reply = try server.send(RecordEncoder.request(params: getParams))

        #expect(reply.head == "Status: 200 OK\r\nContent-Type: application/json\r\n\r\n")
        #expect(reply.protocolStatus == 0)
        #expect(reply.stderr.isEmpty)
        let echo = try decodeEcho(reply)
        var expected = Dictionary(uniqueKeysWithValues: getParams)
        expected["FCGI_ROLE"] = "RESPONDER" // added by libfcgi
        #expect(echo.params == expected)
        #expect(echo.body.isEmpty)
    }

    @Test func recordsSplitAcrossReads() throws {
        let server = try TestServer(handler: echoHandler)
        defer { server.stopAndWait() }
        let body = Array("name=Acme+Ltd&rate=125.00".utf8)
        let params = [("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/clients"), ("CONTENT_LENGTH", "\(body.count)")]

        let connection = try server.connect()
        try connection.sendSlowly(RecordEncoder.request(params: params, body: body, stdinChunk: 7))
        let reply = try connection.receiveReply()

        #expect(reply.status == 200)
        let echo = try decodeEcho(reply)
        #expect(echo.params["REQUEST_URI"] == "/clients")
        #expect(echo.params["CONTENT_LENGTH"] == "\(body.count)")
        #expect(Array(echo.body) == body)
    }

    /// nginx pads PARAMS and STDIN data records to a multiple of 8 bytes.
    @Test func paddedRecords() throws {
        let server = try TestServer(handler: echoHandler)
        defer { server.stopAndWait() }
        let body = Array("padded body".utf8)

        for padding in [1, 5, 7, 255] {
            let reply = try server.send(RecordEncoder.request(params: getParams, body: body, stdinChunk: 3, padding: padding))
            let echo = try decodeEcho(reply)
            #expect(echo.params["HTTP_COOKIE"] == "session=abc; theme=dark", "padding \(padding)")
            #expect(Array(echo.body) == body, "padding \(padding)")
        }
    }

    @Test func longNamesAndValuesUseFourByteLengths() throws {
        let server = try TestServer(handler: echoHandler)
        defer { server.stopAndWait() }
        let longName = "HTTP_X_" + String(repeating: "N", count: 200)
        let longValue = String(repeating: "v", count: 300)
        let hugeValue = String((0..<200_000).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
        let boundary = String(repeating: "b", count: 127) // the largest 1-byte length
        let params = getParams + [(longName, longValue), ("HTTP_X_HUGE", hugeValue), ("HTTP_X_EDGE", boundary), ("EMPTY", "")]

        // Cut the PARAMS stream into records of 1000 bytes: pairs straddle record boundaries.
        let reply = try server.send(RecordEncoder.request(params: params, paramsChunk: 1000))

        let echo = try decodeEcho(reply)
        #expect(echo.params[longName] == longValue)
        #expect(echo.params["HTTP_X_HUGE"] == hugeValue)
        #expect(echo.params["HTTP_X_EDGE"] == boundary)
        #expect(echo.params["EMPTY"] == "")
        #expect(echo.params["REQUEST_URI"] == "/invoices?page=2")
    }

    @Test func oneMegabyteBodyInManyRecords() throws {
        let server = try TestServer(handler: echoHandler)
        defer { server.stopAndWait() }
        var generator = SystemRandomNumberGenerator()
        let body = [UInt8](unsafeUninitializedCapacity: 1 << 20) { buffer, count in
            for offset in stride(from: 0, to: buffer.count, by: 8) {
                withUnsafeBytes(of: generator.next()) { random in
                    for index in 0..<8 { buffer[offset + index] = random[index] }
                }
            }
            count = buffer.count
        }
        let params = [("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/upload"), ("CONTENT_LENGTH", "\(body.count)")]

        let reply = try server.send(RecordEncoder.request(params: params, body: body, stdinChunk: 8000, padding: 3))

        #expect(reply.status == 200)
        #expect(Array(try decodeEcho(reply).body) == body)
    }

    @Test func abortedRequestThenNextRequestSucceeds() throws {
        let sawAbort = Locked<[String]>([])
        let server = try TestServer(workers: 1) { request in
            do {
                return try echoHandler(request)
            } catch {
                sawAbort.withLock { $0.append("\(error)") }
                throw error
            }
        }
        defer { server.stopAndWait() }
        let params = [("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/upload"), ("CONTENT_LENGTH", "100000")]

        do {
            let aborted = try server.connect()
            try aborted.send(RecordEncoder.request(params: params, body: Array(repeating: 7, count: 30000), endStdin: false))
            try aborted.send(RecordEncoder.record(RecordType.abortRequest, id: 1))
            let abortReply = try aborted.receiveReply()

            // libfcgi answers the abort with END_REQUEST and no response; the handler's read failed.
            #expect(abortReply.protocolStatus == 0)
            #expect(abortReply.stdout.isEmpty)
            #expect(sawAbort.current.count == 1)
            #expect(try aborted.receivedEOF())
        } // closed: libfcgi's close waits (up to 2 s) for the peer to hang up after END_REQUEST

        // Same single worker: it must be back in the accept loop.
        let reply = try server.send(RecordEncoder.request(params: getParams))
        #expect(reply.status == 200)
        #expect(try decodeEcho(reply).params["REQUEST_URI"] == "/invoices?page=2")
    }

    @Test func clientHangsUpMidRequestThenNextRequestSucceeds() throws {
        let server = try TestServer(workers: 1, handler: echoHandler)
        defer { server.stopAndWait() }
        let params = [("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/upload"), ("CONTENT_LENGTH", "100000")]

        do {
            let connection = try server.connect()
            try connection.send(RecordEncoder.request(params: params, body: Array(repeating: 1, count: 5000), endStdin: false))
        } // closed here, mid-body

        // Also a connection that closes mid-PARAMS: libfcgi drops it inside FCGX_Accept_r.
        do {
            let connection = try server.connect()
            try connection.send(Array(RecordEncoder.request(params: getParams).prefix(30)))
        }

        let reply = try server.send(RecordEncoder.request(params: getParams))
        #expect(reply.status == 200)
    }

    /// libfcgi 2.4.2 does not skip padding on BEGIN_REQUEST or on the empty PARAMS record
    /// (SetReaderType resets the pending padding; nginx never pads those). Such a request fails,
    /// but must not stop the server.
    @Test func requestLibfcgiCannotParseDoesNotStopTheServer() throws {
        let server = try TestServer(workers: 1, handler: echoHandler)
        defer { server.stopAndWait() }

        _ = try server.send(RecordEncoder.request(params: getParams, terminatorPadding: 5))
        _ = try server.send(Array(repeating: 0xFF, count: 64)) // not FastCGI at all

        let reply = try server.send(RecordEncoder.request(params: getParams))
        #expect(reply.status == 200)
    }

    @Test func handlerThatThrowsGets500AndServerKeepsServing() throws {
        struct Boom: Error {}
        let server = try TestServer(workers: 1) { request in
            if request.params["REQUEST_URI"] == "/boom" { throw Boom() }
            return try echoHandler(request)
        }
        defer { server.stopAndWait() }

        let failed = try server.send(RecordEncoder.request(params: [("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/boom")]))
        #expect(failed.head == "Status: 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
        #expect(failed.body == Array("Internal Server Error\n".utf8))
        #expect(failed.protocolStatus == 0)

        let reply = try server.send(RecordEncoder.request(params: getParams))
        #expect(reply.status == 200)
    }

    @Test func concurrentConnectionsAreServedByDifferentWorkers() throws {
        let workers = 4
        let counts = Locked((inFlight: 0, peak: 0))
        let server = try TestServer(workers: workers) { _ in
            counts.withLock { $0.inFlight += 1; $0.peak = max($0.peak, $0.inFlight) }
            defer { counts.withLock { $0.inFlight -= 1 } }
            // Hold each request until all were in handlers at once (or give up after 3 s).
            let deadline = Date().addingTimeInterval(3)
            while counts.current.peak < workers && Date() < deadline { usleep(1000) }
            return FastCGIResponse(status: 200, body: Array("\(counts.current.peak)".utf8))
        }
        defer { server.stopAndWait() }

        let seen = Locked<[String]>([])
        onThreads(workers) { _ in
            do {
                let reply = try server.send(RecordEncoder.request(params: getParams))
                seen.withLock { $0.append(String(decoding: reply.body, as: UTF8.self)) }
            } catch {
                seen.withLock { $0.append("error: \(error)") }
            }
        }

        #expect(seen.current == Array(repeating: "\(workers)", count: workers))
    }

    @Test func responseHeaderInjectionIsDropped() throws {
        let server = try TestServer { _ in
            FastCGIResponse(status: 303, headers: [
                (name: "Location", value: "/invoices/42"),
                (name: "X-Bad", value: "a\r\nSet-Cookie: session=evil"),
                (name: "X-Bad-LF", value: "a\nSet-Cookie: session=evil"),
                (name: "Set-Cookie\r\nX-Evil", value: "1"),
                (name: "Bad Name", value: "1"),
                (name: "", value: "1"),
                (name: "Status", value: "200 OK"),
                (name: "Cache-Control", value: "no-store"),
            ], body: Array("see other".utf8))
        }
        defer { server.stopAndWait() }

        let reply = try server.send(RecordEncoder.request(params: getParams))

        #expect(reply.head == "Status: 303 See Other\r\nLocation: /invoices/42\r\nCache-Control: no-store\r\n\r\n")
        #expect(reply.body == Array("see other".utf8))
    }

    @Test func keptAliveConnectionServesSeveralRequests() throws {
        let server = try TestServer(workers: 1, handler: echoHandler)
        defer { server.stopAndWait() }
        let connection = try server.connect()

        for id: UInt16 in [1, 2, 3] {
            let params = [("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/r/\(id)")]
            try connection.send(RecordEncoder.request(id: id, params: params, body: [UInt8(id)], keepConnection: true))
            let reply = try connection.receiveReply()
            #expect(reply.endRequest?.requestID == id)
            let echo = try decodeEcho(reply)
            #expect(echo.params["REQUEST_URI"] == "/r/\(id)")
            #expect(Array(echo.body) == [UInt8(id)])
        }
        // The idle kept-alive connection holds the only worker; stop() must still end run().
    }

    @Test func getValuesIsAnsweredBeforeTheRequest() throws {
        let server = try TestServer(handler: echoHandler)
        defer { server.stopAndWait() }
        let connection = try server.connect()
        let names = RecordEncoder.pair("FCGI_MAX_CONNS", "") + RecordEncoder.pair("FCGI_MAX_REQS", "")
            + RecordEncoder.pair("FCGI_MPXS_CONNS", "")

        try connection.send(RecordEncoder.record(RecordType.getValues, id: 0, names) + RecordEncoder.request(params: getParams))
        let values = try connection.receiveRecord()
        let reply = try connection.receiveReply()

        #expect(values?.type == RecordType.getValuesResult)
        let text = String(decoding: values?.content ?? [], as: UTF8.self)
        #expect(text.contains("FCGI_MPXS_CONNS0"))
        #expect(reply.status == 200)
    }

    @Test func unreadBodyIsDrainedBeforeTheResponse() throws {
        // A handler that ignores a large body must not deadlock with a client that writes the
        // whole request before reading, even when the response is too big for the socket buffer.
        let responseBody = [UInt8](repeating: 42, count: 2 << 20)
        let server = try TestServer { _ in FastCGIResponse(status: 200, body: responseBody) }
        defer { server.stopAndWait() }
        let body = [UInt8](repeating: 9, count: 3 << 20)
        let params = [("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/ignored"), ("CONTENT_LENGTH", "\(body.count)")]

        let reply = try server.send(RecordEncoder.request(params: params, body: body))

        #expect(reply.head == "Status: 200 OK\r\n\r\n")
        #expect(reply.body == responseBody)
    }
}
