import Testing
@testable import Domain

@Suite struct TaxRateTests {
    @Test(arguments: [(8_250, "8.25%"), (5_000, "5%"), (9_975, "9.975%"), (0, "0%"), (100_000, "100%"), (1, "0.001%"),
                      (10_500, "10.5%"), (-1_500, "-1.5%")])
    func percentText(milliPercent: Int, text: String) {
        #expect(TaxRate(name: "T", milliPercent: milliPercent).percentText == text)
    }

    @Test func labelsValidityAndIdentity() throws {
        #expect(TaxRate(name: "GST", milliPercent: 5_000).label == "GST 5%")
        #expect(TaxRate(name: "X", milliPercent: 0).isValid && TaxRate(name: "X", milliPercent: 100_000).isValid)
        #expect(!TaxRate(name: "X", milliPercent: -1).isValid && !TaxRate(name: "X", milliPercent: 100_001).isValid)
        #expect(TaxRate(name: "GST", milliPercent: 5_000) != TaxRate(name: "GST", milliPercent: 6_000))
        #expect(TaxRate(name: "GST", milliPercent: 5_000) != TaxRate(name: "HST", milliPercent: 5_000))
        // A rate typed into a form is stored as what PercentInput returns.
        #expect(try TaxRate(name: "QST", milliPercent: PercentInput.parseMilliPercent("9.975%")).percentText == "9.975%")
    }
}
