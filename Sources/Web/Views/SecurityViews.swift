import Domain
import Foundation
import Store

/// The owner and admin security pages: login lockouts and CSP reports.
enum SecurityViews {
    static func tabs(_ context: RequestContext, current: String) -> HTML {
        let items: [(String, String, Permission)] = [("Login lockouts", "/security/lockouts", .manageLockouts),
                                                      ("CSP reports", "/security/csp-reports", .viewCSPReports)]
        let role = context.signedIn?.role ?? .viewer
        let links: [HTML] = items.filter { $0.2.isGranted(to: role) }.map { label, path, _ in
            path == current ? "<a href=\"\(path)\" aria-current=\"page\">\(label)</a> " : "<a href=\"\(path)\">\(label)</a> "
        }
        return "<nav class=\"subnav\" aria-label=\"Security\">\(links)</nav>\n"
    }

    static func lockouts(_ locked: [LoginThrottleRecord], now: Date, _ context: RequestContext) -> HTML {
        let listing: HTML
        if locked.isEmpty {
            listing = Components.emptyState("No account or address is locked out of signing in.")
        } else {
            let rows: [[HTML]] = locked.map { row in
                let until = row.lockedUntil ?? now
                let unlock: HTML = """
                    <form method="post" action="/security/lockouts/unlock" class="inline">\(Components.csrfField(context))\
                    <input type="hidden" name="kind" value="\(row.kind.rawValue)"><input type="hidden" name="key" value="\(row.key)">\
                    <button type="submit" class="button">Unlock</button></form>
                    """
                return [row.kind == .account ? "Account" : "IP address", "\(row.key)", "\(row.failures)",
                        "\(TimeText.utc(until)) (in \(TimeText.remaining(from: now, to: until)))", unlock]
            }
            listing = Components.table(caption: "Locked out",
                                       headers: [("Kind", false), ("Email or address", false), ("Failures", true),
                                                 ("Locked until", false), ("", false)],
                                       rows: rows)
        }
        return Layout.page("Login lockouts", context, body: """
            <div class="page-header"><h1>Login lockouts</h1></div>
            \(tabs(context, current: "/security/lockouts"))<p class="muted">After 5 failed sign-ins an account, or an \
            address, is locked for 1 minute, doubling with each further failure up to an hour. Listed here: locks on your \
            members’ accounts, and on addresses their sign-ins failed from. Unlocking forgets the failures.</p>
            \(listing)
            """)
    }

    static func cspReports(_ reports: [CSPReportRecord], _ context: RequestContext) -> HTML {
        let listing: HTML
        if reports.isEmpty {
            listing = Components.emptyState("No Content-Security-Policy violations have been reported.")
        } else {
            let rows: [[HTML]] = reports.map { report in
                ["\(TimeText.utc(report.createdAt))", "<code>\(report.violatedDirective)</code>",
                 "\(report.blockedUri)", "\(report.documentUri)", "\(UserAgentSummary.describe(report.userAgent))"]
            }
            listing = Components.table(caption: "CSP reports",
                                       headers: [("Time", false), ("Directive", false), ("Blocked", false),
                                                 ("Page", false), ("Browser", false)],
                                       rows: rows)
        }
        return Layout.page("CSP reports", context, body: """
            <div class="page-header"><h1>CSP reports</h1></div>
            \(tabs(context, current: "/security/csp-reports"))<p class="muted">What browsers refused to load or run on \
            this site’s pages because of its Content-Security-Policy, newest first (the newest 1,000 are kept). A burst \
            usually means a browser extension; a steady stream from one page, a bug or an injection attempt.</p>
            \(listing)
            """)
    }
}
