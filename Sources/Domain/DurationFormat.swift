/// Minutes as a timesheet shows them.
public enum DurationFormat {
    /// Hours and two-digit minutes: 65 → "1:05", 0 → "0:00", 1440 → "24:00".
    public static func clock(minutes: Int) -> String {
        let magnitude = minutes.magnitude
        let rest = String(magnitude % 60)
        return (minutes < 0 ? "-" : "") + String(magnitude / 60) + ":" + (rest.count == 1 ? "0" : "") + rest
    }

    /// Hours with two decimals, rounded half up (away from zero): 65 → "1.08", 1 → "0.02",
    /// 90 → "1.50". For exports and for billing hours on an invoice line.
    public static func decimalHours(minutes: Int) -> String {
        let magnitude = minutes.magnitude
        // 59 minutes are 98.33 hundredths at most, so the fraction never carries into the hours,
        // and nothing is multiplied that could overflow.
        let rest = String((magnitude % 60 * 100 + 30) / 60)
        return (minutes < 0 ? "-" : "") + String(magnitude / 60) + "." + (rest.count == 1 ? "0" : "") + rest
    }
}
