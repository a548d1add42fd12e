import Foundation
import GRDB
import Store

/// Builds audit events from the actor and a set of field changes.
enum Audit {
    static func event(_ action: String, by actor: Actor, objectType: String, objectId: Int64?,
                      changes: [String: (before: String?, after: String?)] = [:], at date: Date) -> AuditEventRecord {
        AuditEventRecord(companyId: actor.companyId, userId: actor.userId, action: action, objectType: objectType,
                         objectId: objectId, details: json(changes), requestId: actor.requestId, ip: actor.ip,
                         createdAt: date)
    }

    static func timestamp(_ date: Date?) -> String? {
        date?.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `{"field":{"before":…,"after":…}}`, keys sorted so identical changes read identically.
    static func json(_ changes: [String: (before: String?, after: String?)]) -> String {
        var object: [String: [String: String?]] = [:]
        for (field, change) in changes { object[field] = ["before": change.before, "after": change.after] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(object) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
