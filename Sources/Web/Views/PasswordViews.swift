import App

/// Forgot / reset password, and the email verification pages.
enum PasswordViews {
    static func forgot(email: String, _ context: RequestContext) -> HTML {
        Layout.bare("Forgot your password?", context, body: """
            <div class="card"><h1>Forgot your password?</h1>
            <p>Enter your email: if it belongs to an account, we send a link to choose a new password.</p>
            <form class="form" method="post" action="/password/forgot" novalidate>\(Components.csrfField(context))
            \(Components.field("Email", name: "email", value: email, kind: .email, required: true, autocomplete: "username"))\
            <div class="form-actions"><button class="button primary" type="submit">Send the link</button></div>
            </form><p><a href="/login">Back to sign in</a></p></div>
            """)
    }

    static func reset(token: String, error: String?, _ context: RequestContext) -> HTML {
        let errorHTML: HTML = error.map { "<div class=\"flash flash-error\" role=\"alert\">\($0)</div>" } ?? HTML()
        return Layout.bare("Choose a new password", context, body: """
            <div class="card"><h1>Choose a new password</h1>\(errorHTML)
            <form class="form" method="post" action="/password/reset/\(token)" novalidate>\(Components.csrfField(context))
            \(Components.field("New password", name: "password", value: "", kind: .password,
                               hint: "At least \(PasswordPolicy.minimumLength) characters; not a common password.",
                               required: true, autocomplete: "new-password"))\
            <div class="form-actions"><button class="button primary" type="submit">Change the password</button></div>
            </form></div>
            """)
    }

    static func verifyEmail(email: String, verified: Bool, _ context: RequestContext) -> HTML {
        let body: HTML = verified
            ? "<p>Your email address \(email) is verified.</p><p><a href=\"/\">Continue</a></p>"
            : """
                <p>Before you continue, verify your email address \(email): open the link we mailed you.</p>
                <form method="post" action="/verify-email/resend">\(Components.csrfField(context))
                <button class="button primary" type="submit">Send a new link</button></form>
                <form method="post" action="/logout">\(Components.csrfField(context))
                <button class="button" type="submit">Sign out</button></form>
                """
        return Layout.bare("Verify your email", context, body: "<div class=\"card\"><h1>Verify your email</h1>\(body)</div>")
    }

    static func confirmVerification(token: String, _ context: RequestContext) -> HTML {
        Layout.bare("Verify your email", context, body: """
            <div class="card"><h1>Verify your email</h1>
            <form method="post" action="/verify-email/\(token)">\(Components.csrfField(context))
            <button class="button primary" type="submit">Confirm my email address</button></form></div>
            """)
    }
}
