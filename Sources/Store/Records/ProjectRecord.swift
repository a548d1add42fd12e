import Domain
import Foundation
import GRDB

/// A project (`projects`) for one client of the company. Members are in `project_members`.
public struct ProjectRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "projects"

    public var id: Int64?
    public var companyId: Int64
    public var clientId: Int64
    public var name: String
    public var code: String?
    public var billingType: ProjectBillingType
    public var hourlyRateCents: Int64?
    public var fixedFeeCents: Int64?
    public var budgetMinutes: Int64?
    public var budgetAmountCents: Int64?
    public var status: ProjectStatus
    public var notes: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, companyId: Int64, clientId: Int64, name: String, code: String? = nil,
                billingType: ProjectBillingType, hourlyRateCents: Int64? = nil, fixedFeeCents: Int64? = nil,
                budgetMinutes: Int64? = nil, budgetAmountCents: Int64? = nil, status: ProjectStatus = .active,
                notes: String = "", createdAt: Date, updatedAt: Date) {
        self.id = id
        self.companyId = companyId
        self.clientId = clientId
        self.name = name
        self.code = code
        self.billingType = billingType
        self.hourlyRateCents = hourlyRateCents
        self.fixedFeeCents = fixedFeeCents
        self.budgetMinutes = budgetMinutes
        self.budgetAmountCents = budgetAmountCents
        self.status = status
        self.notes = notes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public init(row: Row) throws {
        id = row["id"]
        companyId = row["company_id"]
        clientId = row["client_id"]
        name = row["name"]
        code = row["code"]
        billingType = ProjectBillingType(rawValue: row["billing_type"]) ?? .nonBillable
        hourlyRateCents = row["hourly_rate_cents"]
        fixedFeeCents = row["fixed_fee_cents"]
        budgetMinutes = row["budget_minutes"]
        budgetAmountCents = row["budget_amount_cents"]
        status = ProjectStatus(rawValue: row["status"]) ?? .active
        notes = row["notes"]
        createdAt = DatabaseDate.decodeRequired(row, "created_at")
        updatedAt = DatabaseDate.decodeRequired(row, "updated_at")
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A project as the list shows it, with its client's name (one join, no N+1).
public struct ProjectSummary: Sendable, Identifiable, Equatable {
    public var id: Int64
    public var name: String
    public var code: String?
    public var clientId: Int64
    public var clientName: String
    public var billingType: ProjectBillingType
    public var status: ProjectStatus

    public init(id: Int64, name: String, code: String?, clientId: Int64, clientName: String,
                billingType: ProjectBillingType, status: ProjectStatus) {
        self.id = id
        self.name = name
        self.code = code
        self.clientId = clientId
        self.clientName = clientName
        self.billingType = billingType
        self.status = status
    }

    init(row: Row) {
        id = row["id"]
        name = row["name"]
        code = row["code"]
        clientId = row["client_id"]
        clientName = row["client_name"]
        billingType = ProjectBillingType(rawValue: row["billing_type"]) ?? .nonBillable
        status = ProjectStatus(rawValue: row["status"]) ?? .active
    }
}

/// What a project has used against its budget (`ProjectQueries.budgetUsage`): time logged and
/// its billable amount, and expenses (zero until expenses exist).
public struct ProjectBudgetUsage: Sendable, Equatable {
    public var minutesLogged: Int64
    public var billableAmountCents: Int64
    public var expenseCents: Int64

    public init(minutesLogged: Int64, billableAmountCents: Int64, expenseCents: Int64) {
        self.minutesLogged = minutesLogged
        self.billableAmountCents = billableAmountCents
        self.expenseCents = expenseCents
    }

    /// Money used against an amount budget: billable time plus expenses.
    public var amountUsedCents: Int64 { billableAmountCents + expenseCents }
}
