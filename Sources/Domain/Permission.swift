/// What a route needs. Every route in the route table declares one; the permission matrix in
/// docs/security.md is this type written out.
public enum Permission: String, CaseIterable, Sendable {
    /// Anyone, signed in or not (sign-in page, health check).
    case anonymous
    /// Any signed-in member of the company, whatever the role.
    case signedIn
    case viewClients
    case editClients
    case deleteClients
    /// The invoice list, detail, PDF and print view.
    case viewInvoices
    /// Create, edit and delete draft invoices.
    case editInvoices
    /// Send an invoice: it gets its number, is locked, posted and mailed to the client.
    case sendInvoices
    /// Void a sent invoice (no money applied yet): a reversing accounting event.
    case voidInvoices
    /// The estimate list, detail and PDF.
    case viewEstimates
    /// Create, edit and delete draft estimates; convert an accepted estimate into an invoice
    /// draft (which also needs `editInvoices`).
    case editEstimates
    /// Send an estimate: it gets its number, is locked and mailed with the client's link.
    case sendEstimates
    /// See the company's undelivered mail (dead letters) and send it again.
    case manageMail
    /// See login lockouts (accounts and IPs) of the company's members and lift them.
    case manageLockouts
    /// See the Content-Security-Policy violation reports browsers sent.
    case viewCSPReports
    /// Read the company's audit log.
    case viewAuditLog
    /// See the company's members and invite people (only owners may invite owners).
    case manageMembers
    /// See projects: the list, a project's billing, budget and members (everyone signed in).
    case viewProjects
    /// Create and edit projects, set their billing, budget and members, move their status.
    case editProjects
    /// Add, edit, archive and restore catalog items (services and products). Reading the
    /// catalog (for pickers) needs only `signedIn`.
    case manageCatalog
    /// Add, edit, archive tax rates and choose the default. Reading them needs only `signedIn`.
    case manageTaxRates
    /// See your own week of time (`/time`); read-only for a viewer, who tracks no time.
    case viewTime
    /// Track your own time: entries, the timer, submitting your week.
    case trackTime
    /// Approve or reject submitted weeks, and edit anyone's draft entries.
    case approveTime
    /// See expenses: the list, an expense and its receipt (everyone signed in).
    case viewExpenses
    /// Record expenses, and edit or delete the ones you recorded yourself (not once invoiced).
    case recordExpenses
    /// Edit, delete and restore anyone's expenses. Not a route permission: the expense
    /// service checks it when someone changes an expense they did not record.
    case manageExpenses
    /// Set the company's payment reminder schedule and late fee (issue 4, point 9).
    case manageReminders
    /// How the company appears on its documents: address, tax id, payment instructions,
    /// logo, and how long estimates stay valid (`/settings/company`).
    case manageCompany

    /// The lowest role that holds the permission; nil for `.anonymous`.
    public var minimumRole: Role? {
        switch self {
        case .anonymous: nil
        case .signedIn, .viewClients: .viewer
        case .editClients: .staff
        case .deleteClients: .manager
        case .viewInvoices: .viewer
        case .editInvoices: .staff
        case .sendInvoices: .manager
        case .voidInvoices: .admin
        case .viewEstimates: .viewer
        case .editEstimates: .staff
        case .sendEstimates: .manager
        case .manageMail: .admin
        case .manageLockouts, .viewCSPReports: .admin
        case .viewAuditLog: .owner
        case .manageMembers: .admin
        case .viewProjects: .viewer
        case .editProjects: .manager
        case .manageCatalog, .manageTaxRates, .manageReminders, .manageCompany: .admin
        case .viewTime: .viewer
        case .trackTime: .staff
        case .approveTime: .manager
        case .viewExpenses: .viewer
        case .recordExpenses: .staff
        case .manageExpenses: .manager
        }
    }

    public func isGranted(to role: Role) -> Bool {
        guard let minimumRole else { return true }
        return role >= minimumRole
    }
}
