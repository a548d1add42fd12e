import Foundation

/// "Firefox on Linux" from a User-Agent header: enough for a person to recognise their own
/// devices on "Your sessions", nothing more (no version numbers to compare).
enum UserAgentSummary {
    static func describe(_ userAgent: String) -> String {
        let ua = userAgent
        guard !ua.trimmingCharacters(in: .whitespaces).isEmpty else { return "Unknown device" }
        let browser: String? =
            ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/") ? "Edge"
            : ua.contains("OPR/") || ua.contains("Opera") ? "Opera"
            : ua.contains("Firefox/") || ua.contains("FxiOS/") ? "Firefox"
            : ua.contains("Chrome/") || ua.contains("CriOS/") || ua.contains("Chromium/") ? "Chrome"
            : ua.contains("Safari/") && ua.contains("Version/") ? "Safari"
            : ua.hasPrefix("curl/") ? "curl"
            : nil
        let system: String? =
            ua.contains("iPhone") ? "iPhone"
            : ua.contains("iPad") ? "iPad"
            : ua.contains("Android") ? "Android"
            : ua.contains("Windows") ? "Windows"
            : ua.contains("CrOS") ? "ChromeOS"
            : ua.contains("Mac OS X") || ua.contains("Macintosh") ? "macOS"
            : ua.contains("Linux") || ua.contains("X11") ? "Linux"
            : nil
        switch (browser, system) {
        case let (browser?, system?): return "\(browser) on \(system)"
        case let (browser?, nil): return browser
        case let (nil, system?): return "A browser on \(system)"
        case (nil, nil): return String(ua.prefix(60))
        }
    }
}
