import GRDB

/// Hot queries (every request's session lookup, every list page) go through SQLite
/// statements prepared once per connection: `fetchOne(db, sql:)` would prepare the SQL
/// again, with the authorizer callbacks, on every call.
extension FetchableRecord {
    static func fetchOneCached(_ db: Database, sql: String, arguments: StatementArguments) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchAllCached(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
