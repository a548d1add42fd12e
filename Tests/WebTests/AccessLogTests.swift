import Foundation
import Testing
@testable import Web

@Suite struct AccessLogTests {
    @Test func linesAreValidJSONWithEveryField() throws {
        let line = AccessLog.Line(ts: "2026-11-22T04:00:00.000Z", level: "error", rid: "abc\"def", method: "GET",
                                  route: "/clients/{id}", status: 500, ms: 12.5, company: 3, user: 7, slow: true,
                                  error: "boom\n\u{1}line")
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.json.utf8)) as? [String: Any])
        #expect(object["rid"] as? String == "abc\"def")
        #expect(object["route"] as? String == "/clients/{id}")
        #expect(object["status"] as? Int == 500)
        #expect(object["ms"] as? Double == 12.5)
        #expect(object["company"] as? Int == 3)
        #expect(object["user"] as? Int == 7)
        #expect(object["slow"] as? Bool == true)
        #expect(object["error"] as? String == "boom\n\u{1}line")
        #expect(!line.json.contains("\n"), "one line")
    }

    @Test func absentFieldsAreLeftOut() throws {
        let line = AccessLog.Line(ts: "t", level: "info", rid: "r", method: "GET", route: "-", status: 404, ms: 0.5,
                                  company: nil, user: nil, slow: nil, error: nil)
        #expect(line.json == "{\"level\":\"info\",\"method\":\"GET\",\"ms\":0.5,\"rid\":\"r\",\"route\":\"-\",\"status\":404,\"ts\":\"t\"}")
    }
}
