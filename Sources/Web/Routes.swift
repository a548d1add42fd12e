import Domain

/// Every route of the application, in one table: method, pattern, permission, handler.
/// A test walks it: every route declares a permission, and every unsafe route refuses a
/// missing CSRF token, a foreign Origin and an anonymous caller.
public enum Routes {
    public static let all: [Route] = [
        Route("GET", "/healthz", .anonymous, kind: .json, HealthPages.healthz),
        Route("GET", "/ping", .anonymous, HealthPages.ping),

        Route("GET", "/login", .anonymous, SignInPage.get),
        Route("POST", "/login", .anonymous, SignInPage.post),
        Route("POST", "/logout", .signedIn, SignInPage.logout),
        Route("GET", "/signup", .anonymous, SignupPage.get),
        Route("POST", "/signup", .anonymous, SignupPage.post),
        Route("GET", "/login/two-factor", .anonymous, SecondFactorPage.get),
        Route("POST", "/login/two-factor", .anonymous, SecondFactorPage.post),
        Route("GET", "/account/two-factor", .signedIn, TwoFactorPages.show),
        Route("POST", "/account/two-factor", .signedIn, TwoFactorPages.confirm),
        Route("POST", "/account/two-factor/start", .signedIn, TwoFactorPages.start),
        Route("POST", "/account/two-factor/disable", .signedIn, TwoFactorPages.disable),

        // Invitations, email verification and password reset (issue 3, points 2-4).
        Route("GET", "/members", .manageMembers, MemberPages.index),
        Route("POST", "/members/invitations", .manageMembers, MemberPages.invite),
        Route("POST", "/members/{id}/role", .manageMembers, MemberPages.changeRole),
        Route("GET", "/invitations/{token}", .anonymous, InvitationPages.show),
        Route("POST", "/invitations/{token}", .anonymous, InvitationPages.accept),
        Route("GET", "/verify-email", .signedIn, VerifyEmailPages.index),
        Route("POST", "/verify-email/resend", .signedIn, VerifyEmailPages.resend),
        Route("GET", "/verify-email/{token}", .signedIn, VerifyEmailPages.show),
        Route("POST", "/verify-email/{token}", .signedIn, VerifyEmailPages.confirm),
        Route("GET", "/password/forgot", .anonymous, PasswordResetPages.forgot),
        Route("POST", "/password/forgot", .anonymous, PasswordResetPages.requestLink),
        Route("GET", "/password/reset/{token}", .anonymous, PasswordResetPages.show),
        Route("POST", "/password/reset/{token}", .anonymous, PasswordResetPages.reset),

        Route("GET", "/account/password", .signedIn, PasswordChangePage.get),
        Route("POST", "/account/password", .signedIn, PasswordChangePage.post),
        Route("GET", "/account/sessions", .signedIn, SessionPages.index),
        Route("POST", "/account/sessions/{id}/revoke", .signedIn, SessionPages.revoke),
        Route("POST", "/account/sessions/revoke-others", .signedIn, SessionPages.revokeOthers),

        // Browsers post CSP reports on their own, without cookies or a token: the one route
        // without a CSRF check (RouteTableTests allows exactly this one).
        Route("POST", "/csp-report", .anonymous, kind: .json, csrf: .exempt, CSPReportPages.receive),
        Route("GET", "/security/csp-reports", .viewCSPReports, CSPReportPages.index),
        Route("GET", "/security/lockouts", .manageLockouts, LockoutPages.index),
        Route("POST", "/security/lockouts/unlock", .manageLockouts, LockoutPages.unlock),
        Route("GET", "/audit", .viewAuditLog, AuditLogPage.get),

        Route("GET", "/", .signedIn, HomePage.get),

        Route("GET", "/clients", .viewClients, ClientPages.index),
        Route("GET", "/clients/new", .editClients, ClientPages.new),
        Route("POST", "/clients", .editClients, ClientPages.create),
        Route("GET", "/clients/{id}", .viewClients, ClientPages.show),
        Route("GET", "/clients/{id}/edit", .editClients, ClientPages.edit),
        Route("POST", "/clients/{id}/edit", .editClients, ClientPages.update),
        Route("POST", "/clients/{id}/delete", .deleteClients, ClientPages.delete),
        Route("POST", "/clients/{id}/restore", .deleteClients, ClientPages.restore),

        // Billing foundation (issue 4, points 1-2): tax rates, the catalog, projects.
        Route("GET", "/settings/company", .manageCompany, CompanyProfilePages.edit),
        Route("POST", "/settings/company", .manageCompany, CompanyProfilePages.update),
        Route("GET", "/settings/tax-rates", .signedIn, TaxRatePages.index),
        Route("GET", "/settings/tax-rates/new", .manageTaxRates, TaxRatePages.new),
        Route("POST", "/settings/tax-rates", .manageTaxRates, TaxRatePages.create),
        Route("GET", "/settings/tax-rates/{id}/edit", .manageTaxRates, TaxRatePages.edit),
        Route("POST", "/settings/tax-rates/{id}/edit", .manageTaxRates, TaxRatePages.update),
        Route("POST", "/settings/tax-rates/{id}/archive", .manageTaxRates, TaxRatePages.archive),
        Route("POST", "/settings/tax-rates/{id}/restore", .manageTaxRates, TaxRatePages.restore),

        Route("GET", "/catalog", .signedIn, CatalogPages.index),
        Route("GET", "/catalog/new", .manageCatalog, CatalogPages.new),
        Route("POST", "/catalog", .manageCatalog, CatalogPages.create),
        Route("GET", "/catalog/{id}/edit", .manageCatalog, CatalogPages.edit),
        Route("POST", "/catalog/{id}/edit", .manageCatalog, CatalogPages.update),
        Route("POST", "/catalog/{id}/archive", .manageCatalog, CatalogPages.archive),
        Route("POST", "/catalog/{id}/restore", .manageCatalog, CatalogPages.restore),

        Route("GET", "/projects", .viewProjects, ProjectPages.index),
        Route("GET", "/projects/new", .editProjects, ProjectPages.new),
        Route("POST", "/projects", .editProjects, ProjectPages.create),
        Route("GET", "/projects/{id}", .viewProjects, ProjectPages.show),
        Route("GET", "/projects/{id}/edit", .editProjects, ProjectPages.edit),
        Route("POST", "/projects/{id}/edit", .editProjects, ProjectPages.update),
        Route("POST", "/projects/{id}/status", .editProjects, ProjectPages.setStatus),
        Route("GET", "/projects/{id}/invoice", .editInvoices, InvoiceFromWorkPages.new),
        Route("POST", "/projects/{id}/invoice", .editInvoices, InvoiceFromWorkPages.create),
        // Invoices (issue 4, point 6).
        Route("GET", "/invoices", .viewInvoices, InvoicePages.index),
        Route("GET", "/invoices/new", .editInvoices, InvoicePages.new),
        Route("POST", "/invoices", .editInvoices, InvoicePages.create),
        Route("GET", "/invoices/{id}", .viewInvoices, InvoicePages.show),
        Route("GET", "/invoices/{id}/edit", .editInvoices, InvoicePages.edit),
        Route("POST", "/invoices/{id}/edit", .editInvoices, InvoicePages.update),
        Route("POST", "/invoices/{id}/send", .sendInvoices, InvoicePages.send),
        Route("POST", "/invoices/{id}/void", .voidInvoices, InvoicePages.void),
        Route("POST", "/invoices/{id}/delete", .editInvoices, InvoicePages.delete),
        Route("GET", "/invoices/{id}/pdf", .viewInvoices, InvoicePages.pdf),
        Route("GET", "/invoices/{id}/print", .viewInvoices, InvoicePages.print),
        // Recurring invoices (issue 4, point 7) and payment reminders (point 9).
        Route("GET", "/recurring", .viewInvoices, RecurringPages.index),
        Route("GET", "/recurring/new", .editInvoices, RecurringPages.new),
        Route("POST", "/recurring", .editInvoices, RecurringPages.create),
        Route("GET", "/recurring/{id}", .viewInvoices, RecurringPages.show),
        Route("GET", "/recurring/{id}/edit", .editInvoices, RecurringPages.edit),
        Route("POST", "/recurring/{id}/edit", .editInvoices, RecurringPages.update),
        Route("POST", "/recurring/{id}/pause", .editInvoices, RecurringPages.pause),
        Route("POST", "/recurring/{id}/resume", .editInvoices, RecurringPages.resume),
        Route("POST", "/recurring/{id}/delete", .editInvoices, RecurringPages.delete),
        Route("GET", "/settings/reminders", .manageReminders, ReminderSettingsPages.show),
        Route("POST", "/settings/reminders", .manageReminders, ReminderSettingsPages.update),
        // The client's link from the invoice email: the random token is the capability.
        Route("GET", "/i/{token}", .anonymous, InvoicePages.publicShow),
        Route("GET", "/i/{token}/pdf", .anonymous, InvoicePages.publicPDF),

        // Time (issue 4, point 3): entries, the weekly approval, the timer.
        Route("GET", "/time", .viewTime, TimePages.index),
        Route("GET", "/time/new", .trackTime, TimePages.new),
        Route("POST", "/time", .trackTime, TimePages.create),
        Route("POST", "/time/week/submit", .trackTime, TimePages.submitWeek),
        Route("GET", "/time/{id}/edit", .trackTime, TimePages.edit),
        Route("POST", "/time/{id}/edit", .trackTime, TimePages.update),
        Route("POST", "/time/{id}/delete", .trackTime, TimePages.delete),
        Route("GET", "/approvals", .approveTime, TimePages.approvals),
        Route("POST", "/approvals/approve", .approveTime, TimePages.approve),
        Route("POST", "/approvals/reject", .approveTime, TimePages.reject),
        Route("GET", "/timer/new", .trackTime, TimePages.newTimer),
        Route("POST", "/timer/start", .trackTime, TimePages.startTimer),
        Route("POST", "/timer/stop", .trackTime, TimePages.stopTimer),
        Route("POST", "/timer/discard", .trackTime, TimePages.discardTimer),

        // Expenses (issue 4, point 4). Staff change only their own (the service checks).
        Route("GET", "/expenses", .viewExpenses, ExpensePages.index),
        Route("GET", "/expenses/new", .recordExpenses, ExpensePages.new),
        Route("POST", "/expenses", .recordExpenses, ExpensePages.create),
        Route("GET", "/expenses/{id}", .viewExpenses, ExpensePages.show),
        Route("GET", "/expenses/{id}/receipt", .viewExpenses, ExpensePages.receipt),
        Route("GET", "/expenses/{id}/edit", .recordExpenses, ExpensePages.edit),
        Route("POST", "/expenses/{id}/edit", .recordExpenses, ExpensePages.update),
        Route("POST", "/expenses/{id}/delete", .recordExpenses, ExpensePages.delete),
        Route("POST", "/expenses/{id}/restore", .recordExpenses, ExpensePages.restore),
        // Estimates (issue 4, point 5).
        Route("GET", "/estimates", .viewEstimates, EstimatePages.index),
        Route("GET", "/estimates/new", .editEstimates, EstimatePages.new),
        Route("POST", "/estimates", .editEstimates, EstimatePages.create),
        Route("GET", "/estimates/{id}", .viewEstimates, EstimatePages.show),
        Route("GET", "/estimates/{id}/edit", .editEstimates, EstimatePages.edit),
        Route("POST", "/estimates/{id}/edit", .editEstimates, EstimatePages.update),
        Route("POST", "/estimates/{id}/send", .sendEstimates, EstimatePages.send),
        Route("POST", "/estimates/{id}/convert", .editEstimates, EstimatePages.convert),
        Route("POST", "/estimates/{id}/delete", .editEstimates, EstimatePages.delete),
        Route("GET", "/estimates/{id}/pdf", .viewEstimates, EstimatePages.pdf),
        // The client's link from the estimate email: the token is the capability; the answers
        // are public POSTs with the visitor's double-submit CSRF token, rate limited by nginx.
        Route("GET", "/e/{token}", .anonymous, EstimatePages.publicShow),
        Route("GET", "/e/{token}/pdf", .anonymous, EstimatePages.publicPDF),
        Route("POST", "/e/{token}/accept", .anonymous, EstimatePages.accept),
        Route("POST", "/e/{token}/decline", .anonymous, EstimatePages.decline),

        Route("GET", "/api/clients/{id}", .viewClients, kind: .json, ClientPages.apiShow),

        Route("GET", "/mail/dead-letters", .manageMail, MailPages.deadLetters),
        Route("POST", "/mail/dead-letters/{id}/replay", .manageMail, MailPages.replay),
    ]
}
