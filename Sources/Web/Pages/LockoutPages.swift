import App
import Domain
import Foundation
import Store

/// Login lockouts that concern the company, and lifting them.
enum LockoutPages {
    /// GET /security/lockouts — Permission: manageLockouts.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let locked = try context.app.lockouts.locked(for: context.actor())
        return .html(SecurityViews.lockouts(locked, now: context.app.clock.now(), context))
    }

    /// POST /security/lockouts/unlock (kind, key) — Permission: manageLockouts. 303 → the list;
    /// a lock that is not in force or not the company's → 404.
    static func unlock(_ request: Request, _ context: RequestContext) throws -> Response {
        let form = try request.form()
        guard let kind = LoginThrottleKind(rawValue: form["kind"] ?? ""), let key = form["key"], !key.isEmpty,
              key.utf8.count <= 300
        else { throw RequestError.badRequest("Choose a lockout to lift from the list.") }
        try context.app.lockouts.unlock(kind: kind, key: key, by: context.actor())
        context.setFlash(.success, kind == .account ? "Sign-in for \(key) is unlocked." : "Sign-in from \(key) is unlocked.")
        return .seeOther("/security/lockouts")
    }
}
