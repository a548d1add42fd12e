import Testing
@testable import Domain

@Suite struct TaxMathTests {
    @Test(arguments: [
        (5, 2, 3), (4, 2, 2), (-5, 2, -3), (-4, 2, -2), (1, 3, 0), (2, 3, 1), (-1, 3, 0), (-2, 3, -1),
        (15, 10, 2), (14, 10, 1), (-15, 10, -2), (25, 10, 3), (5, -2, -3), (-5, -2, 3), (0, 7, 0),
        (Int64.max, 1, Int64.max), (Int64.min, 1, Int64.min), (Int64.max, 2, 4_611_686_018_427_387_904),
    ] as [(Int64, Int64, Int64)])
    func divisionRoundsHalfAwayFromZero(value: Int64, divisor: Int64, expected: Int64) {
        #expect(TaxMath.divideRounded(value, by: divisor) == expected)
    }

    @Test func divisionEdges() {
        #expect(TaxMath.divideRounded(5, by: 0) == nil)
        #expect(TaxMath.divideRounded(Int64.min, by: -1) == nil)
        #expect(TaxMath.divideRounded(Int64.min, by: 2) == Int64.min / 2)
    }

    @Test func productsAreTakenAt128Bits() {
        // 10^12 dollars of quantity 10^6: the product is far past Int64, the quotient is not.
        #expect(TaxMath.multiplyDivideRounded(99_999_999_999_999, by: 1_000_000, dividedBy: 1_000_000) == 99_999_999_999_999)
        #expect(TaxMath.multiplyDivideRounded(.max, by: .max, dividedBy: .max) == .max)
        #expect(TaxMath.multiplyDivideRounded(.min, by: .max, dividedBy: .max) == .min)
        #expect(TaxMath.multiplyDivideRounded(.max, by: 3, dividedBy: 2) == nil)
        #expect(TaxMath.multiplyDivideRounded(.max, by: .max, dividedBy: 1) == nil)
        #expect(TaxMath.multiplyDivideRounded(.min, by: -1, dividedBy: 1) == nil)
        #expect(TaxMath.multiplyDivideRounded(.min, by: 1, dividedBy: 1) == .min)
        #expect(TaxMath.multiplyDivideRounded(1, by: 1, dividedBy: 0) == nil)
    }

    @Test func lineAmountsAndPercentages() {
        #expect(TaxMath.lineAmount(quantityThousandths: 1500, unitCents: 10_000) == 15_000)
        #expect(TaxMath.lineAmount(quantityThousandths: 333, unitCents: 1) == 0)       // 0.333 ¢
        #expect(TaxMath.lineAmount(quantityThousandths: 500, unitCents: 1) == 1)       // 0.5 ¢ rounds up
        #expect(TaxMath.lineAmount(quantityThousandths: 1, unitCents: 333) == 0)       // 0.333 ¢
        #expect(TaxMath.lineAmount(quantityThousandths: 2_500, unitCents: 333) == 833)  // 832.5 ¢
        #expect(TaxMath.lineAmount(quantityThousandths: -2_500, unitCents: 333) == -833)
        #expect(TaxMath.percentage(8250, of: 10_000) == 825)
        #expect(TaxMath.percentage(8250, of: 1_000) == 83)    // 82.5 ¢
        #expect(TaxMath.percentage(8250, of: -1_000) == -83)
        #expect(TaxMath.percentage(5000, of: 9) == 0)         // 0.45 ¢
        #expect(TaxMath.percentage(5000, of: 10) == 1)        // 0.5 ¢
        #expect(TaxMath.percentage(100_000, of: 12_345) == 12_345)
        #expect(TaxMath.percentage(0, of: 12_345) == 0)
    }

    @Test func allocationSumsExactlyAndFavoursLargestRemainders() throws {
        #expect(TaxMath.allocate(100, proportionalTo: [1, 1, 1]) == [34, 33, 33])
        #expect(TaxMath.allocate(-100, proportionalTo: [1, 1, 1]) == [-34, -33, -33])
        #expect(TaxMath.allocate(10, proportionalTo: [3, 3, 4]) == [3, 3, 4])
        #expect(TaxMath.allocate(1, proportionalTo: [1, 2]) == [0, 1])
        #expect(TaxMath.allocate(5, proportionalTo: [0, 7, 0]) == [0, 5, 0])
        #expect(TaxMath.allocate(0, proportionalTo: [0, 0]) == [0, 0])
        #expect(TaxMath.allocate(0, proportionalTo: []) == [])
        #expect(TaxMath.allocate(1, proportionalTo: [0, 0]) == nil)
        #expect(TaxMath.allocate(1, proportionalTo: []) == nil)
        #expect(TaxMath.allocate(1, proportionalTo: [1, -1, 1]) == nil)
        #expect(TaxMath.allocate(1, proportionalTo: [.max, 1]) == nil)
        #expect(TaxMath.allocate(.max, proportionalTo: [1, 1]) == [4_611_686_018_427_387_904, 4_611_686_018_427_387_903])
        #expect(TaxMath.allocate(.min, proportionalTo: [1]) == [.min])
    }

    @Test func allocationPropertyOverManyShapes() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 8) + 1
            let weights = (0..<count).map { _ in Int64(generator.next() % 1_000_000) }
            let weightSum = weights.reduce(0, +)
            guard weightSum > 0 else { continue }
            let total = Int64(generator.next() % 10_000_000)
            let shares = try #require(TaxMath.allocate(total, proportionalTo: weights))
            #expect(shares.reduce(0, +) == total)
            for (share, weight) in zip(shares, weights) {
                // Every share is within one cent of its exact proportional value.
                let exactTimesSum = Double(total) * Double(weight)
                #expect(abs(Double(share) * Double(weightSum) - exactTimesSum) < Double(weightSum) + 1)
                #expect(share >= 0)
            }
        }
    }
}

/// A small deterministic generator, so property tests fail the same way every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
