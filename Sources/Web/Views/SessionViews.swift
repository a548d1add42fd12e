import Foundation
import Store

enum SessionViews {
    static func index(_ sessions: [SessionRecord], _ context: RequestContext) -> HTML {
        let current = context.signedIn?.sessionId
        let rows: [[HTML]] = sessions.map { session in
            let id = session.id ?? 0
            let device: HTML = id == current
                ? "\(UserAgentSummary.describe(session.userAgent)) <span class=\"badge\">This device</span>"
                : "\(UserAgentSummary.describe(session.userAgent))"
            let action: HTML = id == current ? "<span class=\"muted\">Use “Sign out”</span>"
                : Components.postButton("Sign out", action: "/account/sessions/\(id)/revoke", context, style: "link-button")
            return [device, "\(session.ip.isEmpty ? "—" : session.ip)", "\(TimeText.utc(session.createdAt))",
                    "\(TimeText.utc(session.lastSeenAt))", action]
        }
        let others = sessions.filter { $0.id != current }.count
        let everywhere: HTML = others > 0
            ? Components.postButton("Sign out everywhere else", action: "/account/sessions/revoke-others", context,
                                    style: "button danger", confirm: "Sign out your \(others) other session(s)?")
            : HTML()
        let table = Components.table(caption: "Your sessions",
                                     headers: [("Device", false), ("IP address", false), ("Signed in", false),
                                               ("Last seen", false), ("", false)],
                                     rows: rows)
        return Layout.page("Your sessions", context, body: """
            <div class="page-header"><h1>Your sessions</h1><div class="actions"><a class="button" href="/account/password">Change password</a> <a class="button" href="/account/two-factor">Two-factor authentication</a> \(everywhere)</div></div>
            <p class="muted">Where you are signed in to \(context.signedIn?.company.name ?? ""). A session ends after \
            \(Int(context.app.config.sessionIdleTimeout / 60)) minutes without activity, and \
            \(Int(context.app.config.sessionAbsoluteTimeout / 3600)) hours after signing in in any case. If you do not \
            recognise one, sign it out and change your password.</p>
            \(table)
            """)
    }
}
