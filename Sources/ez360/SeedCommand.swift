import App
import ArgumentParser
import Domain
import Foundation
import Ops

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Fill a database with sample data.",
                                                    subcommands: [Demo.self, Clients.self, BillingBench.self])

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seed the demo company (only into a database with no users) and print its owner's login.")
        @OptionGroup var data: DataOptions
        @Option(help: "Also write `EMAIL PASSWORD` to this file (mode 0600).") var loginFile: String?
        @Flag(help: "Do nothing (and succeed) when the database already has users.") var ifEmpty = false

        func run() throws {
            let app = try data.openApp()
            guard try app.identity.isEmpty() else {
                if ifEmpty {
                    print("The database already has users; not seeding the demo.")
                    return
                }
                throw CLIError("The database already has users; the demo is only seeded into an empty one.")
            }
            let login = try DemoSeed(database: app.database, config: app.config).run()
            print("Demo company \(DemoSeed.companyName) seeded.")
            print("Sign in as: \(login.email)  password: \(login.password)")
            if let loginFile {
                let written = FileManager.default.createFile(atPath: loginFile, contents: Data("\(login.email) \(login.password)\n".utf8),
                                                             attributes: [.posixPermissions: 0o600])
                if !written { throw CLIError("Could not write \(loginFile).") }
            }
        }
    }

    struct Clients: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add N generated clients to a company (for benchmarks).")
        @OptionGroup var data: DataOptions
        @Option(help: "The company's name.") var company: String
        @Option(help: "How many clients.") var count: Int = 10_000

        func run() throws {
            let app = try data.openApp()
            guard let companyId = try app.identity.companies().first(where: { $0.name == company })?.id else {
                throw CLIError("No company named \(company).")
            }
            let drafts = GeneratedClients.drafts(count: count)
            let added = try app.clients.importClients(drafts, by: .system(companyId: companyId, requestId: "seed"))
            print("Added \(added) clients to \(company).")
        }
    }

    struct BillingBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "billing-bench",
            abstract: "Add clients, invoices and approved time to a company with no invoices yet (make bench).",
            discussion: "Bulk inserts, not the use cases (see BillingBenchSeed): seconds for bench volume.")
        @OptionGroup var data: DataOptions
        @Option(help: "The company's name.") var company: String
        @Option(help: "How many clients.") var clients: Int = 2_000
        @Option(help: "How many invoices (5 lines each).") var invoices: Int = 20_000
        @Option(help: "How many time entries in all.") var timeEntries: Int = 200_000
        @Option(help: "How many of them on the big project.") var projectEntries: Int = 5_000

        func run() throws {
            let app = try data.openApp()
            guard let companyId = try app.identity.companies().first(where: { $0.name == company })?.id else {
                throw CLIError("No company named \(company).")
            }
            let started = Date()
            let result = try BillingBenchSeed(app: app, companyId: companyId).run(
                .init(clients: clients, invoices: invoices, timeEntries: timeEntries, projectEntries: projectEntries))
            print("Seeded \(company): \(clients) clients, \(result.invoices) invoices, \(result.timeEntries) time entries;"
                  + " big project \(result.bigProjectId) (\(projectEntries) unbilled entries) in"
                  + " \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        }
    }
}

