import Testing
@testable import Domain

@Suite struct NumberInputErrorTests {
    @Test func everyErrorHasItsOwnSentence() {
        let errors: [NumberInputError] = [
            .empty, .malformed, .misplacedGrouping, .tooManyDecimals(allowed: 0), .tooManyDecimals(allowed: 1),
            .tooManyDecimals(allowed: 2), .negativeNotAllowed, .negativeZero, .tooLarge(limit: "100%"), .zeroNotAllowed,
            .wrongCurrency(expected: .usd), .malformedDuration,
        ]
        let messages = errors.map(\.message)
        #expect(Set(messages).count == messages.count)
        #expect(messages.allSatisfy { $0.first?.isUppercase == true && $0.hasSuffix(".") })
        #expect(NumberInputError.tooManyDecimals(allowed: 2).message == "Use at most 2 decimal places.")
        #expect(NumberInputError.tooManyDecimals(allowed: 0).message == "Enter a whole number, without decimals.")
        #expect(NumberInputError.tooLarge(limit: "$999,999,999,999.99").message == "Enter at most $999,999,999,999.99.")
        #expect(NumberInputError.wrongCurrency(expected: .cad).message == "Enter an amount in CAD.")
    }
}
