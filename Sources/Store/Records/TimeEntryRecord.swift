import Domain
import Foundation
import GRDB

/// One sitting of work (`time_entries`): a person's minutes on a project's service on a day.
/// The service name and the rate are snapshots taken when the entry was made.
public struct TimeEntryRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "time_entries"

    public var id: Int64?
    public var companyId: Int64
    public var userId: Int64
    public var projectId: Int64
    public var catalogItemId: Int64
    public var serviceName: String
    public var rateCents: Int64
    /// "YYYY-MM-DD".
    public var workDate: String
    /// The ISO Monday of `workDate`'s week, "YYYY-MM-DD".
    public var weekStart: String
    public var minutes: Int
    public var startedAt: Date?
    public var endedAt: Date?
    public var notes: String
    public var billable: Bool
    public var status: TimeEntryStatus
    public var rejectionReason: String?
    public var submittedAt: Date?
    public var approvedBy: Int64?
    public var approvedAt: Date?
    /// Set by invoicing: the entry is then invoiced and locked (triggers).
    public var invoiceLineId: Int64?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, companyId: Int64, userId: Int64, projectId: Int64, catalogItemId: Int64,
                serviceName: String, rateCents: Int64, workDate: String, weekStart: String, minutes: Int,
                startedAt: Date? = nil, endedAt: Date? = nil, notes: String = "", billable: Bool,
                status: TimeEntryStatus = .draft, rejectionReason: String? = nil, submittedAt: Date? = nil,
                approvedBy: Int64? = nil, approvedAt: Date? = nil, invoiceLineId: Int64? = nil,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.companyId = companyId
        self.userId = userId
        self.projectId = projectId
        self.catalogItemId = catalogItemId
        self.serviceName = serviceName
        self.rateCents = rateCents
        self.workDate = workDate
        self.weekStart = weekStart
        self.minutes = minutes
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.notes = notes
        self.billable = billable
        self.status = status
        self.rejectionReason = rejectionReason
        self.submittedAt = submittedAt
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.invoiceLineId = invoiceLineId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isInvoiced: Bool { invoiceLineId != nil }

    /// Minutes × rate, rounded half up to the cent; zero when not billable.
    public var amountCents: Int64 { billable ? TimeEntryRecord.amount(minutes: Int64(minutes), rateCents: rateCents) : 0 }

    public static func amount(minutes: Int64, rateCents: Int64) -> Int64 { (minutes * rateCents + 30) / 60 }

    /// Decoded by hand, as the other hot records: GRDB's Codable path with snake_case
    /// conversion was more than half of the project page, which lists 20 entries (`make bench`).
    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        userId = row["user_id"]
        projectId = row["project_id"]
        catalogItemId = row["catalog_item_id"]
        serviceName = row["service_name"]
        rateCents = row["rate_cents"]
        workDate = row["work_date"]
        weekStart = row["week_start"]
        minutes = row["minutes"]
        startedAt = DatabaseDate.decode(row, "started_at")
        endedAt = DatabaseDate.decode(row, "ended_at")
        notes = row["notes"]
        billable = row["billable"]
        guard let status = TimeEntryStatus(rawValue: row["status"]) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown time entry status")
        }
        self.status = status
        rejectionReason = row["rejection_reason"]
        submittedAt = DatabaseDate.decode(row, "submitted_at")
        approvedBy = row["approved_by"]
        approvedAt = DatabaseDate.decode(row, "approved_at")
        invoiceLineId = row["invoice_line_id"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
    }

    /// The columns `init(positionalRow:)` reads, in its order (qualified, for joins).
    static let positionalColumns = """
        time_entries.id, time_entries.company_id, time_entries.user_id, time_entries.project_id, \
        time_entries.catalog_item_id, time_entries.service_name, time_entries.rate_cents, time_entries.work_date, \
        time_entries.week_start, time_entries.minutes, time_entries.started_at, time_entries.ended_at, time_entries.notes, \
        time_entries.billable, time_entries.status, time_entries.rejection_reason, time_entries.submitted_at, \
        time_entries.approved_by, time_entries.approved_at, time_entries.invoice_line_id, time_entries.created_at, \
        time_entries.updated_at
        """
    static let positionalColumnCount = 22

    /// Decoded by position from a row that starts with `positionalColumns` (the week page),
    /// rather than looking 22 columns up by name.
    init(positionalRow row: Row) throws {
        id = row[0]
        companyId = row[1]
        userId = row[2]
        projectId = row[3]
        catalogItemId = row[4]
        serviceName = row[5]
        rateCents = row[6]
        workDate = row[7]
        weekStart = row[8]
        minutes = row[9]
        startedAt = DatabaseDate.decode(row, 10)
        endedAt = DatabaseDate.decode(row, 11)
        notes = row[12]
        billable = row[13]
        guard let status = TimeEntryStatus(rawValue: row[14]) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown time entry status")
        }
        self.status = status
        rejectionReason = row[15]
        submittedAt = DatabaseDate.decode(row, 16)
        approvedBy = row[17]
        approvedAt = DatabaseDate.decode(row, 18)
        invoiceLineId = row[19]
        createdAt = DatabaseDate.decodeRequired(row, 20)
        updatedAt = DatabaseDate.decodeRequired(row, 21)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An entry as the project page lists it (`TimeQueries.recentForProject`).
public struct RecentTimeEntry: Sendable, Equatable {
    public let id: Int64
    public let workDate: String
    public let personName: String
    public let serviceName: String
    public let minutes: Int
    public let status: TimeEntryStatus
    public let isInvoiced: Bool
}

/// An entry as the week page lists it, with project and person names (one join).
public struct TimeEntryRow: Sendable, Equatable {
    public var entry: TimeEntryRecord
    public var projectName: String
    public var personName: String
}

/// The running timer of one person (`running_timers`): at most one per person and company.
public struct RunningTimerRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "running_timers"

    public var id: Int64?
    public var companyId: Int64
    public var userId: Int64
    public var projectId: Int64
    public var catalogItemId: Int64
    public var notes: String
    public var startedAt: Date

    public init(id: Int64? = nil, companyId: Int64, userId: Int64, projectId: Int64, catalogItemId: Int64,
                notes: String = "", startedAt: Date) {
        self.id = id
        self.companyId = companyId
        self.userId = userId
        self.projectId = projectId
        self.catalogItemId = catalogItemId
        self.notes = notes
        self.startedAt = startedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The running timer as the navigation bar shows it, decoded from the session lookup's row.
public struct RunningTimerSummary: Sendable, Equatable {
    public let projectId: Int64
    public let projectName: String
    public let serviceName: String
    public let startedAt: Date

    public init(projectId: Int64, projectName: String, serviceName: String, startedAt: Date) {
        self.projectId = projectId
        self.projectName = projectName
        self.serviceName = serviceName
        self.startedAt = startedAt
    }
}
