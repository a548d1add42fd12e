#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where the repository and the binaries under test are.
enum Paths {
    /// The repository root: this file is Tests/IntegrationTests/ChildProcess.swift.
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `EZ360_BIN_DIR`, else `<repo>/.build/debug` (what `swift build` / `swift test` produce).
    static let binaryDirectory: String = {
        if let directory = ProcessInfo.processInfo.environment["EZ360_BIN_DIR"], !directory.isEmpty { return directory }
        return repositoryRoot + "/.build/debug"
    }()

    static var ez360: String { binaryDirectory + "/ez360" }
    static var ez360FCGI: String { binaryDirectory + "/ez360-fcgi" }

    /// An executable found on PATH (plus the sbin directories, where Debian puts nginx).
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/local/sbin"]
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// A failure of the harness itself (a process that would not start, a port that never answered),
/// with enough context in its description to diagnose it from the test log alone.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A value shared between threads.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// Child processes started with posix_spawn and reaped with waitpid by this code alone, so a pid
/// is never reused behind our back. Long-running children are registered, and an atexit handler
/// stops them: no server outlives the test process.
enum ChildProcess {
    struct Exit: Equatable, CustomStringConvertible {
        /// The exit code, or nil when a signal ended the process.
        let code: Int32?
        let signal: Int32?
        var succeeded: Bool { code == 0 }
        var description: String { code.map { "exit status \($0)" } ?? "killed by signal \(signal ?? 0)" }

        init(waitStatus status: Int32) {
            if status & 0x7f == 0 {
                code = (status >> 8) & 0xff
                signal = nil
            } else {
                code = nil
                signal = status & 0x7f
            }
        }
    }

    /// The environment of every child: ours, plus fast password hashing, plus `overrides`.
    static func environment(_ overrides: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["EZ360_SCRYPT_LOG_N"] = "10"
        for (name, value) in overrides { environment[name] = value }
        return environment
    }

    /// Starts `executable` with stdin from `stdinPath` and stdout/stderr appended to the given
    /// files (stderr to stdout's file when nil). Signal mask and dispositions are reset to the
    /// defaults, whatever the test runner uses itself.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                      stdinPath: String = "/dev/null", stdoutPath: String, stderrPath: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let stderrPath {
            posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signalNumber)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw HarnessError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Waits up to `seconds` (forever when nil) for `pid`; nil if it is still running then.
    static func wait(_ pid: pid_t, seconds: Double? = nil) -> Exit? {
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, deadline == nil ? 0 : WNOHANG)
            if result == pid { return Exit(waitStatus: status) }
            if result < 0 {
                if errno == EINTR { continue }
                return Exit(waitStatus: 0x7f & SIGKILL)  // not our child (already reaped): treat as gone
            }
            if let deadline, Date() >= deadline { return nil }
            usleep(20_000)
        }
    }

    /// SIGTERM, wait up to `seconds`, then SIGKILL and wait.
    @discardableResult
    static func terminate(_ pid: pid_t, seconds: Double = 10) -> Exit {
        kill(pid, SIGTERM)
        if let exit = wait(pid, seconds: seconds) { return exit }
        kill(pid, SIGKILL)
        return wait(pid) ?? Exit(waitStatus: SIGKILL)
    }

    /// Runs a command to completion; its output (stdout and stderr together) is returned.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    stdin: String? = nil, scratchDirectory: String) throws -> (exit: Exit, output: String) {
        let token = UUID().uuidString
        let outputPath = scratchDirectory + "/run-\(token).out"
        var inputPath = "/dev/null"
        if let stdin {
            inputPath = scratchDirectory + "/run-\(token).in"
            try Data(stdin.utf8).write(to: URL(fileURLWithPath: inputPath))
        }
        defer {
            unlink(outputPath)
            if stdin != nil { unlink(inputPath) }
        }
        let pid = try spawn(executable, arguments, environment: environment, stdinPath: inputPath, stdoutPath: outputPath)
        guard let exit = wait(pid, seconds: 120) else {
            terminate(pid, seconds: 2)
            throw HarnessError("\(executable) \(arguments.joined(separator: " ")) did not finish in 120 s")
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (exit, output)
    }

    /// Runs a command to completion with stdout and stderr kept apart.
    static func runSeparately(_ executable: String, _ arguments: [String], environment: [String: String],
                              scratchDirectory: String) throws -> (exit: Exit, stdout: [UInt8], stderr: String) {
        let token = UUID().uuidString
        let outputPath = scratchDirectory + "/run-\(token).out"
        let errorPath = scratchDirectory + "/run-\(token).err"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        let pid = try spawn(executable, arguments, environment: environment, stdoutPath: outputPath, stderrPath: errorPath)
        guard let exit = wait(pid, seconds: 120) else {
            terminate(pid, seconds: 2)
            throw HarnessError("\(executable) \(arguments.joined(separator: " ")) did not finish in 120 s")
        }
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))).map { [UInt8]($0) } ?? []
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return (exit, output, errors)
    }

    /// Runs a command that must succeed.
    @discardableResult
    static func runChecked(_ executable: String, _ arguments: [String], environment: [String: String],
                           stdin: String? = nil, scratchDirectory: String) throws -> String {
        let (exit, output) = try run(executable, arguments, environment: environment, stdin: stdin,
                                     scratchDirectory: scratchDirectory)
        guard exit.succeeded else {
            throw HarnessError("\(executable) \(arguments.joined(separator: " ")) failed (\(exit)):\n\(output)")
        }
        return output
    }
}

/// Long-running children (nginx, ez360-fcgi, the watchdog) and directories to remove, stopped
/// and removed when the test process exits.
enum Cleanup {
    struct State: Sendable {
        var children: [(pid: pid_t, name: String)] = []
        var directories: [String] = []
        var installed = false
    }

    static let state = Locked(State())

    static func register(pid: pid_t, name: String) {
        installIfNeeded()
        state.withLock { $0.children.append((pid, name)) }
    }

    static func unregister(pid: pid_t) {
        state.withLock { $0.children.removeAll { $0.pid == pid } }
    }

    static func removeAtExit(_ directory: String) {
        installIfNeeded()
        state.withLock { $0.directories.append(directory) }
    }

    private static func installIfNeeded() {
        let first = state.withLock { state -> Bool in
            defer { state.installed = true }
            return !state.installed
        }
        if first { atexit { Cleanup.runNow() } }
    }

    /// Stops the children in reverse order of start (nginx before the app behind it).
    static func runNow() {
        let (children, directories) = state.withLock { state -> ([(pid: pid_t, name: String)], [String]) in
            defer {
                state.children = []
                state.directories = []
            }
            return (state.children, state.directories)
        }
        for child in children.reversed() {
            ChildProcess.terminate(child.pid)
        }
        for directory in directories {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
