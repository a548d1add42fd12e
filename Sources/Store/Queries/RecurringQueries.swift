import Domain
import Foundation
import GRDB

/// Recurring templates and their runs. Every query takes the company id, except
/// `dueTemplates`, which only `ez360 recurring run` calls: the job works for every company.
public enum RecurringQueries {
    public static func find(_ db: Database, companyId: Int64, id: Int64) throws -> RecurringTemplateRecord? {
        try RecurringTemplateRecord.fetchOne(db, sql: """
            SELECT * FROM recurring_templates WHERE id = ? AND company_id = ? AND deleted_at IS NULL
            """, arguments: [id, companyId])
    }

    public static func lines(_ db: Database, templateId: Int64) throws -> [RecurringTemplateLineRecord] {
        try RecurringTemplateLineRecord.fetchAll(db, sql: """
            SELECT * FROM recurring_template_lines WHERE template_id = ? ORDER BY position
            """, arguments: [templateId])
    }

    public static func insert(_ db: Database, _ template: inout RecurringTemplateRecord) throws {
        try template.insert(db)
    }

    /// Writes every column, guarded by company id.
    public static func update(_ db: Database, _ template: RecurringTemplateRecord) throws {
        guard let id = template.id else { return }
        try db.execute(sql: """
            UPDATE recurring_templates SET client_id = ?, name = ?, frequency = ?, start_date = ?, end_date = ?,
                   next_run_on = ?, mode = ?, payment_terms_days = ?, discount_kind = ?, discount_value = ?, notes = ?,
                   terms = ?, status = ?, deleted_at = ?, updated_at = ?
            WHERE id = ? AND company_id = ?
            """, arguments: [template.clientId, template.name, template.frequency.rawValue, template.startDate,
                             template.endDate, template.nextRunOn, template.mode.rawValue, template.paymentTermsDays,
                             template.discountKind, template.discountValue, template.notes, template.terms,
                             template.status.rawValue, template.deletedAt, template.updatedAt, id, template.companyId])
    }

    public static func replaceLines(_ db: Database, templateId: Int64, with lines: [RecurringTemplateLineRecord]) throws {
        try db.execute(sql: "DELETE FROM recurring_template_lines WHERE template_id = ?", arguments: [templateId])
        for var line in lines {
            line.templateId = templateId
            try line.insert(db)
        }
    }

    /// Live templates, by name, paginated at the database; the client's name by a join.
    public static func page(_ db: Database, companyId: Int64, page: PageRequest) throws -> Page<RecurringTemplateSummary> {
        let total = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM recurring_templates WHERE company_id = ? AND deleted_at IS NULL
            """, arguments: [companyId]) ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.id, t.name, clients.name, t.frequency, t.mode, t.status, t.next_run_on, t.end_date,
                   (SELECT count(*) FROM recurring_runs WHERE template_id = t.id)
            FROM recurring_templates AS t JOIN clients ON clients.id = t.client_id
            WHERE t.company_id = ? AND t.deleted_at IS NULL
            ORDER BY t.name COLLATE NOCASE, t.id LIMIT ? OFFSET ?
            """, arguments: [companyId, page.size, page.offset])
        let items = rows.map { row in
            RecurringTemplateSummary(id: row[0], name: row[1], clientName: row[2],
                                     frequency: RecurrenceFrequency(rawValue: row[3]) ?? .monthly,
                                     mode: RecurringTemplateRecord.Mode(rawValue: row[4]) ?? .draft,
                                     status: RecurringTemplateRecord.Status(rawValue: row[5]) ?? .paused,
                                     nextRunOn: row[6], endDate: row[7], runCount: row[8])
        }
        return Page(items: items, number: page.number, size: page.size, totalCount: total)
    }

    /// A template's runs, newest first, with the invoice's number and status when it still exists.
    public static func runs(_ db: Database, companyId: Int64, templateId: Int64, limit: Int = 200)
        throws -> [(run: RecurringRunRecord, number: String?, status: InvoiceStatus?)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT recurring_runs.*, invoices.number AS invoice_number, invoices.status AS invoice_status
            FROM recurring_runs LEFT JOIN invoices ON invoices.id = recurring_runs.invoice_id
            WHERE recurring_runs.company_id = ? AND recurring_runs.template_id = ?
            ORDER BY recurring_runs.occurrence_date DESC LIMIT ?
            """, arguments: [companyId, templateId, limit])
        return try rows.map { row in
            (try RecurringRunRecord(row: row), row["invoice_number"],
             (row["invoice_status"] as String?).flatMap(InvoiceStatus.init(rawValue:)))
        }
    }

    /// The latest occurrence already issued, if any.
    public static func lastOccurrence(_ db: Database, templateId: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT max(occurrence_date) FROM recurring_runs WHERE template_id = ?",
                            arguments: [templateId])
    }

    public static func runExists(_ db: Database, templateId: Int64, occurrenceDate: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM recurring_runs WHERE template_id = ? AND occurrence_date = ?)
            """, arguments: [templateId, occurrenceDate]) ?? false
    }

    public static func insertRun(_ db: Database, _ run: inout RecurringRunRecord) throws {
        try run.insert(db)
    }

    /// For `ez360 recurring run` only (every company): ids of the active, live templates with
    /// an occurrence due on or before `today`, oldest due first.
    public static func dueTemplates(_ db: Database, today: String, companyId: Int64? = nil) throws -> [(id: Int64, companyId: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT id, company_id FROM recurring_templates
            WHERE deleted_at IS NULL AND status = 'active' AND next_run_on IS NOT NULL AND next_run_on <= ?
              AND (? IS NULL OR company_id = ?)
            ORDER BY next_run_on, id
            """, arguments: [today, companyId, companyId]).map { ($0[0], $0[1]) }
    }
}

/// Reminder settings, the reminder log and late fees.
public enum ReminderQueries {
    public static func settings(_ db: Database, companyId: Int64) throws -> ReminderSettingsRecord? {
        try ReminderSettingsRecord.fetchOne(db, sql: "SELECT * FROM reminder_settings WHERE company_id = ?",
                                            arguments: [companyId])
    }

    public static func saveSettings(_ db: Database, _ settings: ReminderSettingsRecord) throws {
        try db.execute(sql: """
            INSERT INTO reminder_settings (company_id, enabled, schedule, late_fee_kind, late_fee_value, late_fee_after_step,
                                           late_fee_mode, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (company_id) DO UPDATE SET enabled = excluded.enabled, schedule = excluded.schedule,
                late_fee_kind = excluded.late_fee_kind, late_fee_value = excluded.late_fee_value,
                late_fee_after_step = excluded.late_fee_after_step, late_fee_mode = excluded.late_fee_mode,
                updated_at = excluded.updated_at
            """, arguments: [settings.companyId, settings.enabled, settings.schedule, settings.lateFeeKind, settings.lateFeeValue,
                             settings.lateFeeAfterStep, settings.lateFeeMode, settings.updatedAt])
    }

    /// An invoice's reminder steps, in step order.
    public static func log(_ db: Database, companyId: Int64, invoiceId: Int64) throws -> [ReminderLogRecord] {
        try ReminderLogRecord.fetchAllCached(db, sql: """
            SELECT * FROM reminder_log WHERE company_id = ? AND invoice_id = ? ORDER BY step
            """, arguments: [companyId, invoiceId])
    }

    public static func insertLog(_ db: Database, _ entry: inout ReminderLogRecord) throws {
        try entry.insert(db)
    }

    /// For `ez360 reminders run` only (every company with reminders on): ids of the invoices
    /// still owed (sent or partially paid) whose client has an email address.
    public static func candidates(_ db: Database, companyId: Int64? = nil) throws -> [(id: Int64, companyId: Int64)] {
        try Row.fetchAll(db, sql: """
            SELECT invoices.id, invoices.company_id FROM invoices
            JOIN reminder_settings ON reminder_settings.company_id = invoices.company_id AND reminder_settings.enabled = 1
            JOIN clients ON clients.id = invoices.client_id
            WHERE invoices.status IN ('sent', 'partially_paid') AND clients.email <> '' AND clients.deleted_at IS NULL
              AND (? IS NULL OR invoices.company_id = ?)
            ORDER BY invoices.company_id, invoices.due_date, invoices.id
            """, arguments: [companyId, companyId]).map { ($0[0], $0[1]) }
    }

    public static func lateFee(_ db: Database, invoiceId: Int64) throws -> LateFeeRecord? {
        try LateFeeRecord.fetchOne(db, sql: "SELECT * FROM late_fees WHERE invoice_id = ?", arguments: [invoiceId])
    }

    /// Whether the invoice is itself a late-fee invoice (which never gets a fee of its own).
    public static func isLateFeeInvoice(_ db: Database, invoiceId: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM late_fees WHERE fee_invoice_id = ?)",
                          arguments: [invoiceId]) ?? false
    }

    public static func insertLateFee(_ db: Database, _ fee: LateFeeRecord) throws {
        var fee = fee
        try fee.insert(db)
    }
}
