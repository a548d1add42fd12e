import Foundation
import Testing
@testable import App

@Suite("AppConfig")
struct AppConfigTests {
    @Test func defaults() {
        let config = AppConfig.fromEnvironment([:])
        #expect(config.environment == .development && !config.isProduction)
        #expect(config.dataDirectory == "var/data")
        #expect(config.passwordHasher.logN == 17)
        #expect(config.sessionIdleTimeout == 30 * 60)
        #expect(config.sessionAbsoluteTimeout == 12 * 3600)
        #expect(config.slowRequestMilliseconds == 500)
        #expect(config.workers >= 2)
    }

    @Test func readsTheEnvironment() {
        let config = AppConfig.fromEnvironment([
            "EZ360_ENV": "production", "EZ360_DATA_DIR": "/var/lib/ez360", "EZ360_WORKERS": "6",
            "EZ360_SLOW_REQUEST_MS": "250", "EZ360_SCRYPT_LOG_N": "12", "EZ360_SESSION_IDLE_MINUTES": "15",
            "EZ360_SESSION_ABSOLUTE_HOURS": "2",
        ])
        #expect(config.environment == .production && config.isProduction)
        #expect(config.dataDirectory == "/var/lib/ez360")
        #expect(config.workers == 6)
        #expect(config.slowRequestMilliseconds == 250)
        #expect(config.passwordHasher.logN == 12)
        #expect(config.sessionIdleTimeout == 15 * 60)
        #expect(config.sessionAbsoluteTimeout == 2 * 3600)
    }

    @Test func clampsAndIgnoresBadValues() {
        let config = AppConfig.fromEnvironment([
            "EZ360_ENV": "staging", "EZ360_DATA_DIR": "", "EZ360_WORKERS": "0", "EZ360_SCRYPT_LOG_N": "4",
            "EZ360_SESSION_IDLE_MINUTES": "-5", "EZ360_SESSION_ABSOLUTE_HOURS": "soon",
        ])
        #expect(config.environment == .development)
        #expect(config.dataDirectory == "var/data")
        #expect(config.workers == 1)
        #expect(config.passwordHasher.logN == 10, "scrypt never goes below N=2^10")
        #expect(config.sessionIdleTimeout == 30 * 60)
        #expect(config.sessionAbsoluteTimeout == 12 * 3600)
        #expect(AppConfig.fromEnvironment(["EZ360_SCRYPT_LOG_N": "40", "EZ360_WORKERS": "100000"]).passwordHasher.logN == 20)
        #expect(AppConfig.fromEnvironment(["EZ360_WORKERS": "100000"]).workers == 256)
    }
}
