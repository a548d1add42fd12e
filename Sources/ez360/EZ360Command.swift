import App
import ArgumentParser
import Foundation
import Store

@main
struct EZ360Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ez360",
        abstract: "Administer an EZ360PM installation.",
        discussion: "Settings come from the environment (EZ360_DATA_DIR, EZ360_ENV, …); see docs/operations.md.",
        version: AppConfig.version,
        subcommands: [MigrateCommand.self, UserCommand.self, CompanyCommand.self, SeedCommand.self, SchemaCommand.self,
                      OutboxCommand.self, RecurringCommand.self, RemindersCommand.self, BenchCommand.self])
}

/// Options every command shares: where the data lives.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (default: $EZ360_DATA_DIR or var/data).")
    var dataDirectory: String?

    var config: AppConfig {
        var config = AppConfig.fromEnvironment()
        if let dataDirectory { config.dataDirectory = dataDirectory }
        return config
    }

    func openDatabase() throws -> AppDatabase {
        try AppDatabase(dataDirectory: config.dataDirectory, readers: 2)
    }

    /// The app on a database that must be fully migrated: the CLI never writes to a stale schema.
    func openApp() throws -> EZ360App {
        let database = try openDatabase()
        let status = try database.migrationStatus()
        guard status == .current else { throw CLIError("The database is \(status.summary).") }
        return EZ360App(database: database, config: config)
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Turns use-case errors into the one-line messages a sysadmin reads.
func explain(_ error: Error) -> Error {
    switch error {
    case AppError.invalid(let errors): CLIError(errors.messages.map(\.message).joined(separator: " "))
    case AppError.conflict(let message): CLIError(message)
    case AppError.notFound: CLIError("Not found.")
    default: error
    }
}
