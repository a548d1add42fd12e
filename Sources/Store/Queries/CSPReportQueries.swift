import Foundation
import GRDB

/// Content-Security-Policy violation reports. Instance-wide, like the reports themselves
/// (browsers send them without cookies, so there is no company to scope by).
public enum CSPReportQueries {
    public static func insert(_ db: Database, _ report: inout CSPReportRecord) throws {
        try report.insert(db)
    }

    /// Keeps the newest `keep` reports: a flood of reports cannot grow the database without bound.
    @discardableResult
    public static func prune(_ db: Database, keep: Int) throws -> Int {
        try db.execute(sql: """
            DELETE FROM csp_reports
            WHERE id <= (SELECT id FROM csp_reports ORDER BY id DESC LIMIT 1 OFFSET ?)
            """, arguments: [max(0, keep)])
        return db.changesCount
    }

    public static func recent(_ db: Database, limit: Int) throws -> [CSPReportRecord] {
        try CSPReportRecord.fetchAll(db, sql: "SELECT * FROM csp_reports ORDER BY id DESC LIMIT ?", arguments: [limit])
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM csp_reports") ?? 0
    }
}
