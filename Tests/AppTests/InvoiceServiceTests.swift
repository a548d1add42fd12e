import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

@Suite("InvoiceService")
struct InvoiceServiceTests {
    static func draft(client: Int64, issued: String = "2026-11-30", lines: [InvoiceDraft.Line]? = nil) -> InvoiceDraft {
        InvoiceDraft(clientId: String(client), issueDate: issued, paymentTermsDays: "30", notes: "Thanks!",
                     lines: lines ?? [.init(description: "Design sprint", quantity: "2", unitPrice: "1,250.00",
                                            taxName: "Sales tax", taxPercent: "8.25"),
                                      .init(description: "Hosting", quantity: "1", unitPrice: "49.99")])
    }

    func client(_ t: TestApp, _ actor: Actor, name: String = "Harbor Coffee", email: String = "ap@harbor.example") throws -> Int64 {
        try #require(try t.app.clients.create(ClientDraft(name: name, email: email), by: actor).id)
    }

    @Test func createEditAndDeleteADraftWithAuditEvents() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.staff)
            let clientId = try client(t, actor)
            let invoice = try t.app.invoices.create(Self.draft(client: clientId), by: actor)
            let id = try #require(invoice.id)
            #expect(invoice.status == .draft && invoice.number == nil)
            #expect(invoice.subtotalCents == 254_999 && invoice.taxCents == 20_625 && invoice.totalCents == 275_624)
            #expect(invoice.dueDate == "2026-12-30")
            #expect(invoice.publicToken.count >= 43)

            var edited = Self.draft(client: clientId, lines: [.init(description: "Only line", quantity: "1", unitPrice: "10")])
            edited.notes = "Edited"
            let updated = try t.app.invoices.update(id, with: edited, by: actor)
            #expect(updated.totalCents == 1_000)
            #expect(try t.app.invoices.get(id, for: actor).lines.map(\.description) == ["Only line"])
            // Saving the same content again is not an edit.
            _ = try t.app.invoices.update(id, with: edited, by: actor)
            #expect(try t.auditEvents(action: "invoice.updated").count == 1)

            try t.app.invoices.delete(id, by: actor)
            #expect(thrownError { try t.app.invoices.get(id, for: actor) } as? AppError == .notFound)
            #expect(try t.auditEvents().map(\.action).filter { $0.hasPrefix("invoice.") }
                    == ["invoice.created", "invoice.updated", "invoice.deleted"])
        }
    }

    @Test func invalidDraftsAreRefusedWithFieldMessagesAndWriteNothing() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let clientId = try client(t, actor)
            let before = try t.count("invoices")
            let error = thrownError {
                try t.app.invoices.create(Self.draft(client: clientId, lines: [.init(description: "X", quantity: "1.2.3", unitPrice: "12.345")]),
                                          by: actor)
            }
            guard case .invalid(let errors) = error as? AppError else { Issue.record("\(String(describing: error))"); return }
            #expect(errors["line_1_quantity"] == "Enter a number like 1,234.50.")
            #expect(errors["line_1_unit_price"] == "Use at most 2 decimal places.")
            #expect(try t.count("invoices") == before)
        }
    }

    @Test func sendingAllocatesNumbersInOrderPerCompanyAndOnce() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let acme = companies.actor(.manager)
            let globex = companies.actor(.owner, in: companies.globex)
            let acmeClient = try client(t, acme)
            let globexClient = try client(t, globex, name: "Globex client", email: "pay@globex-client.example")
            let first = try t.app.invoices.create(Self.draft(client: acmeClient), by: acme)
            let second = try t.app.invoices.create(Self.draft(client: acmeClient, issued: "2026-12-02"), by: acme)
            let theirs = try t.app.invoices.create(Self.draft(client: globexClient), by: globex)

            let sentFirst = try t.app.invoices.send(try #require(first.id), by: acme)
            #expect(sentFirst.sentNow && sentFirst.emailed)
            #expect(sentFirst.invoice.number == "INV-202611-0001")
            #expect(try t.app.invoices.send(try #require(second.id), by: acme).invoice.number == "INV-202612-0002",
                    "the sequence runs on across months")
            #expect(try t.app.invoices.send(try #require(theirs.id), by: globex).invoice.number == "INV-202611-0001",
                    "each company has its own sequence")

            // A double submit: nothing more happens.
            let mails = try t.count("outbox_messages")
            let again = try t.app.invoices.send(try #require(first.id), by: acme)
            #expect(!again.sentNow && again.invoice.number == "INV-202611-0001")
            #expect(try t.count("outbox_messages") == mails)
            #expect(try t.count("accounting_events") == 3)
            #expect(try t.auditEvents(action: "invoice.sent").count == 3)
        }
    }

    @Test func sendingLocksPostsStoresThePDFAndQueuesTheEmail() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let clientId = try client(t, actor)
            let id = try #require(try t.app.invoices.create(Self.draft(client: clientId), by: actor).id)
            let sent = try t.app.invoices.send(id, by: actor).invoice
            #expect(sent.status == .sent && sent.sentAt != nil)

            // Locked: the service refuses, and so would the database.
            #expect(thrownError { try t.app.invoices.update(id, with: Self.draft(client: clientId), by: actor) } as? AppError
                    == .conflict(InvoiceService.lockedMessage))
            #expect(thrownError { try t.app.invoices.delete(id, by: actor) } is AppError)

            // The accounting event balances: AR 1200 debit = revenue 4000 + sales tax 2200 credits.
            let events = try t.app.invoices.accountingEvents(id, for: actor)
            let event = try #require(events.first)
            #expect(event.kind == "invoice.sent" && event.occurredOn == "2026-11-30" && event.amountCents == sent.totalCents)
            let postings = try InvoiceService.decodePostings(event.postings)
            #expect(postings == [Posting(account: .accountsReceivable, debitCents: 275_624),
                                 Posting(account: .revenue, creditCents: 254_999),
                                 Posting(account: .salesTaxPayable, creditCents: 20_625, memo: "Sales tax 8.25%")])

            // The stored PDF is what the mail carries, and it reads right.
            let (filename, pdf) = try t.app.invoices.pdf(id, for: actor)
            #expect(filename == "INV-202611-0001.pdf")
            let message = try #require(try t.read { try OutboxMessageRecord.fetchOne($0, sql: "SELECT * FROM outbox_messages WHERE kind = 'invoice'") })
            #expect(message.toAddress == "ap@harbor.example")
            #expect(message.subject == "Invoice INV-202611-0001 from Acme")
            #expect(message.textBody.contains("http://localhost/i/\(sent.publicToken)"))
            #expect(message.textBody.contains("$2,756.24"))
            let attachment = try #require(try t.read { try OutboxAttachmentRecord.fetchOne($0, sql: "SELECT * FROM outbox_attachments") })
            #expect(attachment.filename == "INV-202611-0001.pdf" && attachment.contentType == "application/pdf")
            #expect([UInt8](attachment.data) == pdf)
            let text = try PDFText.extract(pdf)
            for expected in ["INV-202611-0001", "Harbor Coffee", "Acme", "$2,549.99", "$206.25", "$2,756.24", "Design sprint"] {
                #expect(text.contains(expected), "the PDF lacks \(expected):\n\(text)")
            }
            #expect(try t.auditEvents().map(\.action).filter { $0.hasPrefix("invoice.") }
                    == ["invoice.created", "invoice.sent", "invoice.emailed"])
        }
    }

    @Test func sendingNeedsALineAClientEmailIsOptional() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let clientId = try client(t, actor, name: "No Mail Ltd", email: "")
            let empty = try #require(try t.app.invoices.create(InvoiceDraft(clientId: String(clientId), issueDate: "2026-11-30"), by: actor).id)
            guard case .invalid(let errors) = thrownError({ try t.app.invoices.send(empty, by: actor) }) as? AppError else {
                Issue.record("sending an empty invoice must be refused"); return
            }
            #expect(errors["lines"] == "Add at least one line before sending the invoice.")
            #expect(try t.count("document_sequences") == 0, "a refused send allocates no number")
            let id = try #require(try t.app.invoices.create(Self.draft(client: clientId), by: actor).id)
            let result = try t.app.invoices.send(id, by: actor)
            #expect(result.sentNow && !result.emailed)
            #expect(result.invoice.number == "INV-202611-0001", "the refused send left no gap")
            #expect(try t.count("outbox_messages") == 0)
        }
    }

    @Test func voidRules() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let owner = companies.actor(.owner)
            let clientId = try client(t, owner)
            let draftId = try #require(try t.app.invoices.create(Self.draft(client: clientId), by: owner).id)
            #expect(thrownError { try t.app.invoices.void(draftId, by: owner) } as? AppError
                    == .conflict("A draft has no number to void: delete it instead."))
            _ = try t.app.invoices.send(draftId, by: owner)
            #expect(thrownError { try t.app.invoices.void(draftId, by: companies.actor(.manager)) } as? AppError == .forbidden)
            let voided = try t.app.invoices.void(draftId, by: companies.actor(.admin))
            #expect(voided.status == .void && voided.number == "INV-202611-0001" && voided.voidedAt != nil)
            #expect(try t.app.invoices.void(draftId, by: owner).status == .void, "voiding twice is a no-op")
            let events = try t.app.invoices.accountingEvents(draftId, for: owner)
            #expect(events.map(\.kind) == ["invoice.sent", "invoice.voided"])
            let reversal = try InvoiceService.decodePostings(events[1].postings)
            #expect(reversal == InvoicePostings.reversing(try InvoiceService.decodePostings(events[0].postings)))
            #expect(events[1].occurredOn == "2027-01-15", "dated the day of the void")
            #expect(try t.auditEvents(action: "invoice.voided").count == 1)
            // Status never goes back: a void invoice cannot be sent again.
            #expect(try t.app.invoices.send(draftId, by: owner).sentNow == false)
        }
    }

    @Test func anotherCompanysIdsAreNotFoundAndRolesAreChecked() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let acme = companies.actor(.owner)
            let globex = companies.actor(.owner, in: companies.globex)
            let theirClient = try client(t, globex, name: "Theirs", email: "")
            let theirs = try #require(try t.app.invoices.create(Self.draft(client: theirClient), by: globex).id)
            let ourClient = try client(t, acme)
            #expect(thrownError { try t.app.invoices.create(Self.draft(client: theirClient), by: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.get(theirs, for: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.update(theirs, with: Self.draft(client: ourClient), by: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.send(theirs, by: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.void(theirs, by: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.delete(theirs, by: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.pdf(theirs, for: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.timeline(theirs, for: acme) } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.page(theirs, for: acme) } as? AppError == .notFound)

            let ours = try #require(try t.app.invoices.create(Self.draft(client: ourClient), by: acme).id)
            let page = try t.app.invoices.page(ours, for: companies.actor(.viewer))
            #expect(page.detail.id == ours && page.detail.lines.count == 2 && page.reminders.isEmpty)
            #expect(page.timeline.map(\.action) == ["invoice.created"])
            #expect(thrownError { try t.app.invoices.create(Self.draft(client: ourClient), by: companies.actor(.viewer)) } as? AppError == .forbidden)
            #expect(thrownError { try t.app.invoices.send(ours, by: companies.actor(.staff)) } as? AppError == .forbidden)
            #expect(try t.app.invoices.get(ours, for: companies.actor(.viewer)).invoice.status == .draft)
            #expect(try t.app.invoices.get(theirs, for: globex).invoice.status == .draft, "their invoice is untouched")
        }
    }

    @Test func thePublicLinkShowsOnlySentInvoicesAndRecordsOneViewADay() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let clientId = try client(t, actor)
            let draft = try t.app.invoices.create(Self.draft(client: clientId), by: actor)
            #expect(thrownError { try t.app.invoices.publicInvoice(token: draft.publicToken, requestId: "r", ip: "") } as? AppError == .notFound)
            #expect(thrownError { try t.app.invoices.publicInvoice(token: "nope", requestId: "r", ip: "") } as? AppError == .notFound)
            let sent = try t.app.invoices.send(try #require(draft.id), by: actor).invoice
            for _ in 0..<3 { _ = try t.app.invoices.publicInvoice(token: sent.publicToken, requestId: "r", ip: "198.51.100.7") }
            #expect(try t.auditEvents(action: "invoice.viewed").count == 1)
            t.clock.advance(by: 86_400)
            _ = try t.app.invoices.publicInvoice(token: sent.publicToken, requestId: "r", ip: "198.51.100.7")
            #expect(try t.auditEvents(action: "invoice.viewed").count == 2)
            #expect(try t.app.invoices.publicPDF(token: sent.publicToken).data.starts(with: Array("%PDF".utf8)))
            let timeline = try t.app.invoices.timeline(try #require(draft.id), for: actor).map(\.action)
            #expect(timeline == ["invoice.created", "invoice.sent", "invoice.emailed", "invoice.viewed", "invoice.viewed"])
        }
    }

    @Test func theListPaginatesFiltersAndSearches() throws {
        try withTestApp { t in
            let companies = try seedTwoCompanies(t)
            let actor = companies.actor(.owner)
            let harbor = try client(t, actor)
            let kestrel = try client(t, actor, name: "Kestrel Gear", email: "")
            for index in 0..<7 {
                let invoice = try t.app.invoices.create(Self.draft(client: index % 2 == 0 ? harbor : kestrel), by: actor)
                if index < 4 { _ = try t.app.invoices.send(try #require(invoice.id), by: actor) }
            }
            let all = try t.app.invoices.list(for: actor, filter: InvoiceListFilter(), page: PageRequest(number: 2, size: 3))
            #expect(all.totalCount == 7 && all.items.count == 3 && all.pageCount == 3)
            #expect(try t.app.invoices.list(for: actor, filter: InvoiceListFilter(status: .sent), page: PageRequest(number: 1)).totalCount == 4)
            #expect(try t.app.invoices.list(for: actor, filter: InvoiceListFilter(status: .draft), page: PageRequest(number: 1)).totalCount == 3)
            #expect(try t.app.invoices.list(for: actor, filter: InvoiceListFilter(clientId: kestrel), page: PageRequest(number: 1)).totalCount == 3)
            let byName = try t.app.invoices.list(for: actor, filter: InvoiceListFilter(search: "kestrel"), page: PageRequest(number: 1))
            #expect(byName.totalCount == 3 && byName.items.allSatisfy { $0.clientName == "Kestrel Gear" })
            let byNumber = try t.app.invoices.list(for: actor, filter: InvoiceListFilter(search: "0003"), page: PageRequest(number: 1))
            #expect(byNumber.items.map(\.number) == ["INV-202611-0003"])
            let globex = companies.actor(.owner, in: companies.globex)
            #expect(try t.app.invoices.list(for: globex, filter: InvoiceListFilter(), page: PageRequest(number: 1)).totalCount == 0)
        }
    }
}

/// `pdftotext` (poppler-utils, installed by scripts/deps.sh test) on a PDF's bytes.
enum PDFText {
    static func extract(_ pdf: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ez360-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("invoice.pdf").path
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", "-enc", "UTF-8", path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw AppError.conflict("pdftotext failed with \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}
