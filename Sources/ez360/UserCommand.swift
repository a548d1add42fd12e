import App
import ArgumentParser
import Domain
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.",
                                                    subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user as a member of a company (the company is created when it does not exist).",
            discussion: """
                The password is read from standard input with --password-stdin, asked for twice on a terminal, \
                or else generated and printed once. The user's email counts as verified: the sysadmin vouches \
                for it (docs/security.md, email verification gate).
                """)

        @OptionGroup var data: DataOptions
        @Option(help: "The user's email address (their sign-in name).") var email: String
        @Option(help: "The company's name.") var company: String
        @Option(help: "owner, admin, manager, staff or viewer.") var role: String
        @Option(help: "The name shown in the app.") var name: String = ""
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: \(Role.allCases.reversed().map(\.rawValue).joined(separator: ", ")).")
            }
        }

        func run() throws {
            let app = try data.openApp()
            let (password, generated) = try obtainPassword()
            do {
                let created = try app.identity.createUser(email: email, password: password, companyName: company,
                                                          role: Role(rawValue: role) ?? .viewer, displayName: name)
                if created.companyWasCreated { print("Created company \(created.company.name).") }
                print("Created \(created.user.email) as \(created.role.rawValue) of \(created.company.name).")
                if generated { print("Password: \(password)") }
            } catch {
                throw explain(error)
            }
        }

        private func obtainPassword() throws -> (String, Bool) {
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw CLIError("--password-stdin: no password on standard input.")
                }
                return (line, false)
            }
            if isatty(0) == 1 {
                let first = String(cString: getpass("Password (empty to generate one): "))
                if first.isEmpty { return (SecureRandom.password(), true) }
                let second = String(cString: getpass("Password again: "))
                guard first == second else { throw CLIError("The passwords do not match.") }
                return (first, false)
            }
            return (SecureRandom.password(), true)
        }
    }
}

struct CompanyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "company", abstract: "Manage companies.",
                                                    subcommands: [List.self, SetSettings.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the companies.")
        @OptionGroup var data: DataOptions

        func run() throws {
            for company in try data.openApp().identity.companies() {
                print("\(company.id ?? 0)\t\(company.name)\tseats=\(company.seatLimit)\t\(company.currency)")
            }
        }
    }

    struct SetSettings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a company's settings.")
        @OptionGroup var data: DataOptions
        @Option(help: "The company's name.") var company: String
        @Option(help: "How many members the company may have.") var seats: Int?
        @Option(name: .customLong("require-2fa"),
                help: "on|off: owners, admins and managers must use two-factor sign-in.") var requireTwoFactor: String?

        func validate() throws {
            guard seats != nil || requireTwoFactor != nil else { throw ValidationError("Give --seats or --require-2fa.") }
            if let requireTwoFactor, !["on", "off"].contains(requireTwoFactor) {
                throw ValidationError("--require-2fa takes on or off.")
            }
        }

        func run() throws {
            do {
                let app = try data.openApp()
                if let seats {
                    let updated = try app.identity.setSeats(companyName: company, seats: seats)
                    print("\(updated.name) now has \(updated.seatLimit) seats.")
                }
                if let requireTwoFactor {
                    let updated = try app.twoFactor.setPolicy(companyName: company, required: requireTwoFactor == "on")
                    print("\(updated.name): two-factor sign-in for owner, admin and manager is \(updated.requireTwoFactor ? "required" : "optional").")
                }
            } catch {
                throw explain(error)
            }
        }
    }
}
