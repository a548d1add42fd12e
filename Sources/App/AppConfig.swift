import Domain
import Foundation

/// Settings from the environment (`/etc/ez360/ez360.env` in production). Read once at start.
public struct AppConfig: Sendable {
    public enum Environment: String, Sendable { case development, production, test }

    public var environment: Environment
    public var dataDirectory: String
    public var workers: Int
    public var slowRequestMilliseconds: Int
    public var passwordHasher: PasswordHasher
    public var sessionIdleTimeout: TimeInterval
    public var sessionAbsoluteTimeout: TimeInterval
    /// Sign-in failures before a lockout, and how the lock grows (docs/security.md).
    public var loginThrottle: LoginThrottlePolicy = .standard
    /// urlencoded bodies larger than this are refused (uploads are multipart, limited apart).
    public var maxFormBytes: Int
    /// A multipart body (all its files and fields) larger than this is refused (413). 12 MiB:
    /// the largest receipt (`MediaCategory.receipts`, 10 MiB) plus multipart overhead and the
    /// form's other fields. nginx's `client_max_body_size 12m` (nginx/*.conf) is the same
    /// number, so nginx and the app refuse the same requests.
    public var maxUploadBytes: Int
    public static let defaultMaxUploadBytes = 12 << 20
    public var version: String
    /// EZ360_OPEN_SIGNUP (default off): self-hosted installs add people by invitation only;
    /// there is no signup route while it is off.
    public var openSignup = false
    /// EZ360_REQUIRE_EMAIL_VERIFICATION (1/0); default on in production, off otherwise.
    public var requireEmailVerification = false
    /// EZ360_BASE_URL: the scheme and host links in mail point at (no trailing slash).
    public var publicBaseURL = "http://localhost"
    /// New companies start with the policy "require 2FA for owner, admin and manager":
    /// EZ360_REQUIRE_2FA (1/0); default on in production, off otherwise.
    public var requireTwoFactorByDefault = false

    public static let version = "0.1.0"

    public init(environment: Environment = .development, dataDirectory: String = "var/data", workers: Int = 4,
                slowRequestMilliseconds: Int = 500, passwordHasher: PasswordHasher = .production,
                sessionIdleTimeout: TimeInterval = 30 * 60, sessionAbsoluteTimeout: TimeInterval = 12 * 3600,
                maxFormBytes: Int = 1 << 20, maxUploadBytes: Int = AppConfig.defaultMaxUploadBytes, version: String = AppConfig.version) {
        self.environment = environment
        self.dataDirectory = dataDirectory
        self.workers = workers
        self.slowRequestMilliseconds = slowRequestMilliseconds
        self.passwordHasher = passwordHasher
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionAbsoluteTimeout = sessionAbsoluteTimeout
        self.maxFormBytes = maxFormBytes
        self.maxUploadBytes = maxUploadBytes
        self.version = version
    }

    public var isProduction: Bool { environment == .production }

    /// EZ360_ENV, EZ360_DATA_DIR, EZ360_WORKERS (default 2 per core), EZ360_SLOW_REQUEST_MS,
    /// EZ360_SCRYPT_LOG_N (tests lower it; never below 10), EZ360_SESSION_IDLE_MINUTES,
    /// EZ360_SESSION_ABSOLUTE_HOURS.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> AppConfig {
        var config = AppConfig()
        config.environment = env["EZ360_ENV"].flatMap(Environment.init(rawValue:)) ?? .development
        config.dataDirectory = env["EZ360_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "var/data"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        config.workers = env["EZ360_WORKERS"].flatMap(Int.init).map { min(max($0, 1), 256) } ?? max(2, 2 * cores)
        config.slowRequestMilliseconds = env["EZ360_SLOW_REQUEST_MS"].flatMap(Int.init) ?? 500
        if let logN = env["EZ360_SCRYPT_LOG_N"].flatMap(Int.init) {
            config.passwordHasher = PasswordHasher(logN: min(max(logN, 10), 20))
        }
        if let minutes = env["EZ360_SESSION_IDLE_MINUTES"].flatMap(Double.init), minutes > 0 {
            config.sessionIdleTimeout = minutes * 60
        }
        config.requireTwoFactorByDefault = env["EZ360_REQUIRE_2FA"].map { $0 == "1" } ?? config.isProduction
        if let hours = env["EZ360_SESSION_ABSOLUTE_HOURS"].flatMap(Double.init), hours > 0 {
            config.sessionAbsoluteTimeout = hours * 3600
        }
        config.openSignup = env["EZ360_OPEN_SIGNUP"] == "1"
        config.requireEmailVerification = env["EZ360_REQUIRE_EMAIL_VERIFICATION"].map { $0 == "1" } ?? config.isProduction
        if let base = env["EZ360_BASE_URL"], base.hasPrefix("http") {
            config.publicBaseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        }
        return config
    }
}
