import App
import Domain

/// The 2FA enrolment page, the recovery codes (shown once) and the sign-in code step.
enum TwoFactorViews {
    static func page(_ status: TwoFactorService.Status, codeError: String?, _ context: RequestContext) -> HTML {
        let body: HTML
        if status.enabled {
            body = """
                <p>Two-factor sign-in is <strong>on</strong>. Unused recovery codes: \(status.unusedRecoveryCodes).</p>
                <h2>Turn it off</h2>
                <form class="form" method="post" action="/account/two-factor/disable" novalidate>\(Components.csrfField(context))\
                \(Components.field("Password", name: "password", value: "", kind: .password, required: true, autocomplete: "current-password"))\
                \(Components.field("Code from your app", name: "code", value: "", error: codeError, required: true, autocomplete: "one-time-code"))\
                <div class="form-actions"><button class="button danger" type="submit">Turn off two-factor sign-in</button></div></form>
                """
        } else if let secret = status.pendingSecret, let email = context.signedIn?.user.email {
            let uri = TOTP.provisioningURI(secret: secret, account: email)
            let qr = QRCodeSVG.svg(uri, label: "QR code for your authenticator app") ?? HTML()
            body = """
                <p>Scan this code with an authenticator app (FreeOTP, Aegis, Google Authenticator…), then type the 6 digits it shows.</p>
                <div class="qr">\(qr)</div>
                <p>Or enter this key by hand: <code class="totp-secret">\(Base32.encode(secret))</code></p>
                <p>Setup link: <code class="otpauth-uri">\(uri)</code></p>
                <form class="form" method="post" action="/account/two-factor" novalidate>\(Components.csrfField(context))\
                \(Components.field("Code from your app", name: "code", value: "", error: codeError, required: true, autocomplete: "one-time-code"))\
                <div class="form-actions"><button class="button primary" type="submit">Turn on two-factor sign-in</button></div></form>
                """
        } else {
            let required: HTML = (context.signedIn.map { $0.company.requireTwoFactor && TwoFactorService.policyApplies(to: $0.role) } ?? false)
                ? "<div class=\"flash flash-info\" role=\"status\">Your company requires two-factor sign-in for your role: set it up to continue.</div>"
                : HTML()
            body = """
                \(required)<p>Two-factor sign-in is <strong>off</strong>. With it on, signing in needs your password and a code from an app on your phone.</p>
                \(Components.postButton("Set up two-factor sign-in", action: "/account/two-factor/start", context, style: "button primary"))
                """
        }
        return Layout.page("Two-factor sign-in", context, body: "<h1>Two-factor sign-in</h1>\(body)")
    }

    static func recoveryCodes(_ codes: [String], _ context: RequestContext) -> HTML {
        let items: [HTML] = codes.map { "<li><code class=\"recovery-code\">\($0)</code></li>" }
        return Layout.page("Recovery codes", context, body: """
            <h1>Two-factor sign-in is on</h1>
            <p>Keep these recovery codes somewhere safe. Each works once, instead of a code from your app. They are shown only now.</p>
            <ul class="recovery-codes">\(items)</ul>
            <p><a class="button" href="/">Continue</a></p>
            """)
    }

    static func signInStep(error: String?, _ context: RequestContext) -> HTML {
        let errorHTML: HTML = error.map { "<div class=\"flash flash-error\" role=\"alert\">\($0)</div>" } ?? HTML()
        return Layout.bare("Sign in: code", context, body: """
            <div class="card"><h1>Enter your code</h1>\(errorHTML)
            <form class="form" method="post" action="/login/two-factor" novalidate>\(Components.csrfField(context))\
            \(Components.field("Code from your app, or a recovery code", name: "code", value: "", required: true, autocomplete: "one-time-code"))\
            <div class="form-actions"><button class="button primary" type="submit">Sign in</button></div>
            </form></div>
            """)
    }
}
