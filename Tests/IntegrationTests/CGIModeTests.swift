#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// `ez360-fcgi --cgi`: one request from CGI environment variables, the answer on stdout, with
/// no server or socket at all (as Fossil and cgit test themselves).
@Suite
struct CGIModeTests {
    /// One CGI response: "Status: …" and headers, a blank line, the body.
    struct CGIOutput {
        let statusLine: String
        let headers: [(name: String, value: String)]
        let body: [UInt8]
        func header(_ name: String) -> [String] {
            headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }
    }

    static func parse(_ bytes: [UInt8]) throws -> CGIOutput {
        guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw HarnessError("no CGI head in: \(String(decoding: bytes.prefix(400), as: UTF8.self))")
        }
        var lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), line[colon...].dropFirst().trimmingCharacters(in: .whitespaces))
        }
        return CGIOutput(statusLine: statusLine, headers: headers, body: Array(bytes[end.upperBound...]))
    }

    /// Removes a test's directory unless EZ360_KEEP_TEST_VAR=1.
    static func remove(_ directory: String) {
        if ProcessInfo.processInfo.environment["EZ360_KEEP_TEST_VAR"] != "1" {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// A fresh data directory, migrated (the caller removes `scratch`, its parent).
    static func migratedDataDirectory() throws -> (data: String, scratch: String) {
        var template = Array("/tmp/ez360-cgi-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw HarnessError("mkdtemp failed")
        }
        let directory = String(cString: made)
        do {
            try ChildProcess.runChecked(Paths.ez360, ["migrate", "--data-dir", directory + "/data"],
                                        environment: ChildProcess.environment(), scratchDirectory: directory)
        } catch {
            remove(directory)
            throw error
        }
        return (directory + "/data", directory)
    }

    static func cgi(_ dataDirectory: String, scratch: String, _ variables: [String: String]) throws
        -> (exit: ChildProcess.Exit, stdout: [UInt8], stderr: String) {
        var environment = ChildProcess.environment(["EZ360_DATA_DIR": dataDirectory, "GATEWAY_INTERFACE": "CGI/1.1",
                                                    "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
                                                    "QUERY_STRING": ""])
        for (name, value) in variables { environment[name] = value }
        return try ChildProcess.runSeparately(Paths.ez360FCGI, ["--cgi"], environment: environment, scratchDirectory: scratch)
    }

    @Test("GET /healthz through --cgi: Status: 200 OK, JSON, the request id, and a log line on stderr")
    func healthz() throws {
        let (data, scratch) = try Self.migratedDataDirectory()
        defer { Self.remove(scratch) }
        let run = try Self.cgi(data, scratch: scratch, ["REQUEST_METHOD": "GET", "REQUEST_URI": "/healthz",
                                                        "HTTP_X_REQUEST_ID": "cgi-test-0001"])
        #expect(run.exit.succeeded, "\(run.exit): \(run.stderr)")
        let output = try Self.parse(run.stdout)
        #expect(output.statusLine == "Status: 200 OK")
        #expect(output.header("Content-Type") == ["application/json"])
        #expect(output.header("X-Request-ID") == ["cgi-test-0001"])
        #expect(output.header("Content-Length") == [String(output.body.count)])
        #expect(output.header("X-Frame-Options") == ["DENY"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.body)) as? [String: Any])
        #expect(object["status"] as? String == "ok")
        #expect(object["db"] as? String == "ok")
        #expect(!((object["version"] as? String) ?? "").isEmpty)
        #expect(run.stderr.contains("\"rid\":\"cgi-test-0001\""), "no access log line on stderr: \(run.stderr)")
    }

    @Test("GET /login through --cgi: the sign-in page, valid HTML, with its double-submit cookie")
    func loginPage() throws {
        let (data, scratch) = try Self.migratedDataDirectory()
        defer { Self.remove(scratch) }
        let run = try Self.cgi(data, scratch: scratch, ["REQUEST_METHOD": "GET", "REQUEST_URI": "/login?next=%2Fclients",
                                                        "QUERY_STRING": "next=%2Fclients"])
        #expect(run.exit.succeeded, "\(run.exit): \(run.stderr)")
        let output = try Self.parse(run.stdout)
        #expect(output.statusLine == "Status: 200 OK")
        #expect(output.header("Content-Type").first?.hasPrefix("text/html") == true)
        let cookie = try #require(output.header("Set-Cookie").first { $0.hasPrefix("ez360_csrf=") })
        let html = String(decoding: output.body, as: UTF8.self)
        let token = try #require(Scrape.csrfToken(html))
        #expect(cookie.hasPrefix("ez360_csrf=\(token);"))
        #expect(html.contains("name=\"next\" value=\"/clients\""))
        Tidy.check(output.body, what: "CGI GET /login", sourceLocation: #_sourceLocation)
    }

    @Test("--cgi refuses to answer from a database that is not migrated")
    func refusesUnmigratedDatabase() throws {
        var template = Array("/tmp/ez360-cgi-XXXXXX".utf8CString)
        let made = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) })
        let directory = String(cString: made)
        defer { Self.remove(directory) }
        let run = try Self.cgi(directory + "/data", scratch: directory, ["REQUEST_METHOD": "GET", "REQUEST_URI": "/healthz"])
        #expect(!run.exit.succeeded, "ez360-fcgi answered from an unmigrated database")
        #expect(run.stderr.contains("ez360-fcgi:"), "\(run.stderr)")
        #expect(!String(decoding: run.stdout, as: UTF8.self).hasPrefix("Status: 200"))
    }
}
