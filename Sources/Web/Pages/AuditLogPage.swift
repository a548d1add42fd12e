import App
import Domain
import Foundation
import Store

/// GET /audit?action=&user=&from=&to=&page= — Permission: viewAuditLog (owners). The company's
/// audit log, newest first, 50 a page. Dates are whole UTC days, `to` included. A malformed
/// filter → 422 with the form and its message, no rows.
enum AuditLogPage {
    struct Query {
        var action = ""
        var user = ""
        var from = ""
        var to = ""
    }

    static func get(_ request: Request, _ context: RequestContext) throws -> Response {
        let query = Query(action: String((request.query["action"] ?? "").prefix(100)),
                          user: String((request.query["user"] ?? "").prefix(20)),
                          from: String((request.query["from"] ?? "").prefix(20)),
                          to: String((request.query["to"] ?? "").prefix(20)))
        let actor = try context.actor()
        switch filter(from: query) {
        case .success(let filter):
            let listing = try context.app.auditLog.list(for: actor, filter: filter, page: PageRequest(query: request.query["page"]))
            return .html(AuditLogViews.index(query, listing: listing, errors: ValidationErrors(), context))
        case .failure(let errors):
            let choices = try context.app.auditLog.choices(for: actor)
            return .html(AuditLogViews.index(query, actions: choices.actions, members: choices.members, errors: errors,
                                             context), status: 422)
        }
    }

    static func filter(from query: Query) -> Result<AuditLogFilter, ValidationErrors> {
        var errors = ValidationErrors()
        var filter = AuditLogFilter()
        let action = query.action.trimmingCharacters(in: .whitespaces)
        if !action.isEmpty { filter.action = action }
        if !query.user.isEmpty {
            if let id = Int64(query.user), id > 0 { filter.userId = id } else { errors.add("user", "Choose a user from the list.") }
        }
        if !query.from.isEmpty {
            if let day = day(query.from) { filter.from = day } else { errors.add("from", "Enter the start date as YYYY-MM-DD.") }
        }
        if !query.to.isEmpty {
            if let day = day(query.to) { filter.before = day.addingTimeInterval(86_400) } else { errors.add("to", "Enter the end date as YYYY-MM-DD.") }
        }
        if let from = filter.from, let before = filter.before, before <= from {
            errors.add("to", "The end date must be on or after the start date.")
        }
        return errors.isEmpty ? .success(filter) : .failure(errors)
    }

    /// Midnight UTC of a `YYYY-MM-DD` day; nil for anything else (including 2026-02-30).
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              (1...9999).contains(year), (1...12).contains(month), (1...31).contains(dayOfMonth)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: dayOfMonth)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == dayOfMonth, calendar.component(.month, from: date) == month
        else { return nil }
        return date
    }
}
