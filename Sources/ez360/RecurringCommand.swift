import App
import ArgumentParser
import Domain
import Foundation

/// `ez360 recurring run`: issue the recurring invoices that are due (ez360-recurring.timer
/// runs it daily). Idempotent: a second run on the same day creates nothing.
struct RecurringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recurring", abstract: "Issue recurring invoices.", subcommands: [Run.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create (and, for templates that send automatically, send) every recurring invoice due by today.",
            discussion: "Safe to run again: each occurrence is issued once. Exits non-zero when a template failed.")
        @OptionGroup var data: DataOptions
        @Option(help: "Run as of this day (YYYY-MM-DD) instead of today (UTC).") var date: String?

        func validate() throws {
            if let date, CalendarDate(parsing: date) == nil { throw ValidationError("--date must be a date like 2026-11-30.") }
        }

        func run() throws {
            let app = try data.openApp()
            let summary = try app.recurring.runDue(today: jobDate(date))
            print("Recurring: \(summary)")
            if !summary.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

/// `ez360 reminders run`: queue the payment reminders that are due (ez360-reminders.timer
/// runs it daily). A step is never mailed twice.
struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Send payment reminders.", subcommands: [Run.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue the payment reminders (and bill the late fees) due by today; `ez360 outbox deliver` sends them.",
            discussion: "Safe to run again: each reminder step of an invoice is sent once. Exits non-zero when an invoice failed.")
        @OptionGroup var data: DataOptions
        @Option(help: "Run as of this day (YYYY-MM-DD) instead of today (UTC).") var date: String?

        func validate() throws {
            if let date, CalendarDate(parsing: date) == nil { throw ValidationError("--date must be a date like 2026-11-30.") }
        }

        func run() throws {
            let app = try data.openApp()
            let summary = try app.reminders.runDue(today: jobDate(date))
            print("Reminders: \(summary)")
            if !summary.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

/// `--date`, else today's UTC calendar day.
func jobDate(_ text: String?) -> CalendarDate {
    if let text, let date = CalendarDate(parsing: text) { return date }
    return CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
}
