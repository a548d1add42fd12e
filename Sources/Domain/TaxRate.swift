/// A named tax at a rate in thousandths of a percent ("GST", 5000 = 5 %; "QST", 9975).
/// Two rates are the same tax only if both name and rate match: a rate change mid-year
/// gives two rows in a tax summary, which is what a tax return needs.
public struct TaxRate: Sendable, Hashable, Codable {
    public let name: String
    public let milliPercent: Int

    public init(name: String, milliPercent: Int) {
        self.name = name
        self.milliPercent = milliPercent
    }

    /// Within 0…100 %, as `PercentInput` accepts.
    public var isValid: Bool { (0...PercentInput.maxMilliPercent).contains(milliPercent) }

    /// "8.25%", "5%", "9.975%": no trailing zeros.
    public var percentText: String {
        let magnitude = milliPercent.magnitude
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return (milliPercent < 0 ? "-" : "") + String(magnitude / 1000) + (fraction.isEmpty ? "" : "." + fraction) + "%"
    }

    /// "GST 5%": how a tax row is labelled on a document.
    public var label: String { name + " " + percentText }
}
