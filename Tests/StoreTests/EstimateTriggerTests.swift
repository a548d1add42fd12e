import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// The estimate rules the database enforces by itself, tried with raw SQL past the service:
/// a sent estimate's content and lines are locked, its status only moves forward, the
/// answer is written once, only drafts are deleted, and EST numbers are their own sequence.
@Suite("Estimate triggers")
struct EstimateTriggerTests {
    func seed(_ database: AppDatabase, sent: Bool = true) throws -> (company: Int64, estimate: Int64) {
        try database.pool.write { db in
            let company = try insertCompany(db, name: "Acme")
            let client = try insertClient(db, companyId: company, name: "Harbor")
            var estimate = EstimateRecord(companyId: company, clientId: client.id ?? 0, currency: "USD", issueDate: "2026-11-30",
                                          validUntil: "2026-12-30", subtotalCents: 10_000, totalCents: 10_000,
                                          publicToken: String(repeating: "e", count: 43), createdAt: testEpoch, updatedAt: testEpoch)
            try EstimateQueries.insert(db, &estimate)
            let id = try #require(estimate.id)
            try EstimateQueries.replaceLines(db, estimateId: id, with: [
                EstimateLineRecord(estimateId: id, position: 1, description: "Work", quantityThousandths: 1_000,
                                   unitPriceCents: 10_000, amountCents: 10_000),
            ])
            if sent {
                estimate.status = .sent
                estimate.number = "EST-202611-0001"
                estimate.sentAt = testEpoch
                try EstimateQueries.update(db, estimate)
            }
            return (company, id)
        }
    }

    @Test func aSentEstimateRefusesContentChangesLineChangesAndDeletion() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database)
            for assignment in ["total_cents = 1, subtotal_cents = 1", "notes = 'changed'", "valid_until = '2027-06-30'",
                               "number = 'EST-202611-0099'", "discount_kind = 'fixed'", "issue_date = '2026-11-29'"] {
                expectRefused(database, containing: "estimate is locked", "UPDATE estimates SET \(assignment) WHERE id = ?", arguments: [id])
            }
            expectRefused(database, containing: "only draft estimates can be deleted", "DELETE FROM estimates WHERE id = ?", arguments: [id])
            expectRefused(database, containing: "its lines cannot change", "UPDATE estimate_lines SET unit_price_cents = 1")
            expectRefused(database, containing: "its lines cannot change", "DELETE FROM estimate_lines")
            expectRefused(database, containing: "its lines cannot change", """
                INSERT INTO estimate_lines (estimate_id, position, description, quantity_thousandths, unit_price_cents, amount_cents)
                VALUES (?, 2, 'More', 1000, 1, 1)
                """, arguments: [id])
            expectRefused(database, containing: "status only moves forward", "UPDATE estimates SET status = 'draft', number = NULL, sent_at = NULL WHERE id = ?",
                          arguments: [id])
        }
    }

    @Test func theAnswerIsWrittenOnceAndADeclinedEstimateIsFinal() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database)
            try database.pool.write {
                try $0.execute(sql: "UPDATE estimates SET status = 'declined', declined_name = 'Ann', responded_at = '2026-12-01 10:00:00.000' WHERE id = ?",
                               arguments: [id])
            }
            expectRefused(database, containing: "immutable", "UPDATE estimates SET declined_name = 'Bob' WHERE id = ?", arguments: [id])
            expectRefused(database, containing: "immutable", "UPDATE estimates SET status = 'accepted' WHERE id = ?", arguments: [id])
        }
    }

    @Test func anAcceptedNameCannotBeRewritten() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database)
            try database.pool.write {
                try $0.execute(sql: "UPDATE estimates SET status = 'accepted', accepted_name = 'Ann', responded_at = '2026-12-01 10:00:00.000' WHERE id = ?",
                               arguments: [id])
            }
            expectRefused(database, containing: "estimate is locked", "UPDATE estimates SET accepted_name = 'Eve' WHERE id = ?", arguments: [id])
            expectRefused(database, containing: "CHECK", "UPDATE estimates SET status = 'converted' WHERE id = ?", arguments: [id])
        }
    }

    @Test func aDraftMayChangeAndBeDeleted() throws {
        try withMigratedDatabase { database in
            let (_, id) = try seed(database, sent: false)
            try database.pool.write { db in
                try db.execute(sql: "UPDATE estimates SET notes = 'ok' WHERE id = ?", arguments: [id])
                try EstimateQueries.deleteDraft(db, companyId: try #require(try Int64.fetchOne(db, sql: "SELECT id FROM companies")), id: id)
            }
            #expect(try database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM estimates") } == 0)
        }
    }

    @Test func estimateNumbersAreTheirOwnSequencePerCompany() throws {
        try withMigratedDatabase { database in
            try database.pool.write { db in
                let acme = try insertCompany(db, name: "Acme")
                let globex = try insertCompany(db, name: "Globex")
                #expect(try DocumentSequences.allocate(db, companyId: acme, kind: .invoice) == 1)
                #expect(try DocumentSequences.allocate(db, companyId: acme, kind: .invoice) == 2)
                #expect(try DocumentSequences.allocate(db, companyId: acme, kind: .estimate) == 1)
                #expect(try DocumentSequences.allocate(db, companyId: globex, kind: .estimate) == 1)
                #expect(try DocumentSequences.allocate(db, companyId: acme, kind: .estimate) == 2)
                #expect(try EstimateQueries.validDays(db, companyId: acme) == 30)
            }
            expectRefused(database, containing: "estimate_valid_days", "UPDATE companies SET estimate_valid_days = 400")
        }
    }
}
