import ArgumentParser
import Store

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring the database schema up to date (the service runs this before starting).")

    @OptionGroup var data: DataOptions

    @Flag(help: "Only report whether the database is current; exit 1 when it is not.")
    var check = false

    func run() throws {
        let database = try data.openDatabase()
        if check {
            let status = try database.migrationStatus()
            print("Database \(database.path) is \(status.summary).")
            if status != .current { throw ExitCode(1) }
            return
        }
        let applied = try database.migrate()
        if applied.isEmpty {
            print("Database \(database.path) is up to date.")
        } else {
            for identifier in applied { print("Applied \(identifier)") }
        }
    }
}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the schema of a migrated database (what Sources/Store/schema.sql holds).")

    @OptionGroup var data: DataOptions

    func run() throws {
        print(try data.openDatabase().schemaSQL(), terminator: "")
    }
}
