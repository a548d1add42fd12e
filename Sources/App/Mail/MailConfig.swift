import Domain
import Foundation

/// How mail leaves the machine: read from the environment by the outbox runner and the CLI
/// (the web server never sends mail, so it does not need this).
public struct MailConfig: Sendable, Equatable {
    public static let defaultFrom = "EZ360PM <no-reply@localhost>"
    public static let defaultSendmail = "/usr/sbin/sendmail -t -i"

    /// `EZ360_MAIL_FROM`: `Name <address>` or `address`.
    public var from: String
    /// `EZ360_SENDMAIL`, split on spaces: the program and its arguments. It reads one
    /// message on standard input, recipients from its headers (`-t`).
    public var sendmailCommand: [String]
    /// `EZ360_OUTBOX_MAX_ATTEMPTS` (default 8).
    public var retryPolicy: OutboxRetryPolicy

    public init(from: String = MailConfig.defaultFrom, sendmailCommand: [String] = MailConfig.split(MailConfig.defaultSendmail),
                retryPolicy: OutboxRetryPolicy = OutboxRetryPolicy()) {
        self.from = from
        self.sendmailCommand = sendmailCommand
        self.retryPolicy = retryPolicy
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> MailConfig {
        var config = MailConfig()
        if let from = env["EZ360_MAIL_FROM"]?.trimmingWhitespace(), !from.isEmpty { config.from = from }
        _ = try config.fromAddress()
        if let command = env["EZ360_SENDMAIL"], !split(command).isEmpty { config.sendmailCommand = split(command) }
        if let raw = env["EZ360_OUTBOX_MAX_ATTEMPTS"], !raw.trimmingWhitespace().isEmpty {
            guard let attempts = Int(raw.trimmingWhitespace()), (1...100).contains(attempts) else {
                throw MailConfigError("EZ360_OUTBOX_MAX_ATTEMPTS must be a whole number from 1 to 100, not “\(raw)”.")
            }
            config.retryPolicy = OutboxRetryPolicy(maxAttempts: attempts)
        }
        return config
    }

    /// The sender, parsed; a clear error for a malformed EZ360_MAIL_FROM.
    public func fromAddress() throws -> MailAddress {
        do {
            return try MailAddress.parse(from)
        } catch {
            throw MailConfigError("EZ360_MAIL_FROM is not a usable sender (“Name <address>” or “address”): \(from)")
        }
    }

    /// Splits on spaces (no shell quoting: a path with spaces needs a wrapper script).
    public static func split(_ command: String) -> [String] {
        command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}

public struct MailConfigError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
