import Domain
import Foundation
import GRDB
import Store

/// Everything the project page shows, read in one snapshot (`ProjectService.page`): four
/// separate reads, each looking the project up again, were a third of the page.
public struct ProjectPage: Sendable {
    public let detail: ProjectDetail
    public let time: ProjectTime
    /// The live services for the timer's Start buttons; empty when the actor does not track time.
    public let services: [(id: Int64, name: String)]
    /// Nil when the actor may not see expenses.
    public let expenses: ProjectExpenseTotals?
    /// The project's newest invoices (`invoiceLimit` of them) and how many it has in all;
    /// nil when the actor may not see invoices.
    public let invoices: Page<InvoiceSummary>?

    public static let invoiceLimit = 10
}

extension ProjectService {
    /// The project page; `.notFound` for another company's project. Sections the actor's role
    /// may not see are nil or empty rather than an error.
    public func page(_ id: Int64, for actor: Actor) throws -> ProjectPage {
        try require(.viewProjects, actor)
        let companyId = actor.companyId
        return try database.read { db in
            guard let project = try ProjectQueries.find(db, companyId: companyId, id: id),
                  let client = try ClientQueries.find(db, companyId: companyId, id: project.clientId)
            else { throw AppError.notFound }
            let totals = try TimeQueries.projectTotals(db, companyId: companyId, projectId: id)
            let expenses = try ExpenseQueries.projectTotals(db, companyId: companyId, projectId: id)
            let usage = ProjectBudgetUsage(minutesLogged: totals.reduce(0) { $0 + $1.minutes },
                                           billableAmountCents: totals.reduce(0) { $0 + $1.amountCents },
                                           expenseCents: expenses.amountCents)
            let detail = ProjectDetail(project: project, client: client,
                                       members: try ProjectQueries.members(db, companyId: companyId, projectId: id), usage: usage)
            let invoices = Permission.viewInvoices.isGranted(to: actor.role)
                ? try InvoiceQueries.page(db, companyId: companyId, filter: InvoiceListFilter(projectId: id),
                                          page: PageRequest(number: 1, size: ProjectPage.invoiceLimit))
                : nil
            return ProjectPage(
                detail: detail,
                time: ProjectTime(recent: try TimeQueries.recentForProject(db, companyId: companyId, projectId: id), totals: totals,
                                  unbilled: try TimeQueries.unbilledTotals(db, companyId: companyId, projectId: id)),
                services: Permission.trackTime.isGranted(to: actor.role) ? try CatalogQueries.liveServices(db, companyId: companyId) : [],
                expenses: Permission.viewExpenses.isGranted(to: actor.role) ? expenses : nil,
                invoices: invoices)
        }
    }
}
