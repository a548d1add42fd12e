import GRDB

/// Every migration, in order. `ez360 migrate` is the only caller of `migrate`; the server
/// only checks `status`.
public enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(M20261122Platform.identifier, migrate: M20261122Platform.migrate)
        migrator.registerMigration(M20261122Outbox.identifier, migrate: M20261122Outbox.migrate)
        migrator.registerMigration(M20261122Security.identifier, migrate: M20261122Security.migrate)
        migrator.registerMigration(M20261122Invitations.identifier, migrate: M20261122Invitations.migrate)
        migrator.registerMigration(M20261122TwoFactor.identifier, migrate: M20261122TwoFactor.migrate)
        migrator.registerMigration(M20261122ClientCounts.identifier, migrate: M20261122ClientCounts.migrate)
        migrator.registerMigration(M20261130Catalog.identifier, migrate: M20261130Catalog.migrate)
        migrator.registerMigration(M20261130Invoices.identifier, migrate: M20261130Invoices.migrate)
        migrator.registerMigration(M20261130Time.identifier, migrate: M20261130Time.migrate)
        migrator.registerMigration(M20261130Expenses.identifier, migrate: M20261130Expenses.migrate)
        migrator.registerMigration(M20261130Estimates.identifier, migrate: M20261130Estimates.migrate)
        migrator.registerMigration(M20261130Recurring.identifier, migrate: M20261130Recurring.migrate)
        migrator.registerMigration(M20261130CompanyProfile.identifier, migrate: M20261130CompanyProfile.migrate)
        migrator.registerMigration(M20261130BillingListCounts.identifier, migrate: M20261130BillingListCounts.migrate)
        migrator.registerMigration(M20261130ProjectTimeTotals.identifier, migrate: M20261130ProjectTimeTotals.migrate)
        migrator.registerMigration(M20261130InvoiceProjects.identifier, migrate: M20261130InvoiceProjects.migrate)
        migrator.registerMigration(M20261130ProjectUnbilledTotals.identifier, migrate: M20261130ProjectUnbilledTotals.migrate)
        return migrator
    }

    public static var identifiers: [String] { migrator.migrations }
}

/// Where a database stands against the migrations this binary knows.
public enum MigrationStatus: Equatable, Sendable {
    case current
    /// Migrations this binary has that the database has not run: run `ez360 migrate`.
    case behind(missing: [String])
    /// Migrations the database has run that this binary does not know: an older binary on a
    /// newer database, which must not write to it.
    case ahead(unknown: [String])

    public var summary: String {
        switch self {
        case .current: "up to date"
        case .behind(let missing): "behind the code: \(missing.count) migration(s) to run (\(missing.joined(separator: ", "))); run `ez360 migrate`"
        case .ahead(let unknown): "ahead of the code: it has migration(s) this binary does not know (\(unknown.joined(separator: ", "))); deploy the newer binary"
        }
    }
}
