/// The integer arithmetic behind document totals. Every product is taken at 128 bits
/// (`multipliedFullWidth`) and divided exactly, so `quantity × price` or `base × rate` never
/// wraps or traps however large the inputs; a result that does not fit Int64 comes back nil.
///
/// Rounding is half away from zero: 0.5 ¢ → 1 ¢ and −0.5 ¢ → −1 ¢. For the positive amounts
/// of an invoice that is the familiar half up; a credit or a negative line rounds to the
/// mirror image of its positive counterpart, so +x and −x never differ by a cent.
public enum TaxMath {
    /// Milli-percent in a whole: 100 % = 100,000.
    public static let milliPercentScale: Int64 = 100_000
    /// Quantities are stored in thousandths.
    public static let quantityScale: Int64 = 1_000

    /// `value × multiplier ÷ divisor`, rounded half away from zero. nil for a zero divisor or
    /// a result outside Int64.
    public static func multiplyDivideRounded(_ value: Int64, by multiplier: Int64, dividedBy divisor: Int64) -> Int64? {
        guard divisor != 0 else { return nil }
        guard case let (quotient, remainder)? = divide(value.magnitude, times: multiplier.magnitude,
                                                 by: divisor.magnitude) else { return nil }
        var magnitude = quotient
        // remainder ≥ divisor − remainder ⇔ the dropped fraction is at least one half.
        if remainder >= divisor.magnitude - remainder {
            guard magnitude < UInt64.max else { return nil }
            magnitude += 1
        }
        let negative = ((value < 0) != (multiplier < 0)) != (divisor < 0)
        return signed(magnitude, negative: negative)
    }

    /// `value ÷ divisor`, rounded half away from zero.
    public static func divideRounded(_ value: Int64, by divisor: Int64) -> Int64? {
        multiplyDivideRounded(value, by: 1, dividedBy: divisor)
    }

    /// A line's amount in cents: quantity (thousandths) × unit price, rounded to the cent.
    public static func lineAmount(quantityThousandths: Int64, unitCents: Int64) -> Int64? {
        multiplyDivideRounded(quantityThousandths, by: unitCents, dividedBy: quantityScale)
    }

    /// `milliPercent` of `base` (a tax, a percentage discount), rounded to the cent.
    public static func percentage(_ milliPercent: Int, of base: Int64) -> Int64? {
        multiplyDivideRounded(base, by: Int64(milliPercent), dividedBy: milliPercentScale)
    }

    /// Splits `total` into shares proportional to `weights` that add up to exactly `total`
    /// (largest remainder method): each share is first rounded toward zero, then the cents
    /// left over go one each to the shares whose dropped fractions were largest, the earlier
    /// share first on a tie. nil for a negative weight, a weight sum that overflows, or a
    /// non-zero total with nothing to spread it over.
    public static func allocate(_ total: Int64, proportionalTo weights: [Int64]) -> [Int64]? {
        guard weights.allSatisfy({ $0 >= 0 }) else { return nil }
        var weightSum: Int64 = 0
        for weight in weights {
            let (sum, overflow) = weightSum.addingReportingOverflow(weight)
            guard !overflow else { return nil }
            weightSum = sum
        }
        guard weightSum > 0 else { return total == 0 ? weights.map { _ in 0 } : nil }

        var shares: [UInt64] = []
        var remainders: [UInt64] = []
        for weight in weights {
            // weight ≤ weightSum, so the quotient is at most |total| and always fits.
            guard case let (quotient, remainder)? = divide(total.magnitude, times: weight.magnitude,
                                                     by: weightSum.magnitude) else { return nil }
            shares.append(quotient)
            remainders.append(remainder)
        }
        let leftover = Int(total.magnitude - shares.reduce(0, +))
        let order = weights.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(leftover) { shares[index] += 1 }
        return shares.map { signed($0, negative: total < 0) ?? 0 }
    }

    /// `a × b ÷ d` on magnitudes, truncated, with the remainder; nil if the quotient exceeds 64 bits.
    private static func divide(_ a: UInt64, times b: UInt64, by d: UInt64) -> (UInt64, UInt64)? {
        let product = a.multipliedFullWidth(by: b)
        guard product.high < d else { return nil }
        let (quotient, remainder) = d.dividingFullWidth(product)
        return (quotient, remainder)
    }

    private static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}
