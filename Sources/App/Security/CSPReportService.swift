import Domain
import Foundation
import GRDB
import Store

/// A Content-Security-Policy violation as a browser reported it, already parsed.
public struct CSPViolation: Sendable, Equatable {
    public var documentURI: String
    public var violatedDirective: String
    public var blockedURI: String

    public init(documentURI: String, violatedDirective: String, blockedURI: String) {
        self.documentURI = documentURI
        self.violatedDirective = violatedDirective
        self.blockedURI = blockedURI
    }
}

/// Stores CSP reports from browsers and shows them to owners and admins.
///
/// Recording writes no audit event, on purpose: reports come from anonymous browsers, and an
/// event each would let anyone grow the append-only audit log without bound. The report table
/// is itself the record, capped at the newest `retained` rows.
public struct CSPReportService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public static let retained = 1_000
    /// A report never carries more than a few in one request; more is noise or abuse.
    public static let maxPerRequest = 20

    public func record(_ violations: [CSPViolation], userAgent: String) throws {
        guard !violations.isEmpty else { return }
        try database.pool.write { db in
            let now = clock.now()
            for violation in violations.prefix(Self.maxPerRequest) {
                var report = CSPReportRecord(documentUri: Self.clean(violation.documentURI),
                                             violatedDirective: String(violation.violatedDirective.prefix(200)),
                                             blockedUri: Self.clean(violation.blockedURI),
                                             userAgent: String(userAgent.prefix(300)), createdAt: now)
                try CSPReportQueries.insert(db, &report)
            }
            try CSPReportQueries.prune(db, keep: Self.retained)
        }
    }

    public func recent(for actor: Actor, limit: Int = 200) throws -> [CSPReportRecord] {
        try require(.viewCSPReports, actor)
        return try database.read { try CSPReportQueries.recent($0, limit: limit) }
    }

    /// Drops the query string and fragment (a search term typed by some company's user must
    /// not reach every company's admins) and bounds the length.
    static func clean(_ uri: String) -> String {
        let cut = uri.firstIndex { $0 == "?" || $0 == "#" }.map { String(uri[..<$0]) } ?? uri
        return String(cut.prefix(500))
    }
}
