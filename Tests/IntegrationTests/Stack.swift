#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A user the stack creates before it starts.
struct TestUser: Sendable {
    let email: String
    let password: String
    let company: String
}

/// The real thing, started once for the whole test run: a fresh data directory (migrated, three
/// companies with an owner each, 60 generated clients in company A), `ez360-fcgi` on a unix
/// socket, and nginx rendered from `nginx/dev.conf` on a free loopback port. Everything lives
/// in one temporary directory VAR; the processes are stopped when the test process exits
/// (atexit), and a watchdog stops them even if the test process is killed.
final class Stack: Sendable {
    static let ownerA = TestUser(email: "owner-a@example.com", password: "password-long-enough", company: "Company A")
    static let ownerB = TestUser(email: "owner-b@example.com", password: "password-long-enough", company: "Company B")
    /// The owner of Company W, a firm nothing else touches: the new user's walk
    /// (NewUserWalkLiveTests) starts from its empty books, so its first invoice is number 1.
    static let walkOwner = TestUser(email: "owner-w@example.com", password: "password-long-enough", company: "Hale & Wren Studio")
    static let seededClientsInA = 60
    /// Held by each live test that queues mail on the shared stack and runs `ez360 outbox
    /// deliver` into its own SMTP sink: one test's deliver run would otherwise send another
    /// test's mail to the wrong sink (suites run in parallel, in this one process).
    static let outboxLock = NSLock()
    /// Company T, for the time tracking flow (TimeLiveTests): an owner, a manager, a staff member.
    static let timeUsers: [(user: TestUser, role: String)] = [
        (TestUser(email: "owner-t@example.com", password: "password-long-enough", company: "Company T"), "owner"),
        (TestUser(email: "manager-t@example.com", password: "password-long-enough", company: "Company T"), "manager"),
        (TestUser(email: "staff-t@example.com", password: "password-long-enough", company: "Company T"), "staff"),
    ]

    let varDirectory: String
    let dataDirectory: String
    /// `$EZ360_DATA_DIR/media` of the stack's ez360-fcgi, aliased by nginx's internal media location.
    var mediaDirectory: String { dataDirectory + "/media" }
    /// The nginx configuration rendered from nginx/dev.conf.
    var nginxConfigPath: String { varDirectory + "/nginx/nginx.conf" }
    let socketPath: String
    let port: Int
    let fcgiLogPath: String
    let nginxErrorLogPath: String
    let fcgiPid: pid_t
    let nginxPid: pid_t

    /// Started on first use; a failure to start is kept and reported by every test that needs it.
    static let shared: Result<Stack, HarnessError> = {
        do {
            return .success(try Stack.start())
        } catch let error as HarnessError {
            return .failure(error)
        } catch {
            return .failure(HarnessError("\(error)"))
        }
    }()

    static func get() throws -> Stack { try shared.get() }

    private init(varDirectory: String, port: Int, fcgiPid: pid_t, nginxPid: pid_t) {
        self.varDirectory = varDirectory
        self.dataDirectory = varDirectory + "/data"
        self.socketPath = varDirectory + "/run/fcgi.sock"
        self.port = port
        self.fcgiLogPath = varDirectory + "/log/fcgi.log"
        self.nginxErrorLogPath = varDirectory + "/log/nginx-error.log"
        self.fcgiPid = fcgiPid
        self.nginxPid = nginxPid
    }

    private static func start() throws -> Stack {
        for binary in [Paths.ez360, Paths.ez360FCGI] where access(binary, X_OK) != 0 {
            throw HarnessError("\(binary) is missing: run `swift build` first, or set EZ360_BIN_DIR")
        }
        guard let nginx = ProcessInfo.processInfo.environment["EZ360_NGINX"] ?? Paths.executable(named: "nginx") else {
            throw HarnessError("nginx is not installed (Debian: apt-get install nginx-light), or set EZ360_NGINX")
        }

        // Short, so that VAR/run/fcgi.sock stays far below the 108-byte limit of unix socket paths.
        let varDirectory = try makeTemporaryDirectory()
        let keep = ProcessInfo.processInfo.environment["EZ360_KEEP_TEST_VAR"] == "1"
        if !keep { Cleanup.removeAtExit(varDirectory) }
        let root = Paths.repositoryRoot
        let dataDirectory = varDirectory + "/data"
        let socketPath = varDirectory + "/run/fcgi.sock"
        let configPath = varDirectory + "/nginx/nginx.conf"
        let scratch = varDirectory + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let environment = ChildProcess.environment()
        let port = try RawHTTP.freeLoopbackPort()

        let render = root + "/scripts/render-nginx-dev.sh"
        guard access(render, R_OK) == 0 else { throw HarnessError("\(render) is missing") }
        // The media directory ez360-fcgi writes to (EZ360_DATA_DIR/media) is the one nginx serves.
        try ChildProcess.runChecked("/bin/sh", [render, root, varDirectory, String(port), socketPath, configPath,
                                                dataDirectory + "/media"],
                                    environment: environment, scratchDirectory: scratch)

        let ez360 = Paths.ez360
        try ChildProcess.runChecked(ez360, ["migrate", "--data-dir", dataDirectory], environment: environment,
                                    scratchDirectory: scratch)
        for user in [ownerA, ownerB, walkOwner] {
            try ChildProcess.runChecked(ez360, ["user", "create", "--data-dir", dataDirectory, "--email", user.email,
                                                "--company", user.company, "--role", "owner", "--password-stdin"],
                                        environment: environment, stdin: user.password + "\n", scratchDirectory: scratch)
        }
        for (user, role) in timeUsers {
            try ChildProcess.runChecked(ez360, ["user", "create", "--data-dir", dataDirectory, "--email", user.email,
                                                "--company", user.company, "--role", role, "--password-stdin"],
                                        environment: environment, stdin: user.password + "\n", scratchDirectory: scratch)
        }
        try ChildProcess.runChecked(ez360, ["seed", "clients", "--data-dir", dataDirectory, "--company", ownerA.company,
                                            "--count", String(seededClientsInA)],
                                    environment: environment, scratchDirectory: scratch)

        let logDirectory = varDirectory + "/log"
        let fcgiLog = logDirectory + "/fcgi.log"
        let fcgiPid = try ChildProcess.spawn(Paths.ez360FCGI, ["--socket", socketPath, "--workers", "4"],
                                             environment: ChildProcess.environment(["EZ360_DATA_DIR": dataDirectory]),
                                             stdoutPath: fcgiLog)
        Cleanup.register(pid: fcgiPid, name: "ez360-fcgi")
        let nginxPid = try ChildProcess.spawn(nginx, ["-p", varDirectory + "/nginx", "-e", logDirectory + "/nginx-error.log",
                                                      "-c", configPath, "-g", "daemon off;"],
                                              environment: environment, stdoutPath: logDirectory + "/nginx.out")
        Cleanup.register(pid: nginxPid, name: "nginx")
        try startWatchdog(children: [nginxPid, fcgiPid], removing: keep ? nil : varDirectory)

        let stack = Stack(varDirectory: varDirectory, port: port, fcgiPid: fcgiPid, nginxPid: nginxPid)
        try stack.waitUntilHealthy(seconds: 10)
        if keep { print("integration stack: VAR=\(varDirectory) port=\(port) (kept: EZ360_KEEP_TEST_VAR=1)") }
        return stack
    }

    /// A shell that stops the servers (and removes VAR) should this test process die without
    /// running atexit handlers (SIGKILL, a crash). Registered first, so it is stopped last.
    private static func startWatchdog(children: [pid_t], removing directory: String?) throws {
        let script = #"""
            var=$1; shift
            while kill -0 "$0" 2>/dev/null; do sleep 1; done
            kill -TERM "$@" 2>/dev/null
            sleep 2
            [ -n "$var" ] && rm -rf "$var"
            """#
        let pid = try ChildProcess.spawn("/bin/sh", ["-c", script, String(getpid()), directory ?? ""] + children.map { String($0) },
                                         environment: ChildProcess.environment(), stdoutPath: "/dev/null")
        // Stopped after the servers (Cleanup stops in reverse order of registration).
        Cleanup.state.withLock { $0.children.insert((pid, "watchdog"), at: 0) }
    }

    private static func makeTemporaryDirectory() throws -> String {
        var template = Array("/tmp/ez360-it-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw HarnessError("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }


    /// Polls GET /healthz until it answers 200; fails early, with the logs, if a server died.
    private func waitUntilHealthy(seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var last = "no answer"
        while Date() < deadline {
            for (pid, name) in [(fcgiPid, "ez360-fcgi"), (nginxPid, "nginx")] {
                if let exit = ChildProcess.wait(pid, seconds: 0) {
                    Cleanup.unregister(pid: pid)
                    throw HarnessError("\(name) exited during start-up (\(exit)).\n\(diagnostics())")
                }
            }
            do {
                let response = try RawHTTP.exchange(port: port, request: RawHTTP.requestBytes(method: "GET", path: "/healthz",
                                                                                               port: port), timeoutSeconds: 2)
                if response.status == 200 { return }
                last = "status \(response.status): \(response.text.prefix(200))"
            } catch {
                last = "\(error)"
            }
            usleep(100_000)
        }
        throw HarnessError("GET /healthz did not answer 200 within \(seconds) s (last: \(last)).\n\(diagnostics())")
    }

    /// The tails of the logs, for failure messages.
    func diagnostics() -> String {
        var text = ""
        for path in [fcgiLogPath, nginxErrorLogPath, varDirectory + "/log/nginx.out"] {
            let content = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(missing)"
            text += "--- \(path) (last lines)\n" + content.split(separator: "\n").suffix(20).joined(separator: "\n") + "\n"
        }
        return text
    }

    // MARK: - The app's JSON access log

    /// Every JSON line ez360-fcgi has written to stderr so far.
    func accessLogEntries() -> [[String: Any]] {
        guard let content = try? String(contentsOfFile: fcgiLogPath, encoding: .utf8) else { return [] }
        return content.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{"),
                  let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            else { return nil }
            return object
        }
    }

    func accessLogEntries(rid: String) -> [[String: Any]] {
        accessLogEntries().filter { $0["rid"] as? String == rid }
    }

    /// The log line for request id `rid`, waiting briefly for it (it is written as the response goes out).
    func accessLogEntry(rid: String, waitSeconds: Double = 3) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(waitSeconds)
        repeat {
            if let entry = accessLogEntries(rid: rid).first { return entry }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// Writes `bytes` as the media file of `key` (a `MediaKey` value such as
    /// `receipts/1/<32 hex>.pdf`), as the app's MediaStore would, and returns its path.
    @discardableResult
    func placeMedia(key: String, bytes: [UInt8]) throws -> String {
        let path = mediaDirectory + "/" + key
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o640]) else {
            throw HarnessError("cannot write \(path)")
        }
        return path
    }

    /// A new browser (empty cookie jar) talking to this stack's nginx.
    func browser(_ name: String = "browser") -> Browser {
        Browser(stack: self, name: name)
    }
}
