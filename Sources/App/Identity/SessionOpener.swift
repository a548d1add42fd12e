import Domain
import Foundation
import GRDB
import Store

/// Opens a fresh session (a new token) for a user in a company inside the caller's
/// transaction: accepting an invitation signs the new member in this way.
enum SessionOpener {
    static func open(_ db: Database, user: UserRecord, company: CompanyRecord, role: Role, ip: String, userAgent: String,
                     now: Date, config: AppConfig) throws -> NewSession {
        guard let userId = user.id, let companyId = company.id else { throw AppError.notFound }
        let token = SecureRandom.token()
        var session = SessionRecord(tokenHash: TokenHash.sha256Hex(token), userId: userId, companyId: companyId,
                                    csrfToken: SecureRandom.token(), ip: ip, userAgent: String(userAgent.prefix(300)),
                                    createdAt: now, lastSeenAt: now,
                                    expiresAt: now.addingTimeInterval(config.sessionAbsoluteTimeout))
        try SessionQueries.insert(db, &session)
        return NewSession(token: token, signedIn: SignedIn(sessionId: session.id ?? 0, csrfToken: session.csrfToken,
                                                           user: user, company: company, role: role))
    }
}

/// Why a mailed link (invitation, verification, reset) does not work: the web layer answers
/// 404 for an unknown token and 410 for a used or expired one.
public enum LinkProblem: Error, Equatable, Sendable {
    case unknown, expired, used
}
