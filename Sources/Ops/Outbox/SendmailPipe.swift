#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Hands one rendered message to the machine's mail system.
public protocol MailTransport: Sendable {
    /// Returns when the message was accepted; throws `MailTransportError` otherwise.
    func send(_ message: [UInt8]) throws
}

public struct MailTransportError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The sendmail interface every MTA offers (postfix, exim, msmtp, nullmailer): run the
/// command, write the message on its standard input, and trust its exit status. Recipients
/// come from the headers (`-t`), so the command line never carries user input.
///
/// The message goes through an unlinked temporary file rather than a pipe: a command that
/// exits without reading (a misconfiguration) then cannot deadlock us or kill us with
/// SIGPIPE. A command running longer than `timeoutSeconds` is stopped and counts as a failure.
public struct SendmailPipe: MailTransport {
    public let command: [String]
    public let timeoutSeconds: Double

    public init(command: [String], timeoutSeconds: Double = 120) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
    }

    public func send(_ message: [UInt8]) throws {
        guard let program = command.first else { throw MailTransportError("EZ360_SENDMAIL is empty.") }
        guard let executable = Self.resolve(program) else {
            throw MailTransportError("Cannot run \(program): not found or not executable (EZ360_SENDMAIL).")
        }
        let input = try Self.unlinkedFile(holding: message)
        defer { try? input.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw MailTransportError("Cannot run \(executable): \(error.localizedDescription)")
        }
        // Read what it says while it runs, so a chatty command never blocks on a full pipe.
        let collected = Locked(Data())
        let reader = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            collected.withLock { $0 = data }
            reader.signal()
        }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            _ = reader.wait(timeout: .now() + 5)
            throw MailTransportError("\(program) did not finish within \(Int(timeoutSeconds)) s and was stopped.")
        }
        _ = reader.wait(timeout: .now() + 5)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = String(decoding: collected.withLock { $0 }, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)"
                : "was killed by signal \(process.terminationStatus)"
            throw MailTransportError("\(program) \(how)" + (said.isEmpty ? "." : ": " + String(said.prefix(500))))
        }
    }

    /// A path as given, or the first executable of that name on PATH.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in (path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]) where !directory.isEmpty {
            let candidate = directory + "/" + program
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// A file only we can open (0600), already removed from the directory, holding `bytes`,
    /// positioned at its start.
    static func unlinkedFile(holding bytes: [UInt8]) throws -> FileHandle {
        var template = Array((NSTemporaryDirectory() + "/ez360-mail-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw MailTransportError("Cannot create a temporary file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(bytes))
            try handle.seek(toOffset: 0)
        } catch {
            try? handle.close()
            throw MailTransportError("Cannot write the temporary file: \(error.localizedDescription)")
        }
        return handle
    }
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
