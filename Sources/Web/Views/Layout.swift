import App
import Domain

/// The page shell: head, navigation, flash, main, footer. Every page goes through here, so
/// assets, the skip link and the signed-in chrome are in one place.
enum Layout {
    static func page(_ title: String, _ context: RequestContext, body: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · EZ360PM</title>
        <link rel="stylesheet" href="/assets/app.css?v=\(context.app.config.version)">
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
        <script src="/assets/app.js?v=\(context.app.config.version)" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to content</a>
        \(topbar(context))
        <main id="main" class="container">
        \(flash(context.flash))\(body)
        </main>
        <footer class="footer"><p>EZ360PM \(context.app.config.version)</p></footer>
        </body>
        </html>
        """
    }

    /// The sign-in page and other pages for people who are not signed in.
    static func bare(_ title: String, _ context: RequestContext, body: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · EZ360PM</title>
        <link rel="stylesheet" href="/assets/app.css?v=\(context.app.config.version)">
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
        </head>
        <body class="auth-body">
        <main id="main" class="auth">
        \(flash(context.flash))\(body)
        </main>
        </body>
        </html>
        """
    }

    static let navigation: [(label: String, path: String, permission: Permission)] = [
        ("Dashboard", "/", .signedIn),
        ("Clients", "/clients", .viewClients),
        ("Projects", "/projects", .viewProjects),
        ("Time", "/time", .viewTime),
        ("Approvals", "/approvals", .approveTime),
        ("Expenses", "/expenses", .viewExpenses),
        ("Catalog", "/catalog", .signedIn),
        ("Tax rates", "/settings/tax-rates", .signedIn),
        ("Company", "/settings/company", .manageCompany),
        ("Estimates", "/estimates", .viewEstimates),
        ("Invoices", "/invoices", .viewInvoices),
        ("Recurring", "/recurring", .viewInvoices),
        ("Security", "/security/lockouts", .manageLockouts),
        ("Audit log", "/audit", .viewAuditLog),
        ("Mail", "/mail/dead-letters", .manageMail),
        ("Members", "/members", .manageMembers),
    ]

    static func topbar(_ context: RequestContext) -> HTML {
        guard let signedIn = context.signedIn else {
            return "<header class=\"topbar\"><a class=\"brand\" href=\"/\">EZ360PM</a></header>"
        }
        let links: [HTML] = navigation.filter { $0.permission.isGranted(to: signedIn.role) }.map { item in
            let current = item.path == "/" ? context.currentPath == "/" : context.currentPath.hasPrefix(item.path)
            return current ? "<a href=\"\(item.path)\" aria-current=\"page\">\(item.label)</a> "
                : "<a href=\"\(item.path)\">\(item.label)</a> "
        }
        return """
            <header class="topbar"><a class="brand" href="/">EZ360PM</a>
            <nav class="nav" aria-label="Main">\(links)</nav>
            \(timer(signedIn, context))
            <div class="nav-user"><span class="nav-company">\(signedIn.company.name)</span> <a class="nav-email" href="/account/sessions" title="Your sessions">\(signedIn.user.email)</a>
            <form method="post" action="/logout" class="inline">\(Components.csrfField(context))<button type="submit" class="link-button">Sign out</button></form></div>
            </header>
            """
    }

    /// The running timer (from the session lookup's own row: no query here) with a Stop
    /// button, or a link to start one. app.js ticks the elapsed time from data-started-at;
    /// without JavaScript the start time shows.
    static func timer(_ signedIn: SignedIn, _ context: RequestContext) -> HTML {
        guard Permission.trackTime.isGranted(to: signedIn.role) else { return HTML() }
        guard let timer = signedIn.runningTimer else {
            return "<div class=\"nav-timer\"><a href=\"/timer/new\">Start timer</a></div>"
        }
        let started = TimeText.utc(timer.startedAt)
        let epoch = String(Int64(timer.startedAt.timeIntervalSince1970))
        return """
            <div class="nav-timer" role="status"><span class="timer-dot" aria-hidden="true"></span> <a href="/projects/\(timer.projectId)">\(timer.projectName)</a> · \(timer.serviceName) · <span class="timer-elapsed" data-started-at="\(epoch)">since \(started)</span> \
            <form method="post" action="/timer/stop" class="inline">\(Components.csrfField(context))<button type="submit" class="button small">Stop</button></form></div>
            """
    }

    static func flash(_ flash: Flash?) -> HTML {
        guard let flash else { return HTML() }
        switch flash.kind {
        case .success: return "<div class=\"flash flash-success\" role=\"status\">\(flash.message)</div>\n"
        case .info: return "<div class=\"flash flash-info\" role=\"status\">\(flash.message)</div>\n"
        case .error: return "<div class=\"flash flash-error\" role=\"alert\">\(flash.message)</div>\n"
        }
    }
}
