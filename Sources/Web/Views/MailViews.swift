import Domain
import Foundation
import Store

enum MailViews {
    static func deadLetters(_ page: Page<OutboxMessageRecord>, _ context: RequestContext) -> HTML {
        let title = "Undelivered mail"
        let intro: HTML = """
            <p class="muted">Messages the outbox gave up on after every retry (dead letters). \
            Check the recipient and the last error; Replay sends a message again from the start.</p>

            """
        let listing: HTML
        if page.items.isEmpty {
            listing = Components.emptyState("No undelivered mail. Every message has been sent or is still being retried.")
        } else {
            let rows: [[HTML]] = page.items.map { message in
                let recipient: HTML = message.toName.isEmpty ? "\(message.toAddress)" : "\(message.toName) &lt;\(message.toAddress)&gt;"
                return ["\(message.subject)", recipient, "\(String(message.attempts))",
                        "<span class=\"multiline\">\(message.lastError)</span>",
                        "\(DisplayDate.dayAndTime(message.createdAt))",
                        "\(message.deadAt.map(DisplayDate.dayAndTime) ?? "")",
                        Components.postButton("Replay", action: "/mail/dead-letters/\(message.id ?? 0)/replay", context,
                                              style: "button")]
            }
            listing = Components.table(caption: title,
                                       headers: [("Subject", false), ("Recipient", false), ("Attempts", true),
                                                 ("Last error", false), ("Queued", false), ("Given up", false), ("Action", false)],
                                       rows: rows)
                + Components.pagination(page, path: "/mail/dead-letters", query: [])
        }
        let count: HTML = "<p class=\"muted\">\(String(page.totalCount)) undelivered \(page.totalCount == 1 ? "message" : "messages")</p>\n"
        return Layout.page(title, context, body: """
            <div class="page-header"><h1>\(title)</h1></div>
            \(intro)\(count)\(listing)
            """)
    }
}

extension DisplayDate {
    /// "Nov 22, 2026 at 14:05 UTC".
    static func dayAndTime(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
        style.timeZone = TimeZone(identifier: "UTC") ?? .current
        style.locale = Locale(identifier: "en_US_POSIX")
        return date.formatted(style) + " UTC"
    }
}
