import Foundation
import GRDB
import Testing
@testable import Store

@Suite("DatabaseDate")
struct DatabaseDateTests {
    @Test func agreesWithGRDBForWhatGRDBWrites() throws {
        let queue = try DatabaseQueue()
        var generator = SystemRandomNumberGenerator()
        try queue.read { db in
            for _ in 0..<2_000 {
                // 1901…2099, with milliseconds, as GRDB stores Dates.
                let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_177_452_800_000...4_102_444_799_999, using: &generator)) / 1000)
                let row = try #require(try Row.fetchOne(db, sql: "SELECT ? AS d", arguments: [date]))
                let text: String = row["d"]
                let grdb: Date = row["d"]
                let ours = try #require(DatabaseDate.parse(text), "\(text)")
                #expect(abs(ours.timeIntervalSince(grdb)) < 0.0005, "\(text)")
                #expect(DatabaseDate.decodeRequired(row, "d") == ours)
            }
        }
    }

    @Test func otherShapesFallBackOrFail() throws {
        #expect(DatabaseDate.parse("2026-11-22 04:05:06") == Date(timeIntervalSince1970: 1_795_320_306))
        #expect(DatabaseDate.parse("2026-11-22T04:05:06.250") == Date(timeIntervalSince1970: 1_795_320_306.25))
        #expect(DatabaseDate.parse("1970-01-01 00:00:00.000") == Date(timeIntervalSince1970: 0))
        #expect(DatabaseDate.parse("2024-02-29 12:00:00") == Date(timeIntervalSince1970: 1_709_208_000))
        for junk in ["", "2026-13-01 00:00:00", "2026-11-22", "2026-11-22 24:00:00", "x026-11-22 00:00:00", "2026-11-22 00:00:00.5"] {
            #expect(DatabaseDate.parse(junk) == nil, "\(junk)")
        }
    }
}
