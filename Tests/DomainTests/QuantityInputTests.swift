import Testing
@testable import Domain

@Suite("QuantityInput.parseThousandths")
struct QuantityInputTests {
    @Test(arguments: [
        ("1", 1000), ("1.5", 1500), ("0.001", 1), ("2.25", 2250), (" 3 ", 3000), ("1,000", 1_000_000),
        ("1000000", 1_000_000_000), ("1,000,000.000", 1_000_000_000), (".25", 250),
    ] as [(String, Int64)])
    func accepts(text: String, thousandths: Int64) throws {
        #expect(try QuantityInput.parseThousandths(text) == thousandths)
    }

    @Test(arguments: [
        ("", NumberInputError.empty), ("x", .malformed), ("1.0001", .tooManyDecimals(allowed: 3)),
        ("1000000.001", .tooLarge(limit: "1,000,000")), ("1,000,001", .tooLarge(limit: "1,000,000")),
        ("0", .zeroNotAllowed), ("0.000", .zeroNotAllowed), ("-1", .negativeNotAllowed), ("-0", .negativeZero),
        ("1,00", .misplacedGrouping), ("$1", .malformed), ("1.5h", .malformed),
    ] as [(String, NumberInputError)])
    func refuses(text: String, error: NumberInputError) {
        #expect(throws: error) { try QuantityInput.parseThousandths(text) }
    }

    @Test func zeroAndNegativesWhenTheFieldAllowsThem() throws {
        #expect(try QuantityInput.parseThousandths("0", allowZero: true) == 0)
        #expect(try QuantityInput.parseThousandths("-2.5", allowNegative: true) == -2500)
        #expect(try QuantityInput.parseThousandths("-1000000", allowNegative: true) == -1_000_000_000)
        #expect(throws: NumberInputError.zeroNotAllowed) { try QuantityInput.parseThousandths("0", allowNegative: true) }
        #expect(throws: NumberInputError.negativeZero) {
            try QuantityInput.parseThousandths("-0", allowNegative: true, allowZero: true)
        }
        #expect(throws: NumberInputError.tooLarge(limit: "1,000,000")) {
            try QuantityInput.parseThousandths("-1000001", allowNegative: true)
        }
    }
}
