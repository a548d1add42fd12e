/// The currencies a company can bill in. Amounts are stored in the currency's minor unit
/// (cents; whole yen for JPY), never as floating point.
public enum Currency: String, CaseIterable, Sendable, Hashable, Codable {
    case usd, cad, eur, gbp, aud, nzd, jpy

    /// From an ISO 4217 code in any case ("USD", "usd"); nil for a code we do not bill in.
    public init?(code: String) {
        guard code.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
        self.init(rawValue: code.lowercased())
    }

    /// The ISO 4217 code, upper case, as it is stored and exported.
    public var code: String { rawValue.uppercased() }

    /// Digits after the decimal point: 2 for cents, 0 for the yen, which has no minor unit in use.
    public var minorUnitDigits: Int { self == .jpy ? 0 : 2 }

    /// Minor units in one major unit: 100, or 1 for JPY.
    public var minorUnitsPerMajor: Int64 { self == .jpy ? 1 : 100 }

    /// What `MoneyFormat.display` puts before the amount. The other dollars carry their country
    /// so that an amount read out of context (an email, an export) is never taken for US dollars.
    public var symbol: String {
        switch self {
        case .usd: "$"
        case .cad: "CA$"
        case .eur: "€"
        case .gbp: "£"
        case .aud: "A$"
        case .nzd: "NZ$"
        case .jpy: "¥"
        }
    }
}
