import Testing
@testable import Domain

@Suite struct DocumentNumberTests {
    private func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(parsing: text)) }

    @Test func kindsAndPrefixes() {
        #expect(DocumentKind.allCases.map(\.prefix) == ["INV", "EST", "CN"])
        #expect(DocumentKind.allCases.allSatisfy { DocumentKind(prefix: $0.prefix) == $0 })
        #expect(DocumentKind(prefix: "inv") == nil && DocumentKind(prefix: "") == nil)
        #expect(DocumentKind.creditNote.rawValue == "credit_note")
        #expect(DocumentKind.allCases.map(\.label) == ["Invoice", "Estimate", "Credit note"])
    }

    @Test func formatsWithTheIssueMonthAndAPaddedSequence() throws {
        #expect(try DocumentNumber(kind: .invoice, issuedOn: day("2026-11-30"), sequence: 1).formatted == "INV-202611-0001")
        #expect(try DocumentNumber(kind: .estimate, issuedOn: day("2027-01-01"), sequence: 42).formatted == "EST-202701-0042")
        #expect(try DocumentNumber(kind: .creditNote, issuedOn: day("2026-03-15"), sequence: 9_999).formatted == "CN-202603-9999")
        #expect(try DocumentNumber(kind: .invoice, issuedOn: day("2026-11-30"), sequence: 10_000).formatted == "INV-202611-10000")
        #expect(try DocumentNumber(kind: .invoice, issuedOn: day("2026-11-30"), sequence: 1_234_567).description
            == "INV-202611-1234567")
        #expect(try DocumentNumber(kind: .invoice, issuedOn: day("0999-01-01"), sequence: 1).formatted == "INV-099901-0001")
    }

    @Test func theSequenceRunsOnAcrossMonths() throws {
        // The same counter continues into December and the next year; only the month label changes.
        let november = try DocumentNumber(kind: .invoice, issuedOn: day("2026-11-30"), sequence: 42)
        let december = try DocumentNumber(kind: .invoice, issuedOn: day("2026-12-01"), sequence: 43)
        let january = try DocumentNumber(kind: .invoice, issuedOn: day("2027-01-02"), sequence: 44)
        #expect([november, december, january].map(\.formatted) == ["INV-202611-0042", "INV-202612-0043", "INV-202701-0044"])
        #expect(november < december && december < january)
    }

    @Test(arguments: ["INV-202611-0001", "EST-202701-0042", "CN-202603-9999", "INV-202611-10000", "INV-999912-123456789"])
    func parsesWhatItFormats(text: String) throws {
        let number = try #require(DocumentNumber(parsing: text))
        #expect(number.formatted == text)
    }

    @Test func parsedParts() throws {
        let number = try #require(DocumentNumber(parsing: "CN-202603-0017"))
        #expect(number.kind == .creditNote && number.year == 2026 && number.month == 3 && number.sequence == 17)
    }

    @Test(arguments: [
        "", "INV", "INV-202611", "INV-202611-001", "INV-202611-00001", "INV-202611-0000", "inv-202611-0001",
        "INV-202613-0001", "INV-202600-0001", "INV-000011-0001", "INV-20261-0001", "INV-2026111-0001", "XX-202611-0001",
        " INV-202611-0001", "INV-202611-0001 ", "INV_202611_0001", "INV-202611-00a1", "INV-202611--001",
        "INV-202611-+001", "INV-202611-0001-2", "INV-202611-99999999999999999999", "INV-２０２６１１-0001",
    ])
    func refusesNonCanonicalText(text: String) {
        #expect(DocumentNumber(parsing: text) == nil)
    }
}
