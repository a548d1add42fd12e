import Foundation
import Testing

/// The issue's "new user" walk, in one go through nginx and ez360-fcgi, as a person in a
/// browser does it: every form is read off its page and sent back with only what the person
/// types or picks changed (`HTMLForm`), cookies and the CSRF token included; every redirect
/// is followed and what it shows is checked; every HTML page passes `tidy -errors` (the
/// Browser checks each one). The owner of a firm nothing else touches (Stack.walkOwner) sets
/// up a default tax rate and a service, a client and an hourly project with a budget; tracks
/// time with the timer from the project page, fixes its duration and adds an entry; submits
/// and approves the week; records a billable expense with a markup and a JPEG receipt; invoices the
/// unbilled work by service; sends the invoice; and the client gets the mail, its PDF and
/// its link. The amounts are worked out by hand below, to the cent.
@Suite(.serialized)
struct NewUserWalkLiveTests {
    @Test("A new firm's owner: client, project, timer, approved week, expense with a receipt, invoice, send, mail, client link")
    func newUserWalk() throws {
        // Held from before the send queues the mail until it is delivered: another suite's
        // `outbox deliver` would otherwise send it to that suite's sink (as it once did).
        Stack.outboxLock.lock()
        defer { Stack.outboxLock.unlock() }
        let stack = try Stack.get()
        let me = stack.browser("walker")
        let owner = Stack.walkOwner
        let clientName = "Zoë Ørsted Design"
        let clientEmail = "zoe-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let service = "Consulting", project = "Brand refresh"

        // MARK: 1. Sign in; a default tax rate and a service; a client; an hourly project with a budget.
        let signedIn = try me.signIn(owner)
        #expect(signedIn.status == 303, "\(signedIn.summary)")
        let home = try me.get(signedIn.location ?? "/")
        #expect(home.status == 200 && home.text.contains("<span class=\"nav-company\">\(Scrape.escaped(owner.company))</span>"))

        var form = try me.form("/settings/tax-rates", on: "/settings/tax-rates/new")
        form.set("name", "Sales tax")
        form.set("rate", "8.25")
        form.check("is_default")
        var answer = try me.submit(form)
        #expect(answer.status == 303 && answer.location == "/settings/tax-rates", "\(answer.summary)")
        let rates = try me.get("/settings/tax-rates")
        #expect(rates.text.contains("Sales tax") && rates.text.contains("8.25") && rates.text.contains("Default"))

        form = try me.form("/catalog", on: "/catalog/new")
        form.set("kind", "service")
        form.set("name", service)
        form.set("unit", "hour")
        form.set("unit_price", "120.00")
        answer = try me.submit(form)
        #expect(answer.status == 303, "\(answer.summary)")
        #expect(try me.get("/catalog").text.contains("$120.00 / hour"))

        form = try me.form("/clients", on: "/clients/new")
        form.set("name", clientName)
        form.set("email", clientEmail)
        form.set("address", "12 Harbour Road\nBristol")
        answer = try me.submit(form)
        let clientPath = try #require(answer.location, "\(answer.summary)")
        let clientPage = try me.get(clientPath)
        #expect(clientPage.status == 200 && clientPage.text.contains(clientName), "\(clientPage.summary)")
        let newProjectPath = try #require(Scrape.firstCapture(#"<a class="button" href="([^"]+)">New project for this client</a>"#,
                                                              in: clientPage.text))
        form = try me.form("/projects", on: HTMLForm.unescape(newProjectPath))
        #expect(form["client_id"] == String(clientPath.dropFirst("/clients/".count)), "the client is chosen already")
        form.set("name", project)
        form.set("billing_type", "hourly")
        form.set("hourly_rate", "135.00")
        form.set("budget_hours", "10")
        form.set("budget_amount", "2,000.00")
        answer = try me.submit(form)
        let projectPath = try #require(answer.location, "\(answer.summary)")
        var projectPage = try me.get(projectPath)
        #expect(projectPage.status == 200 && projectPage.text.contains("Hourly at $135.00 an hour"), "\(projectPage.summary)")
        #expect(projectPage.text.contains("Project “\(project)” started."))
        #expect(projectPage.text.contains("<a href=\"\(clientPath)\">\(clientName)</a>"))

        // MARK: 2. The timer from the project page; running in the navigation after a reload; stopped into a draft.
        form = try me.form("/timer/start", in: projectPage, path: projectPath)
        #expect(projectPage.text.contains(">Start \(service)</button>"))
        #expect(form["back"] == projectPath)
        answer = try me.submit(form)
        #expect(answer.status == 303 && answer.location == projectPath, "\(answer.summary)")
        projectPage = try me.get(projectPath)
        #expect(projectPage.text.contains("Timer started."))
        projectPage = try me.get(projectPath)
        let running = try #require(Scrape.firstCapture(#"(?s)<div class="nav-timer" role="status">(.*?)</div>"#, in: projectPage.text),
                                   "the navigation shows no running timer after a reload")
        #expect(running.contains("<a href=\"\(projectPath)\">\(project)</a> · \(service) · "), "\(running)")
        #expect(running.contains("data-started-at=\""))

        answer = try me.submit(try me.form("/timer/stop", in: projectPage, path: projectPath))
        #expect(answer.status == 303, "\(answer.summary)")
        let weekPath = try #require(answer.location)
        var week = try me.get(weekPath)
        let stopped = try #require(Scrape.firstCapture(#"Timer stopped: (\d+:\d\d) saved as a draft entry\."#, in: week.text),
                                   "\(week.text)")
        #expect(["0:01", "0:02"].contains(stopped), "a timer stopped at once counts its first minute, not \(stopped)")
        #expect(!week.text.contains("data-started-at="), "the navigation no longer shows a timer")
        #expect(week.text.contains("<div class=\"nav-timer\"><a href=\"/timer/new\">Start timer</a></div>"))
        let timerEntry = try #require(Scrape.firstCapture(#"<a href="(/time/\d+/edit)">Edit</a>"#, in: week.text))
        #expect(Scrape.allCaptures(#"<a href="(/time/\d+/edit)">Edit</a>"#, in: week.text) == [timerEntry])
        #expect(week.text.contains("<span class=\"badge badge-muted\">Draft</span>"))

        // A minute is no work to bill: the real duration typed over the timer's start and end.
        var entryForm = try me.form(timerEntry, on: timerEntry)
        #expect(entryForm["project_id"] == String(projectPath.dropFirst("/projects/".count)))
        #expect(entryForm["start_time"]?.isEmpty == false, "a timer entry shows its start and end")
        entryForm.set("start_time", "")
        entryForm.set("end_time", "")
        entryForm.set("duration", "2:30")
        entryForm.set("notes", "Workshop and moodboards")
        answer = try me.submit(entryForm)
        #expect(answer.status == 303 && answer.location == weekPath, "\(answer.summary)")
        week = try me.get(weekPath)
        #expect(week.text.contains("Entry saved.") && week.text.contains("Workshop and moodboards"))
        // And a second entry by duration, through the week's Add time form.
        form = try me.form("/time", in: week, path: weekPath)
        form.choose("project_id", label: "\(project) — \(clientName)")
        form.choose("service_id", label: service)
        form.set("duration", "0:45")
        form.set("notes", "Client call")
        #expect(form["billable"] == "1", "time is billable unless unticked")
        answer = try me.submit(form)
        #expect(answer.status == 303 && answer.location == weekPath, "\(answer.summary)")
        week = try me.get(weekPath)
        #expect(week.text.contains("Time saved: 0:45 on"))
        #expect(Scrape.allCaptures(#"<td class="num">(\d+:\d\d)</td><td><span class="badge[^"]*">Draft</span>"#, in: week.text).sorted()
                == ["0:45", "2:30"], "\(week.text)")
        #expect(week.text.contains("<td class=\"num\">3:15</td></tr>"), "the week's total")

        // MARK: 3. Submit the week; approve it on the approvals page; the entries show Approved.
        answer = try me.submit(try me.form("/time/week/submit", in: week, path: weekPath))
        #expect(answer.status == 303 && answer.location == weekPath, "\(answer.summary)")
        week = try me.get(weekPath)
        #expect(week.text.contains("Week submitted for approval (2 entries)."))
        #expect(week.text.components(separatedBy: ">Submitted</span>").count == 3)
        #expect(!week.text.contains("/edit\">Edit</a>"), "submitted entries are not editable")
        let approvals = try me.get("/approvals")
        #expect(approvals.status == 200)
        // 3:15 at $135.00 an hour = 3.25 × 135.00 = $438.75.
        let submitted = try #require(Scrape.firstCapture(#"(?s)(<tr><td><a href="/time\?week=.*?</tr>)"#, in: approvals.text))
        #expect(submitted.contains("<td class=\"num\">2</td><td class=\"num\">3:15</td><td class=\"num\">3:15</td><td class=\"num\">$438.75</td>"),
                "\(submitted)")
        answer = try me.submit(try me.form("/approvals/approve", in: approvals, path: "/approvals"))
        #expect(answer.status == 303 && answer.location == "/approvals", "\(answer.summary)")
        let approved = try me.get("/approvals")
        #expect(approved.text.contains("approved (2 entries).") && approved.text.contains("No weeks are waiting for approval."))
        week = try me.get(weekPath)
        #expect(week.text.components(separatedBy: "<span class=\"badge\">Approved</span>").count == 3, "\(week.text)")
        let approvedEntry = try me.get(timerEntry)
        #expect(approvedEntry.status == 409 && approvedEntry.text.contains("An approved entry cannot be changed."),
                "an approved entry's edit page says why it cannot be edited: \(approvedEntry.summary)")
        projectPage = try me.get(projectPath)
        #expect(projectPage.text.contains("<tr><td>Approved</td><td class=\"num\">3:15</td><td class=\"num\">$438.75</td></tr>"))
        #expect(projectPage.text.contains("<tr><td>Hours</td><td class=\"num\">3.25</td><td class=\"num\">10.00</td><td class=\"num\">32%</td></tr>"),
                "budget burn: 3.25 of 10 hours")

        // MARK: 4. A billable expense with a markup and a JPEG receipt; the receipt comes back byte for byte.
        let recordLink = try #require(Scrape.firstCapture(#"<a class="button" href="([^"]+)">Record an expense</a>"#, in: projectPage.text))
        var expenseForm = try me.form("/expenses", on: HTMLForm.unescape(recordLink))
        #expect(expenseForm["project_id"] == String(projectPath.dropFirst("/projects/".count)), "the project is chosen already")
        let spentOn = try #require(expenseForm["spent_on"], "the date defaults to today")
        expenseForm.set("vendor", "Print Shop")
        expenseForm.set("category", "Printing")
        expenseForm.set("amount", "86.45")
        expenseForm.set("tax", "7.13")
        expenseForm.check("billable")
        expenseForm.set("markup", "12.5")
        let jpeg = TinyJPEG.make(width: 48, height: 64, seed: 5)
        answer = try me.submit(expenseForm, files: [(name: "receipt", filename: "print shop.jpg", type: "image/jpeg", content: jpeg)])
        #expect(answer.status == 303, "\(answer.summary)")
        let expensePath = try #require(answer.location)
        let expense = try me.get(expensePath)
        #expect(expense.status == 200 && expense.text.contains("Expense from “Print Shop” recorded."), "\(expense.summary)")
        // Markup 12.5 % of $86.45 = $10.80625 → $10.81; billed $97.26 (the receipt's tax is not re-billed).
        #expect(expense.text.contains("Markup 12.5%: bills $97.26"), "\(expense.text)")
        #expect(expense.text.contains("<dt>Total</dt><dd>$93.58</dd>"), "amount and tax paid: 86.45 + 7.13")
        let receiptLink = try #require(Scrape.firstCapture(#"<a href="([^"]+)">View receipt</a>"#, in: expense.text))
        let receipt = try me.get(receiptLink)
        #expect(receipt.status == 200 && receipt.contentType == "image/jpeg", "\(receipt.summary)")
        #expect(receipt.body == jpeg, "the receipt downloads as uploaded")
        // The edit page, opened now and saved only after the invoice is sent (step 6).
        let staleExpenseForm = try me.form(expensePath + "/edit", on: expensePath + "/edit")
        #expect(staleExpenseForm["markup"] == "12.5" && staleExpenseForm["amount"] == "86.45")
        projectPage = try me.get(projectPath)
        #expect(projectPage.text.contains("<tr><td>To invoice (with markup)</td><td class=\"num\">1</td><td class=\"num\">$97.26</td></tr>"))
        // Budget amount: billable time $438.75 + expenses before tax $86.45 = $525.20 of $2,000.00.
        #expect(projectPage.text.contains(
            "<tr><td>Amount</td><td class=\"num\">$525.20</td><td class=\"num\">$2,000.00</td><td class=\"num\">26%</td></tr>"))

        // MARK: 5. "Invoice unbilled work" from the project page, by service, expenses included.
        #expect(projectPage.text.contains("<h2>Invoice unbilled work</h2>"))
        let invoiceForm = try me.form(projectPath + "/invoice", in: projectPage, path: projectPath)
        #expect(invoiceForm["grouping"] == "service" && invoiceForm["include_expenses"] == "1", "by service, with expenses: the defaults")
        answer = try me.submit(invoiceForm)
        #expect(answer.status == 303, "\(answer.summary)")
        let invoicePath = try #require(answer.location)
        var invoice = try me.get(invoicePath)
        #expect(invoice.status == 200 && invoice.text.contains("<h1>Draft invoice <span class=\"badge badge-draft\">Draft</span></h1>"),
                "\(invoice.summary)")
        #expect(invoice.text.contains("Draft invoice created from 2 time entries and 1 expense."))
        #expect(invoice.text.contains("<a href=\"\(clientPath)\">\(clientName)</a>"))
        // The time line: 3:15 h → quantity 3.25 × $135.00 = $438.75, with the default tax; the
        // expense line: $86.45 + 12.5 % = $97.26, untaxed. Tax 8.25 % of $438.75 = $36.196875 →
        // $36.20. Subtotal $536.01; total $572.21.
        let lines = Self.lineRows(invoice.text)
        #expect(lines == [
            ["\(service) — 3:15 h", "3.25", "$135.00", "Sales tax 8.25%", "$438.75"],
            ["Expense: Print Shop, \(spentOn)", "1", "$97.26", "", "$97.26"],
        ], "\(invoice.text)")
        #expect(Self.totals(invoice.text) == ["Subtotal": "$536.01", "Tax": "$36.20", "Total": "$572.21"], "\(invoice.text)")
        let issued = try #require(Scrape.firstCapture(#"<dt>Issued</dt><dd>(\d{4}-\d\d)-\d\d</dd>"#, in: invoice.text))
        let expectedNumber = "INV-\(issued.replacingOccurrences(of: "-", with: ""))-0001"

        // MARK: 6. Send: a number, Sent; the time and the expense are locked.
        answer = try me.submit(try me.form(invoicePath + "/send", in: invoice, path: invoicePath))
        #expect(answer.status == 303 && answer.location == invoicePath, "\(answer.summary)")
        invoice = try me.get(invoicePath)
        #expect(invoice.text.contains("<h1>\(expectedNumber) <span class=\"badge badge-sent\">Sent</span></h1>"), "\(invoice.text)")
        #expect(invoice.text.contains("Invoice \(expectedNumber) sent; the email with the PDF is on its way."))
        #expect(Self.totals(invoice.text)["Total"] == "$572.21")
        #expect(!invoice.text.contains("href=\"\(invoicePath)/edit\""), "no Edit once sent")
        let lockedInvoice = try me.get(invoicePath + "/edit")
        #expect(lockedInvoice.status == 409, "\(lockedInvoice.summary)")

        week = try me.get(weekPath)
        #expect(week.text.components(separatedBy: "<span class=\"badge\">Invoiced</span>").count == 3, "\(week.text)")
        let lockedEntryPage = try me.get(timerEntry)
        #expect(lockedEntryPage.status == 409 && lockedEntryPage.text.contains("This entry is invoiced and locked."),
                "\(lockedEntryPage.summary)")
        entryForm.set("duration", "3:00")
        let refusedEntry = try me.submit(entryForm)
        #expect(refusedEntry.status == 409 && refusedEntry.text.contains("This entry is invoiced and locked."), "\(refusedEntry.summary)")
        let lockedExpenseEdit = try me.get(expensePath + "/edit")
        #expect(lockedExpenseEdit.status == 409
                && lockedExpenseEdit.text.contains("This expense is on an invoice and can no longer be changed or deleted."),
                "\(lockedExpenseEdit.summary)")
        var changedExpense = staleExpenseForm
        changedExpense.set("amount", "96.45")
        let refusedExpense = try me.submit(changedExpense)
        #expect(refusedExpense.status == 409
                && refusedExpense.text.contains("This expense is on an invoice and can no longer be changed or deleted."),
                "\(refusedExpense.summary)")
        let lockedExpense = try me.get(expensePath)
        #expect(lockedExpense.text.contains("This expense is on an invoice and can no longer be changed.")
                && lockedExpense.text.contains("<span class=\"badge\">Invoiced</span>") && lockedExpense.text.contains("$86.45"))
        let ownPDF = try me.get(invoicePath + "/pdf")
        #expect(ownPDF.status == 200 && ownPDF.contentType == "application/pdf")

        // MARK: 7. The outbox delivers the mail; its PDF says the right things; its link opens signed out.
        // The lock taken at the start keeps other suites' deliveries away from this mail.
        let message: [String: Any]
        do {
            let lab = try MailDeliveryTests.MailLab()
            try ChildProcess.runChecked(Paths.ez360, ["outbox", "deliver", "--data-dir", stack.dataDirectory],
                                        environment: ChildProcess.environment(lab.msmtpEnvironment), scratchDirectory: lab.directory)
            message = try #require(try lab.received().first { ($0["rcpt_tos"] as? [String]) == [clientEmail] }, "\(lab.log())")
        }
        #expect(MailDeliveryTests.header(message, "Subject") == ["Invoice \(expectedNumber) from \(owner.company)"])
        #expect(MailDeliveryTests.header(message, "To") == ["\(clientName) <\(clientEmail)>"])
        #expect((message["defects"] as? [String]) == [])
        let attachments = try #require(message["attachments"] as? [[String: Any]])
        try #require(attachments.count == 1, "\(attachments.map { $0["filename"] ?? "" })")
        #expect(attachments[0]["filename"] as? String == "\(expectedNumber).pdf")
        #expect(attachments[0]["content_type"] as? String == "application/pdf")
        let pdf = try #require((attachments[0]["data"] as? String).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) })
        #expect(pdf == ownPDF.body, "the mail carries the invoice's stored PDF")
        let pdfText = try PDFText.extract(pdf)
        for expected in [expectedNumber, clientName, owner.company, "$572.21", "$36.20", "\(service) — 3:15 h", "Expense: Print Shop"] {
            #expect(pdfText.contains(expected), "the PDF does not say \(expected):\n\(pdfText)")
        }

        let text = try #require(message["text"] as? String)
        #expect(text.contains("\(owner.company) has sent you invoice \(expectedNumber) for $572.21"), "\(text)")
        let start = try #require(text.range(of: "/i/"), "\(text)")
        let link = String(text[start.lowerBound...].prefix { !$0.isWhitespace })
        let client = stack.browser("walk-client")
        let publicPage = try client.get(link)
        #expect(publicPage.status == 200, "\(publicPage.summary)")
        #expect(publicPage.text.contains(expectedNumber) && publicPage.text.contains(clientName))
        #expect(Self.totals(publicPage.text)["Total"] == "$572.21" && Self.lineRows(publicPage.text) == lines)
        let download = try #require(Scrape.firstCapture(#"<a class="button primary" href="([^"]+)">Download PDF</a>"#, in: publicPage.text))
        let publicPDF = try client.get(download)
        #expect(publicPDF.status == 200 && publicPDF.contentType == "application/pdf", "\(publicPDF.summary)")
        #expect(publicPDF.body == pdf, "the link's PDF is the mailed one")
        #expect(try me.get(invoicePath).text.contains("Viewed by the client through the link."))
    }

    /// The cells of the invoice's Lines table, row by row, as the page shows them.
    static func lineRows(_ html: String) -> [[String]] {
        guard let table = Scrape.firstCapture(#"(?s)<caption class="visually-hidden">Lines</caption>(.*?)</table>"#, in: html) else { return [] }
        return Scrape.allCaptures(#"(?s)<tr>(<td.*?)</tr>"#, in: table).map { row in
            Scrape.allCaptures(#"(?s)<td[^>]*>(.*?)</td>"#, in: row).map { HTMLForm.unescape($0) }
        }
    }

    /// The totals list (Subtotal, Tax, Total …) by label.
    static func totals(_ html: String) -> [String: String] {
        guard let list = Scrape.firstCapture(#"(?s)<dl class="details totals">(.*?)</dl>"#, in: html) else { return [:] }
        let labels = Scrape.allCaptures(#"<dt>([^<]+)</dt>"#, in: list)
        let values = Scrape.allCaptures(#"<dd class="num">(?:<strong>)?([^<]+)"#, in: list)
        return Dictionary(zip(labels, values), uniquingKeysWith: { first, _ in first })
    }
}
