import Foundation
import Store

/// The use cases, wired to one database, clock and configuration. Built once per process.
public final class EZ360App: Sendable {
    public let database: AppDatabase
    public let config: AppConfig
    public let clock: Clock

    public let auth: AuthService
    public let identity: IdentityService
    public let clients: ClientService
    public let taxRates: TaxRateService
    public let companyProfile: CompanyProfileService
    public let catalog: CatalogService
    public let projects: ProjectService
    public let invoices: InvoiceService
    public let time: TimeService
    public let expenses: ExpenseService
    public let estimates: EstimateService
    public let recurring: RecurringService
    public let reminders: ReminderService
    public let sessions: SessionService
    public let lockouts: LockoutService
    public let cspReports: CSPReportService
    public let auditLog: AuditLogService
    public let outbox: OutboxService
    public let twoFactor: TwoFactorService
    public let invitations: InvitationService
    public let memberships: MembershipService
    public let signup: SignupService
    public let passwordChange: PasswordChangeService
    public let emailVerification: EmailVerificationService
    public let passwordReset: PasswordResetService
    /// Private uploaded files under `$EZ360_DATA_DIR/media` (receipts).
    public let media: MediaStore

    public init(database: AppDatabase, config: AppConfig, clock: Clock = .system) {
        self.database = database
        self.config = config
        self.clock = clock
        self.auth = AuthService(database: database, clock: clock, config: config)
        self.identity = IdentityService(database: database, clock: clock, config: config)
        self.clients = ClientService(database: database, clock: clock)
        self.taxRates = TaxRateService(database: database, clock: clock)
        self.companyProfile = CompanyProfileService(database: database, clock: clock)
        self.catalog = CatalogService(database: database, clock: clock)
        self.projects = ProjectService(database: database, clock: clock)
        self.time = TimeService(database: database, clock: clock)
        self.sessions = SessionService(database: database, clock: clock, config: config)
        self.lockouts = LockoutService(database: database, clock: clock)
        self.cspReports = CSPReportService(database: database, clock: clock)
        self.auditLog = AuditLogService(database: database)
        self.outbox = OutboxService(database: database, clock: clock)
        self.twoFactor = TwoFactorService(database: database, clock: clock, config: config)
        self.invitations = InvitationService(database: database, clock: clock, config: config, outbox: outbox)
        self.memberships = MembershipService(database: database, clock: clock)
        self.signup = SignupService(database: database, clock: clock, config: config)
        self.passwordChange = PasswordChangeService(database: database, clock: clock, config: config)
        self.emailVerification = EmailVerificationService(database: database, clock: clock, config: config, outbox: outbox)
        self.invoices = InvoiceService(database: database, clock: clock, config: config, outbox: outbox)
        self.estimates = EstimateService(database: database, clock: clock, config: config, outbox: outbox, invoices: invoices)
        self.recurring = RecurringService(database: database, clock: clock, invoices: invoices)
        self.reminders = ReminderService(database: database, clock: clock, invoices: invoices, outbox: outbox)
        self.passwordReset = PasswordResetService(database: database, clock: clock, config: config, outbox: outbox)
        self.media = MediaStore(dataDirectory: config.dataDirectory)
        self.expenses = ExpenseService(database: database, clock: clock, media: media)
    }

    /// Database health for /healthz: a real query, not a static answer.
    public func databaseIsHealthy() -> Bool {
        (try? database.ping()) != nil
    }
}
