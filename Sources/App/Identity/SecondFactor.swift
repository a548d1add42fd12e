import Foundation
import GRDB
import Store

/// Checks a second factor inside the caller's transaction: a current TOTP code whose step is
/// newer than the last one accepted (no replay), or an unused recovery code (then used up).
enum SecondFactor {
    enum Accepted: Equatable { case totp(step: Int64), recoveryCode }

    static func verify(_ db: Database, userId: Int64, code rawCode: String, now: Date) throws -> Accepted? {
        guard let enrolment = try TwoFactorQueries.enrolment(db, userId: userId) else { return nil }
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        if code.count <= 8, let step = TOTP.matchingStep(code, secret: Array(enrolment.secret), at: now) {
            return try TwoFactorQueries.advanceStep(db, userId: userId, to: step, at: now) ? .totp(step: step) : nil
        }
        guard enrolment.enabledAt != nil, let normalized = RecoveryCodes.normalized(code) else { return nil }
        return try TwoFactorQueries.useRecoveryCode(db, userId: userId, hash: TokenHash.sha256Hex(normalized), at: now)
            ? .recoveryCode : nil
    }
}

/// Ten single-use recovery codes, shown once: `xxxxx-xxxxx` from an alphabet without
/// look-alikes; only the SHA-256 of the normalized form (lower case, no dash) is stored.
public enum RecoveryCodes {
    public static let count = 10

    static func generate() -> [String] {
        (0..<count).map { _ in
            let raw = SecureRandom.password(length: 10).lowercased()
            return String(raw.prefix(5)) + "-" + String(raw.suffix(5))
        }
    }

    static func normalized(_ code: String) -> String? {
        let kept = code.lowercased().filter { $0 != "-" && !$0.isWhitespace }
        return kept.count == 10 && kept.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? kept : nil
    }
}
