import App
import ArgumentParser
import Domain
import Foundation
import Ops
import Store

/// `ez360 outbox …`: deliver queued mail (the timer runs `deliver` every minute), look at
/// the queue, replay dead letters, and queue a test message.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Send queued email and manage undelivered mail.",
        discussion: "Mail settings: EZ360_SENDMAIL, EZ360_MAIL_FROM, EZ360_OUTBOX_MAX_ATTEMPTS (docs/operations.md, Mail).",
        subcommands: [Deliver.self, List.self, Replay.self, Test.self])

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the mail that is due, through EZ360_SENDMAIL; print what happened.")
        @OptionGroup var data: DataOptions
        @Option(help: "Send at most this many messages in this run.") var limit: Int = 100

        func validate() throws {
            guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 100000.") }
        }

        func run() throws {
            let app = try data.openApp()
            let mail: MailConfig
            do {
                mail = try MailConfig.fromEnvironment()
            } catch {
                throw CLIError("\(error)")
            }
            let summary = try OutboxDelivery(database: app.database, config: mail).run(limit: limit)
            print("Outbox: \(summary)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List queued, sent and dead mail of every company, newest first.")
        @OptionGroup var data: DataOptions
        @Option(help: "Only this status: pending, sending, sent or dead.") var status: String?
        @Option(help: "Show at most this many.") var limit: Int = 100

        func validate() throws {
            if let status, OutboxStatus(rawValue: status) == nil {
                throw ValidationError("--status must be one of: \(OutboxStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 10000.") }
        }

        func run() throws {
            let messages = try OutboxAdmin(app: data.openApp()).list(status: status.flatMap(OutboxStatus.init(rawValue:)),
                                                                     limit: limit)
            if messages.isEmpty {
                print("No messages" + (status.map { " with status \($0)" } ?? "") + ".")
                return
            }
            print(["ID", "STATUS", "COMPANY", "KIND", "ATTEMPTS", "CREATED", "NEXT/DONE", "TO", "SUBJECT", "LAST ERROR"]
                .joined(separator: "\t"))
            for message in messages {
                let done = message.sentAt ?? message.deadAt ?? message.nextAttemptAt
                print([String(message.id ?? 0), message.status.rawValue, message.companyId.map(String.init) ?? "-", message.kind,
                       String(message.attempts), Self.timestamp(message.createdAt), Self.timestamp(done), message.toAddress,
                       Self.oneLine(message.subject), Self.oneLine(message.lastError)].joined(separator: "\t"))
            }
        }

        static func timestamp(_ date: Date) -> String {
            date.formatted(Date.ISO8601FormatStyle())
        }

        static func oneLine(_ text: String) -> String {
            String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.prefix(200))
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a dead letter again: back to pending with its attempts reset (delivered by the next run).")
        @OptionGroup var data: DataOptions
        @Argument(help: "The message id (see `ez360 outbox list --status dead`).") var id: Int64

        func run() throws {
            do {
                let message = try OutboxAdmin(app: data.openApp()).replay(id)
                print("Message \(id) to \(message.toAddress) is pending again; the next `ez360 outbox deliver` sends it.")
            } catch AppError.notFound {
                throw CLIError("No message with id \(id).")
            } catch {
                throw explain(error)
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a test message to check the mail setup (sent by the next `ez360 outbox deliver`).",
            discussion: "--attach checks that the relay takes attachments of a given size (10 MB each at most).")
        @OptionGroup var data: DataOptions
        @Option(help: "Where to send it.") var to: String
        @Option(help: "The recipient's name, shown in the To header.") var name: String = ""
        @Option(help: "The subject.") var subject: String = OutboxAdmin.testSubject
        @Option(help: "A file to attach (repeat for several).") var attach: [String] = []

        func run() throws {
            var attachments: [MailAttachment] = []
            for path in attach {
                guard let contents = FileManager.default.contents(atPath: path) else { throw CLIError("Cannot read \(path).") }
                let filename = (path as NSString).lastPathComponent
                attachments.append(MailAttachment(filename: filename, contentType: Self.contentType(of: filename),
                                                  data: [UInt8](contents)))
            }
            do {
                let message = try OutboxAdmin(app: data.openApp()).queueTest(to: to, name: name, subject: subject,
                                                                             attachments: attachments)
                print("Queued test message \(message.id ?? 0) to \(message.toAddress). "
                      + "Run `ez360 outbox deliver` (or wait for ez360-outbox.timer), then `ez360 outbox list`.")
            } catch {
                throw explain(error)
            }
        }

        /// By extension, for the few kinds a sysadmin would attach; the rest are octet-stream.
        static func contentType(of filename: String) -> String {
            switch (filename as NSString).pathExtension.lowercased() {
            case "pdf": "application/pdf"
            case "txt": "text/plain"
            case "csv": "text/csv"
            case "png": "image/png"
            case "jpg", "jpeg": "image/jpeg"
            default: "application/octet-stream"
            }
        }
    }
}
