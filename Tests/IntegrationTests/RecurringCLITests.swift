#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// `ez360 recurring run` and `ez360 reminders run`, the real binary on a temporary data
/// directory seeded with the demo firm: each run twice for the same day, the second
/// creating and queueing nothing; a bad --date is refused.
@Suite struct RecurringCLITests {
    static func number(before marker: String, in output: String) -> Int? {
        guard let range = output.range(of: marker) else { return nil }
        return Int(output[..<range.lowerBound].split(separator: " ").last ?? "")
    }

    @Test func recurringAndRemindersRunTwiceForTheSameDayDoNothingTwice() throws {
        var template = Array("/tmp/ez360-recurring-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { throw HarnessError("mkdtemp failed") }
        let scratch = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let data = scratch + "/data"
        let environment = ChildProcess.environment()
        try ChildProcess.runChecked(Paths.ez360, ["migrate", "--data-dir", data], environment: environment, scratchDirectory: scratch)
        try ChildProcess.runChecked(Paths.ez360, ["seed", "demo", "--data-dir", data], environment: environment, scratchDirectory: scratch)

        // Seventy days on: the monthly retainer is due twice or three times, the yearly one once.
        let day = Int(Date().timeIntervalSince1970 / 86_400) + 70
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let date = formatter.string(from: Date(timeIntervalSince1970: Double(day) * 86_400))

        let first = try ChildProcess.runChecked(Paths.ez360, ["recurring", "run", "--date", date, "--data-dir", data],
                                                environment: environment, scratchDirectory: scratch)
        #expect(first.hasPrefix("Recurring: "), "\(first)")
        #expect((Self.number(before: " invoice(s) created", in: first) ?? 0) >= 3, "\(first)")
        let second = try ChildProcess.runChecked(Paths.ez360, ["recurring", "run", "--date", date, "--data-dir", data],
                                                 environment: environment, scratchDirectory: scratch)
        #expect(Self.number(before: " invoice(s) created", in: second) == 0, "\(second)")

        let reminders = try ChildProcess.runChecked(Paths.ez360, ["reminders", "run", "--date", date, "--data-dir", data],
                                                    environment: environment, scratchDirectory: scratch)
        #expect(reminders.hasPrefix("Reminders: "), "\(reminders)")
        #expect((Self.number(before: " reminder(s) queued", in: reminders) ?? 0) >= 1, "\(reminders)")
        let again = try ChildProcess.runChecked(Paths.ez360, ["reminders", "run", "--date", date, "--data-dir", data],
                                                environment: environment, scratchDirectory: scratch)
        #expect(Self.number(before: " reminder(s) queued", in: again) == 0, "\(again)")
        #expect(Self.number(before: " step(s) skipped", in: again) == 0, "\(again)")

        let bad = try ChildProcess.run(Paths.ez360, ["recurring", "run", "--date", "tomorrow", "--data-dir", data],
                                       environment: environment, scratchDirectory: scratch)
        #expect(!bad.exit.succeeded && bad.output.contains("--date must be a date"), "\(bad.output)")
    }
}
