import Domain
import Foundation
import GRDB

/// A recurring invoice template (table `recurring_templates`): what `ez360 recurring run`
/// issues an invoice from on each date of its schedule. Dates are `YYYY-MM-DD` text.
public struct RecurringTemplateRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "recurring_templates"

    public enum Mode: String, Sendable, Codable, CaseIterable {
        /// Each occurrence becomes a draft invoice for someone to check and send.
        case draft
        /// Each occurrence is sent (numbered, posted, mailed) straight away.
        case send

        public var label: String { self == .draft ? "Create a draft" : "Send automatically" }
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case active, paused
    }

    public var id: Int64?
    public var companyId: Int64
    public var clientId: Int64
    public var name: String
    public var frequency: RecurrenceFrequency
    public var startDate: String
    public var endDate: String?
    /// The next occurrence not issued yet; nil once the schedule has ended.
    public var nextRunOn: String?
    public var mode: Mode
    public var paymentTermsDays: Int
    public var discountKind: String
    public var discountValue: Int64
    public var notes: String
    public var terms: String
    public var status: Status
    public var deletedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, companyId: Int64, clientId: Int64, name: String, frequency: RecurrenceFrequency,
                startDate: String, endDate: String? = nil, nextRunOn: String?, mode: Mode, paymentTermsDays: Int,
                discountKind: String = "none", discountValue: Int64 = 0, notes: String = "", terms: String = "",
                status: Status = .active, deletedAt: Date? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.companyId = companyId
        self.clientId = clientId
        self.name = name
        self.frequency = frequency
        self.startDate = startDate
        self.endDate = endDate
        self.nextRunOn = nextRunOn
        self.mode = mode
        self.paymentTermsDays = paymentTermsDays
        self.discountKind = discountKind
        self.discountValue = discountValue
        self.notes = notes
        self.terms = terms
        self.status = status
        self.deletedAt = deletedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var schedule: RecurrenceSchedule? {
        guard let start = CalendarDate(parsing: startDate) else { return nil }
        return RecurrenceSchedule(frequency: frequency, start: start, end: endDate.flatMap(CalendarDate.init(parsing:)))
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One line of a template (table `recurring_template_lines`), copied onto each invoice.
public struct RecurringTemplateLineRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "recurring_template_lines"

    public var id: Int64?
    public var templateId: Int64
    public var position: Int
    public var description: String
    public var quantityThousandths: Int64
    public var unitPriceCents: Int64
    public var taxName: String
    public var taxMilliPercent: Int
    public var catalogItemId: Int64?

    public init(id: Int64? = nil, templateId: Int64, position: Int, description: String, quantityThousandths: Int64,
                unitPriceCents: Int64, taxName: String = "", taxMilliPercent: Int = 0, catalogItemId: Int64? = nil) {
        self.id = id
        self.templateId = templateId
        self.position = position
        self.description = description
        self.quantityThousandths = quantityThousandths
        self.unitPriceCents = unitPriceCents
        self.taxName = taxName
        self.taxMilliPercent = taxMilliPercent
        self.catalogItemId = catalogItemId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One issued occurrence of a template (table `recurring_runs`).
public struct RecurringRunRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "recurring_runs"

    public var id: Int64?
    public var companyId: Int64
    public var templateId: Int64
    public var occurrenceDate: String
    /// nil when the draft it created was later deleted (the occurrence stays issued).
    public var invoiceId: Int64?
    public var createdAt: Date

    public init(id: Int64? = nil, companyId: Int64, templateId: Int64, occurrenceDate: String, invoiceId: Int64?,
                createdAt: Date) {
        self.id = id
        self.companyId = companyId
        self.templateId = templateId
        self.occurrenceDate = occurrenceDate
        self.invoiceId = invoiceId
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A company's payment reminder settings (table `reminder_settings`).
public struct ReminderSettingsRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "reminder_settings"

    public var companyId: Int64
    public var enabled: Bool
    public var schedule: String
    /// `none`, `fixed` (value in cents) or `percentage` (thousandths of a percent of the balance due).
    public var lateFeeKind: String
    public var lateFeeValue: Int64
    public var lateFeeAfterStep: Int?
    /// `draft` or `send`: what happens to the late-fee invoice.
    public var lateFeeMode: String
    public var updatedAt: Date

    public init(companyId: Int64, enabled: Bool, schedule: String, lateFeeKind: String = "none", lateFeeValue: Int64 = 0,
                lateFeeAfterStep: Int? = nil, lateFeeMode: String = "draft", updatedAt: Date) {
        self.companyId = companyId
        self.enabled = enabled
        self.schedule = schedule
        self.lateFeeKind = lateFeeKind
        self.lateFeeValue = lateFeeValue
        self.lateFeeAfterStep = lateFeeAfterStep
        self.lateFeeMode = lateFeeMode
        self.updatedAt = updatedAt
    }
}

/// One reminder step of one invoice (table `reminder_log`).
public struct ReminderLogRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "reminder_log"

    public enum Status: String, Sendable, Codable {
        case sent, skipped
    }

    public var id: Int64?
    public var companyId: Int64
    public var invoiceId: Int64
    public var step: Int
    public var status: Status
    public var sentAt: Date
    public var outboxMessageId: Int64?

    public init(id: Int64? = nil, companyId: Int64, invoiceId: Int64, step: Int, status: Status, sentAt: Date,
                outboxMessageId: Int64? = nil) {
        self.id = id
        self.companyId = companyId
        self.invoiceId = invoiceId
        self.step = step
        self.status = status
        self.sentAt = sentAt
        self.outboxMessageId = outboxMessageId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The late fee billed for an overdue invoice, on a new invoice (table `late_fees`).
public struct LateFeeRecord: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "late_fees"

    public var invoiceId: Int64
    public var companyId: Int64
    public var feeInvoiceId: Int64?
    public var step: Int
    public var amountCents: Int64
    public var createdAt: Date

    public init(invoiceId: Int64, companyId: Int64, feeInvoiceId: Int64?, step: Int, amountCents: Int64, createdAt: Date) {
        self.invoiceId = invoiceId
        self.companyId = companyId
        self.feeInvoiceId = feeInvoiceId
        self.step = step
        self.amountCents = amountCents
        self.createdAt = createdAt
    }
}

/// A template as the list shows it.
public struct RecurringTemplateSummary: Sendable, Identifiable, Equatable {
    public var id: Int64
    public var name: String
    public var clientName: String
    public var frequency: RecurrenceFrequency
    public var mode: RecurringTemplateRecord.Mode
    public var status: RecurringTemplateRecord.Status
    public var nextRunOn: String?
    public var endDate: String?
    public var runCount: Int

    public init(id: Int64, name: String, clientName: String, frequency: RecurrenceFrequency,
                mode: RecurringTemplateRecord.Mode, status: RecurringTemplateRecord.Status, nextRunOn: String?,
                endDate: String?, runCount: Int) {
        self.id = id
        self.name = name
        self.clientName = clientName
        self.frequency = frequency
        self.mode = mode
        self.status = status
        self.nextRunOn = nextRunOn
        self.endDate = endDate
        self.runCount = runCount
    }
}
