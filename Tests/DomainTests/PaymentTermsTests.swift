import Testing
@testable import Domain

@Suite struct PaymentTermsTests {
    @Test func dueDatesAndLabels() throws {
        let issued = try #require(CalendarDate(parsing: "2026-11-30"))
        let net30 = try #require(PaymentTerms(netDays: 30))
        #expect(net30.dueDate(issuedOn: issued).description == "2026-12-30")
        #expect(net30.label == "Net 30")
        #expect(PaymentTerms.dueOnReceipt.dueDate(issuedOn: issued) == issued)
        #expect(PaymentTerms.dueOnReceipt.label == "Due on receipt")
        #expect(PaymentTerms(netDays: 0) == .dueOnReceipt)
        #expect(try #require(PaymentTerms(netDays: 365)).dueDate(issuedOn: issued).description == "2027-11-30")
        #expect(try #require(PaymentTerms(netDays: 15)).dueDate(issuedOn: #require(CalendarDate(parsing: "2024-02-20")))
            .description == "2024-03-06")
    }

    @Test func termsAreBetweenZeroAndAYear() {
        #expect(PaymentTerms(netDays: -1) == nil)
        #expect(PaymentTerms(netDays: 366) == nil)
        #expect(PaymentTerms(netDays: .max) == nil)
        #expect(PaymentTerms(netDays: 1)?.label == "Net 1")
    }
}
