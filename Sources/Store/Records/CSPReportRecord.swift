import Foundation
import GRDB

/// One Content-Security-Policy violation a browser reported (table `csp_reports`).
public struct CSPReportRecord: SnakeCaseRecord, Sendable, Identifiable, Equatable {
    public static let databaseTableName = "csp_reports"

    public var id: Int64?
    public var documentUri: String
    public var violatedDirective: String
    public var blockedUri: String
    public var userAgent: String
    public var createdAt: Date

    public init(id: Int64? = nil, documentUri: String, violatedDirective: String, blockedUri: String,
                userAgent: String, createdAt: Date) {
        self.id = id
        self.documentUri = documentUri
        self.violatedDirective = violatedDirective
        self.blockedUri = blockedUri
        self.userAgent = userAgent
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
