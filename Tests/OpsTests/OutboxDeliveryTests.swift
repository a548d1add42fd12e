import App
import Domain
import Foundation
import GRDB
import Ops
import Store
import Testing

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { current } }
    var clock: Clock { Clock { [self] in now } }
    func advance(by seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }
}

/// Records what it is given; fails while `failure` is set.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [[UInt8]] = []
    private var failure: String?

    var sent: [[UInt8]] { lock.withLock { messages } }
    func fail(with message: String?) { lock.withLock { failure = message } }

    func send(_ message: [UInt8]) throws {
        try lock.withLock {
            if let failure { throw MailTransportError(failure) }
            messages.append(message)
        }
    }
}

@Suite struct OutboxDeliveryTests {
    struct Fixture {
        let app: EZ360App
        let clock: ManualClock
        let directory: String
        let companyId: Int64

        func delivery(_ transport: any MailTransport, maxAttempts: Int = 8) -> OutboxDelivery {
            OutboxDelivery(database: app.database,
                           config: MailConfig(from: "Acme Billing <billing@acme.example>", sendmailCommand: ["unused"],
                                              retryPolicy: OutboxRetryPolicy(maxAttempts: maxAttempts)),
                           clock: clock.clock, transport: transport)
        }

        @discardableResult
        func queue(_ subject: String = "Invoice INV-1") throws -> Int64 {
            let message = OutboxMessage(companyId: companyId, kind: .invoice, toAddress: "client@example.com", toName: "Client",
                                        subject: subject, textBody: "Your invoice.", htmlBody: "<p>Your invoice.</p>",
                                        attachments: [MailAttachment(filename: "INV-1.pdf", contentType: "application/pdf",
                                                                     data: Array("%PDF-1.7".utf8))])
            return try #require(try app.outbox.enqueue(message, by: nil).id)
        }

        func message(_ id: Int64) throws -> OutboxMessageRecord {
            try #require(try app.database.pool.read { try OutboxQueries.opsFind($0, id: id) })
        }

        func audit(_ action: String) throws -> [AuditEventRecord] {
            try app.database.pool.read {
                try AuditEventRecord.fetchAll($0, sql: "SELECT * FROM audit_events WHERE action = ? ORDER BY id", arguments: [action])
            }
        }
    }

    func withFixture(_ body: (Fixture) throws -> Void) throws {
        let directory = NSTemporaryDirectory() + "ez360-outbox-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try AppDatabase(path: directory + "/ez360.sqlite")
        try database.migrate()
        let clock = ManualClock()
        let app = EZ360App(database: database, config: AppConfig(environment: .test, dataDirectory: directory,
                                                                 passwordHasher: PasswordHasher(logN: 10)), clock: clock.clock)
        let owner = try app.identity.createUser(email: "owner@acme.example", password: "correct horse battery staple",
                                                companyName: "Acme", role: .owner)
        try body(Fixture(app: app, clock: clock, directory: directory, companyId: try #require(owner.company.id)))
    }

    @Test func dueMailIsSentOnceAndRecorded() throws {
        try withFixture { f in
            let id = try f.queue()
            let transport = RecordingTransport()
            #expect(try f.delivery(transport).run() == OutboxDelivery.Summary(sent: 1))
            #expect(try f.delivery(transport).run() == OutboxDelivery.Summary(), "nothing is sent twice")
            let text = String(decoding: try #require(transport.sent.first), as: UTF8.self)
            #expect(text.hasPrefix("From: Acme Billing <billing@acme.example>\r\nTo: Client <client@example.com>\r\nSubject: Invoice INV-1\r\n"))
            #expect(text.contains("Message-ID: <ez360.outbox.\(id).1800000000@acme.example>\r\n"))
            #expect(text.contains("filename=\"INV-1.pdf\""))
            #expect(text.contains("JVBERi0xLjc="))  // %PDF-1.7
            let stored = try f.message(id)
            #expect(stored.status == .sent && stored.sentAt == f.clock.now && stored.attempts == 1 && stored.claimedAt == nil)
            #expect(try f.audit("mail.sent").map(\.objectId) == [id])
        }
    }

    @Test func failuresBackOffExponentiallyThenDeadLetter() throws {
        try withFixture { f in
            let id = try f.queue()
            let transport = RecordingTransport()
            transport.fail(with: "sendmail exited with status 75: relay unavailable")
            let delivery = f.delivery(transport, maxAttempts: 4)

            var waits: [TimeInterval] = []
            for attempt in 1...3 {
                #expect(try delivery.run() == OutboxDelivery.Summary(retried: 1), "attempt \(attempt)")
                let stored = try f.message(id)
                #expect(stored.status == .pending && stored.attempts == attempt)
                #expect(stored.lastError == "sendmail exited with status 75: relay unavailable")
                waits.append(stored.nextAttemptAt.timeIntervalSince(f.clock.now))
                // Not due a second before its time.
                f.clock.advance(by: waits.last! - 1)
                #expect(try delivery.run() == OutboxDelivery.Summary())
                f.clock.advance(by: 1)
            }
            #expect(waits == [60, 120, 240])

            #expect(try delivery.run() == OutboxDelivery.Summary(dead: 1))
            let dead = try f.message(id)
            #expect(dead.status == .dead && dead.attempts == 4 && dead.deadAt == f.clock.now)
            #expect(try f.audit("mail.dead").map(\.objectId) == [id])
            f.clock.advance(by: 86_400)
            #expect(try delivery.run() == OutboxDelivery.Summary(), "a dead letter waits for a replay")

            // Replayed by an admin, it goes out at the next run.
            transport.fail(with: nil)
            let admin = Actor(userId: nil, companyId: f.companyId, role: .admin)
            _ = try f.app.outbox.replay(id, by: admin)
            #expect(try delivery.run() == OutboxDelivery.Summary(sent: 1))
            #expect(try f.message(id).status == .sent)
        }
    }

    @Test func aRunnerThatDiedMidSendIsRecoveredAfter15Minutes() throws {
        try withFixture { f in
            let id = try f.queue()
            _ = try f.app.database.pool.write { try OutboxQueries.claimNext($0, now: f.clock.now) }  // then "crashes"
            let transport = RecordingTransport()
            f.clock.advance(by: 14 * 60)
            #expect(try f.delivery(transport).run() == OutboxDelivery.Summary())
            #expect(try f.message(id).status == .sending)
            f.clock.advance(by: 61)
            #expect(try f.delivery(transport).run() == OutboxDelivery.Summary(sent: 1, recovered: 1))
            #expect(try f.message(id).attempts == 2, "the interrupted run counts as an attempt")
        }
    }

    @Test func aRunSendsAtMostItsLimit() throws {
        try withFixture { f in
            for index in 0..<5 { try f.queue("Invoice \(index)") }
            let transport = RecordingTransport()
            #expect(try f.delivery(transport).run(limit: 2) == OutboxDelivery.Summary(sent: 2))
            #expect(try f.delivery(transport).run(limit: 10) == OutboxDelivery.Summary(sent: 3))
        }
    }

    @Test func aBadSenderIsAConfigurationErrorNotAFailedMail() throws {
        try withFixture { f in
            let id = try f.queue()
            let delivery = OutboxDelivery(database: f.app.database, config: MailConfig(from: "not an address"),
                                          clock: f.clock.clock, transport: RecordingTransport())
            #expect(throws: MailConfigError.self) { try delivery.run() }
            #expect(try f.message(id).status == .pending && f.message(id).attempts == 0)
        }
    }
}

/// The real sendmail pipe, with small scripts standing in for sendmail.
@Suite struct SendmailPipeTests {
    func withScript(_ body: String, _ test: (String, String) throws -> Void) throws {
        let directory = NSTemporaryDirectory() + "ez360-sendmail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/sendmail.sh"
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        try test(script, directory)
    }

    @Test func theMessageArrivesOnStandardInputWithTheArguments() throws {
        try withScript(#"printf '%s\n' "$@" > "$(dirname "$0")/args"; cat > "$(dirname "$0")/message""#) { script, directory in
            let message = Array("Subject: hi\r\n\r\nbody\r\n".utf8) + (0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 94 + 32) }
            try SendmailPipe(command: [script, "-t", "-i"]).send(message)
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/message"))) == message)
            #expect(try String(contentsOfFile: directory + "/args", encoding: .utf8) == "-t\n-i\n")
        }
    }

    @Test func aNonZeroExitIsAFailureWithWhatTheCommandSaid() throws {
        try withScript("echo 'msmtp: cannot connect to 127.0.0.1, port 1: Connection refused' >&2; exit 69") { script, _ in
            let error = thrownTransportError { try SendmailPipe(command: [script]).send(Array("x".utf8)) }
            #expect(error?.description == "\(script) exited with status 69: msmtp: cannot connect to 127.0.0.1, port 1: Connection refused")
        }
        let error = thrownTransportError { try SendmailPipe(command: ["false"]).send([]) }
        #expect(error?.description == "false exited with status 1.")
    }

    @Test func aCommandThatDoesNotReadItsInputCannotHurtTheRunner() throws {
        try withScript("exit 0") { script, _ in
            try SendmailPipe(command: [script]).send([UInt8](repeating: 65, count: 4 << 20))
        }
    }

    @Test func aMissingProgramIsAClearFailure() {
        let error = thrownTransportError { try SendmailPipe(command: ["/nonexistent/sendmail", "-t"]).send([]) }
        #expect(error?.description == "Cannot run /nonexistent/sendmail: not found or not executable (EZ360_SENDMAIL).")
        let unknown = thrownTransportError { try SendmailPipe(command: ["no-such-sendmail-program"]).send([]) }
        #expect(unknown?.description.hasPrefix("Cannot run no-such-sendmail-program") == true)
    }

    @Test func aHungCommandIsStopped() throws {
        try withScript("exec sleep 30") { script, _ in
            let started = Date()
            let error = thrownTransportError { try SendmailPipe(command: [script], timeoutSeconds: 0.5).send([]) }
            #expect(error?.description.contains("did not finish within") == true)
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }

    func thrownTransportError(_ body: () throws -> Void) -> MailTransportError? {
        do {
            try body()
            Issue.record("expected a failure")
            return nil
        } catch let error as MailTransportError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }
}
