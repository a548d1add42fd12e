import App
import Domain

/// The company policy "require 2FA for owner, admin and manager": such a user without 2FA is
/// sent to enrolment before anything else. Signing out and the enrolment routes stay reachable.
enum TwoFactorGate {
    static let reachable: Set<String> = ["/logout", "/account/two-factor", "/account/two-factor/start"]

    /// Where to send the request instead, or nil to let it through.
    static func redirect(_ signedIn: SignedIn, route: Route, app: EZ360App) throws -> String? {
        guard signedIn.company.requireTwoFactor, TwoFactorService.policyApplies(to: signedIn.role),
              !reachable.contains(route.pattern), let userId = signedIn.user.id,
              try !app.twoFactor.isEnabled(userId: userId) else { return nil }
        return TwoFactorPages.path
    }
}
