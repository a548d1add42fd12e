import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite struct OutboxServiceTests {
    static func invitation(companyId: Int64?, to: String = "new.hire@example.com") -> OutboxMessage {
        OutboxMessage(companyId: companyId, kind: .invitation, toAddress: to, toName: "New Hire",
                      subject: "You are invited", textBody: "Join us.", htmlBody: "<p>Join us.</p>",
                      attachments: [MailAttachment(filename: "welcome.pdf", contentType: "application/pdf", data: [1, 2, 3])])
    }

    /// Moves a queued message to dead, as the delivery runner would after its last attempt.
    static func kill(_ t: TestApp, _ id: Int64?) throws {
        try t.database.pool.write { db in
            try db.execute(sql: "UPDATE outbox_messages SET status = 'dead', attempts = 8, last_error = 'relay refused', dead_at = ? WHERE id = ?",
                           arguments: [t.clock.now, id])
        }
    }

    @Test func theMailIsWrittenInTheCallersTransactionAndRolledBackWithIt() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                try t.database.pool.write { db in
                    try t.app.outbox.enqueue(Self.invitation(companyId: companies.acmeId), in: db, by: actor)
                    throw Refused()  // the use case fails after queueing its mail
                }
            }
            #expect(try t.count("outbox_messages") == 0)
            #expect(try t.count("outbox_attachments") == 0)
            #expect(try t.auditEvents(action: "mail.queued").isEmpty)

            let queued = try t.database.pool.write { db in
                try t.app.outbox.enqueue(Self.invitation(companyId: companies.acmeId, to: "  New.Hire@Example.com "), in: db, by: actor)
            }
            #expect(queued.toAddress == "new.hire@example.com")
            #expect(queued.status == .pending && queued.nextAttemptAt == t.clock.now)
            #expect(try t.count("outbox_attachments") == 1)
            let event = try #require(try t.auditEvents(action: "mail.queued").first)
            #expect(event.companyId == companies.acmeId && event.userId == companies.acme.user.id)
            #expect(event.objectId == queued.id && event.requestId == "req-1")
            #expect(try auditDetails(event)["kind"]?["after"] == "invitation")
        }
    }

    @Test func invalidMailIsRefusedWithFieldMessages() throws {
        try withTestApp { (t: TestApp) throws in
            var message = Self.invitation(companyId: nil, to: "not an address")
            message.subject = " \r\n "
            message.textBody = ""
            message.attachments = Array(repeating: MailAttachment(filename: "x", contentType: "text/plain", data: [1]), count: 11)
            let error = thrownError { try t.app.outbox.enqueue(message, by: nil) }
            var errors = ValidationErrors()
            if case AppError.invalid(let found)? = error as? AppError { errors = found }
            #expect(errors["to"] != nil && errors["subject"] != nil && errors["text_body"] != nil && errors["attachments"] != nil,
                    "\(String(describing: error))")
            #expect(try t.count("outbox_messages") == 0)

            var huge = Self.invitation(companyId: nil)
            huge.attachments = [MailAttachment(filename: "big.bin", contentType: "application/octet-stream",
                                               data: [UInt8](repeating: 0, count: OutboxMessage.maxAttachmentBytes + 1))]
            #expect(throws: AppError.self) { try t.app.outbox.enqueue(huge, by: nil) }
        }
    }

    @Test func headerTextIsStoredOnOneLine() throws {
        try withTestApp { t in
            var message = Self.invitation(companyId: nil)
            message.subject = "Hello\r\nBcc: victim@example.com"
            message.toName = " New\nHire\u{0} "
            let stored = try t.app.outbox.enqueue(message, by: nil)
            #expect(stored.subject == "Hello Bcc: victim@example.com")
            #expect(stored.toName == "New Hire")
        }
    }

    @Test func aUseCaseCannotQueueMailForAnotherCompany() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            #expect(throws: AppError.forbidden) {
                try t.app.outbox.enqueue(Self.invitation(companyId: companies.globexId), by: companies.actor(.owner))
            }
        }
    }

    @Test func deadLettersNeedManageMailAndStayInTheirCompany() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let acmeMail = try t.app.outbox.enqueue(Self.invitation(companyId: companies.acmeId), by: nil)
            let globexMail = try t.app.outbox.enqueue(Self.invitation(companyId: companies.globexId), by: nil)
            try Self.kill(t, acmeMail.id)
            try Self.kill(t, globexMail.id)

            for role in [Role.viewer, .staff, .manager] {
                #expect(throws: AppError.forbidden) { try t.app.outbox.deadLetters(for: companies.actor(role)) }
                #expect(throws: AppError.forbidden) { try t.app.outbox.replay(acmeMail.id ?? 0, by: companies.actor(role)) }
            }
            let page = try t.app.outbox.deadLetters(for: companies.actor(.admin))
            #expect(page.items.map(\.id) == [acmeMail.id])
            #expect(page.items.first?.lastError == "relay refused")
            #expect(throws: AppError.notFound) { try t.app.outbox.replay(globexMail.id ?? 0, by: companies.actor(.admin)) }
            #expect(try t.auditEvents(action: "mail.replayed").isEmpty)
        }
    }

    @Test func replayPutsADeadLetterBackWithItsAttemptsReset() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let queued = try t.app.outbox.enqueue(Self.invitation(companyId: companies.acmeId), by: nil)
            let id = try #require(queued.id)
            #expect(throws: AppError.self) { try t.app.outbox.replay(id, by: companies.actor(.admin)) }  // pending: nothing to replay
            try Self.kill(t, id)
            t.clock.advance(by: 3600)

            let replayed = try t.app.outbox.replay(id, by: companies.actor(.admin, requestId: "req-replay"))
            #expect(replayed.status == .pending && replayed.attempts == 0 && replayed.deadAt == nil)
            #expect(replayed.nextAttemptAt == t.clock.now)
            let event = try #require(try t.auditEvents(action: "mail.replayed").first)
            #expect(event.objectId == id && event.companyId == companies.acmeId && event.requestId == "req-replay")
            let details = try auditDetails(event)
            #expect(details["attempts"]?["before"] == "8")
            #expect(details["last_error"]?["before"] == "relay refused")
            #expect(try t.app.outbox.deadLetters(for: companies.actor(.owner)).totalCount == 0)
        }
    }
}
