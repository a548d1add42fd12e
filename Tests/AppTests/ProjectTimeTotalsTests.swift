import Domain
import Foundation
import GRDB
import Testing
@testable import App
@testable import Store

/// `project_time_totals` and `project_unbilled_totals` (kept by triggers) must always equal
/// the sums over the entries they replaced on the project page: checked after every kind of
/// change the workflow and invoicing make.
@Suite("Project time totals")
struct ProjectTimeTotalsTests {
    func directTotals(_ t: TestApp, projectId: Int64) throws -> [String: [Int64]] {
        try t.app.database.read { db in
            var totals: [String: [Int64]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT status, sum(minutes) AS minutes,
                       sum(CASE billable WHEN 1 THEN (minutes * rate_cents + 30) / 60 ELSE 0 END) AS amount
                FROM time_entries WHERE project_id = ? GROUP BY status
                """, arguments: [projectId]) {
                totals[row["status"]] = [row["minutes"], row["amount"]]
            }
            return totals
        }
    }

    func directUnbilled(_ t: TestApp, projectId: Int64) throws -> UnbilledTimeTotals {
        try t.app.database.read { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT count(*), coalesce(sum(minutes), 0), coalesce(sum((minutes * rate_cents + 30) / 60), 0)
                FROM time_entries WHERE project_id = ? AND status = 'approved' AND billable = 1 AND invoice_line_id IS NULL
                """, arguments: [projectId]))
            return UnbilledTimeTotals(entries: row[0], minutes: row[1], amountCents: row[2])
        }
    }

    func storedTotals(_ t: TestApp, companyId: Int64, projectId: Int64) throws -> [String: [Int64]] {
        try t.app.database.read { db in
            Dictionary(uniqueKeysWithValues: try TimeQueries.projectTotals(db, companyId: companyId, projectId: projectId)
                .map { ($0.status.rawValue, [$0.minutes, $0.amountCents]) })
        }
    }

    @Test func followEveryChangeOfTheWorkflow() throws {
        try withTestApp { t in
            let f = try TimeServiceTests().fixture(t)
            let companyId = f.seed.acmeId
            func check(_ step: String) throws {
                #expect(try storedTotals(t, companyId: companyId, projectId: f.projectId) == directTotals(t, projectId: f.projectId), "\(step)")
                let usage = try t.app.database.read { try TimeQueries.projectUsage($0, companyId: companyId, projectId: f.projectId) }
                let direct = try directTotals(t, projectId: f.projectId).values
                #expect(usage.minutes == direct.reduce(0) { $0 + $1[0] } && usage.amountCents == direct.reduce(0) { $0 + $1[1] }, "\(step)")
                let unbilled = try t.app.database.read { try TimeQueries.unbilledTotals($0, companyId: companyId, projectId: f.projectId) }
                #expect(unbilled == (try directUnbilled(t, projectId: f.projectId)), "\(step)")
            }
            var ids: [Int64] = []
            for (day, duration) in [("2027-01-11", "1:07"), ("2027-01-12", "0:13"), ("2027-01-13", "2:59")] {
                var draft = TimeServiceTests().draft(f, date: day, duration: duration)
                draft.billable = day != "2027-01-12"
                ids.append(try #require(try t.app.time.create(draft, by: f.staff).id))
            }
            try check("created")
            _ = try t.app.time.update(ids[0], with: TimeServiceTests().draft(f, date: "2027-01-11", duration: "3:01"), by: f.staff)
            try check("edited")
            _ = try t.app.time.delete(ids[1], by: f.staff)
            try check("deleted")
            let week = try #require(CalendarDate(parsing: "2027-01-11"))
            _ = try t.app.time.submitWeek(containing: week, by: f.staff)
            try check("submitted")
            _ = try t.app.time.approveWeek(of: try #require(f.staff.userId), weekStart: week, by: f.manager)
            try check("approved")
            #expect(try storedTotals(t, companyId: companyId, projectId: f.projectId).keys.sorted() == ["approved"])
            #expect(try directUnbilled(t, projectId: f.projectId).entries == 2)
            let owner = f.seed.actor(.owner)
            // Invoicing takes the time out of the unbilled sums; deleting the draft, or voiding
            // the sent invoice, puts it back.
            let draft = try #require(try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .entry,
                                                                            includeExpenses: false, by: owner).invoice?.id)
            try check("invoiced")
            #expect(try directUnbilled(t, projectId: f.projectId).entries == 0)
            _ = try t.app.invoices.delete(draft, by: owner)
            try check("draft deleted")
            let sent = try #require(try t.app.invoices.createFromUnbilled(projectId: f.projectId, grouping: .service,
                                                                           includeExpenses: false, by: owner).invoice?.id)
            _ = try t.app.invoices.send(sent, by: owner)
            try check("sent")
            _ = try t.app.invoices.void(sent, by: owner)
            try check("voided")
            #expect(try directUnbilled(t, projectId: f.projectId).entries == 2)
            // Another company's project id reads nothing.
            #expect(try storedTotals(t, companyId: f.seed.globexId, projectId: f.projectId).isEmpty)
        }
    }
}
