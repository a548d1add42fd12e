import Foundation
import Testing

/// 2FA through nginx and ez360-fcgi, as a person would: enrol from the page (the otpauth://
/// URI shown beside the QR code), compute codes from it, sign out, sign in with password + code.
@Suite(.serialized)
struct TwoFactorLiveTests {
    let stack: Stack
    static let user = TestUser(email: "owner-2fa@example.com", password: "password-long-enough", company: "Company 2FA")

    init() throws {
        stack = try Stack.get()
    }

    @Test("Enrol via the page, sign out, sign in with password + a computed TOTP code; policy via the CLI")
    func enrolAndSignInWithACode() throws {
        let environment = ChildProcess.environment()
        try ChildProcess.runChecked(Paths.ez360, ["user", "create", "--data-dir", stack.dataDirectory, "--email", Self.user.email,
                                                  "--company", Self.user.company, "--role", "owner", "--password-stdin"],
                                    environment: environment, stdin: Self.user.password + "\n", scratchDirectory: stack.varDirectory)
        let policy = try ChildProcess.runChecked(Paths.ez360, ["company", "set", "--data-dir", stack.dataDirectory,
                                                               "--company", Self.user.company, "--require-2fa", "on"],
                                                 environment: environment, scratchDirectory: stack.varDirectory)
        #expect(policy.contains("required"))

        let browser = stack.browser(Self.user.email)
        #expect(try browser.signIn(Self.user).status == 303)
        #expect(try browser.get("/clients").location?.hasSuffix("/account/two-factor") == true, "policy gate")
        let start = try browser.formToken("/account/two-factor")
        #expect(try browser.post("/account/two-factor/start", [("_csrf", start)]).status == 303)
        let page = try browser.get("/account/two-factor")
        #expect(page.status == 200 && page.text.contains("<svg class=\"qr-code\""))
        let uri = try #require(Scrape.firstCapture(#"class="otpauth-uri">([^<]+)</code>"#, in: page.text))
            .replacingOccurrences(of: "&amp;", with: "&")
        // The QR code itself, decoded as a phone would: render the SVG to pixels, read it with zbar.
        let svg = try #require(Scrape.firstCapture(#"(<svg class="qr-code"[\s\S]*?</svg>)"#, in: page.text))
        let scratch = stack.varDirectory + "/qr-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try svg.write(toFile: scratch + "/qr.svg", atomically: true, encoding: .utf8)
        try ChildProcess.runChecked("/usr/bin/rsvg-convert", ["-w", "464", "-o", scratch + "/qr.png", scratch + "/qr.svg"],
                                    environment: environment, scratchDirectory: scratch)
        let decoded = try ChildProcess.runChecked("/usr/bin/zbarimg", ["-q", "--raw", scratch + "/qr.png"],
                                                  environment: environment, scratchDirectory: scratch)
        // zbarimg may also print a D-Bus warning; the decoded data is its otpauth:// line.
        let decodedURI = decoded.split(separator: "\n").first { $0.hasPrefix("otpauth://") }.map(String.init)
        #expect(decodedURI == uri, "the QR code encodes the URI shown beside it: \(decoded)")
        let components = try #require(URLComponents(string: uri))
        #expect(components.scheme == "otpauth" && components.host == "totp")
        #expect(components.queryItems?.first { $0.name == "issuer" }?.value == "EZ360PM")
        let secret = try #require(components.queryItems?.first { $0.name == "secret" }?.value.flatMap(LiveTOTP.base32))
        let token = try #require(Scrape.csrfToken(page.text))
        let confirmed = try browser.post("/account/two-factor", [("_csrf", token), ("code", LiveTOTP.code(secret, at: Date()))])
        #expect(confirmed.status == 200 && confirmed.text.contains("recovery-code"), "\(confirmed.summary)")
        #expect(try browser.get("/clients").status == 200)

        let logout = try browser.formToken("/clients")
        #expect(try browser.post("/logout", [("_csrf", logout)]).status == 303)
        let password = try browser.signIn(Self.user)
        #expect(password.status == 303 && password.location?.hasSuffix("/login/two-factor") == true, "\(password.summary)")
        #expect(try browser.get("/clients").status == 303, "no session yet")
        let step = try browser.get("/login/two-factor")
        let stepToken = try #require(Scrape.csrfToken(step.text))
        let done = try browser.post("/login/two-factor", [("_csrf", stepToken),
                                                          ("code", LiveTOTP.code(secret, at: Date().addingTimeInterval(30)))])
        #expect(done.status == 303, "\(done.summary)")
        #expect(try browser.get("/clients").status == 200)
    }
}

/// An independent TOTP (RFC 6238) for the live test, so it checks the app rather than itself.
enum LiveTOTP {
    static func base32(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0, buffer = 0
        var out: [UInt8] = []
        for character in text.uppercased() where character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 { out.append(UInt8((buffer >> (bits - 8)) & 0xff)); bits -= 8 }
        }
        return out
    }

    static func code(_ secret: [UInt8], at date: Date) -> String {
        let counter = UInt64(date.timeIntervalSince1970 / 30)
        let message = (0..<8).map { UInt8((counter >> (8 * (7 - UInt64($0)))) & 0xff) }
        let mac = HMACSHA1.mac(key: secret, message: message)
        let offset = Int(mac[19] & 0x0f)
        let value = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        let text = String(value % 1_000_000)
        return String(repeating: "0", count: 6 - text.count) + text
    }
}

/// SHA-1 (FIPS 180-4) and HMAC (RFC 2104), written out for the live test only.
enum HMACSHA1 {
    static func sha1(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
        var data = message
        let length = UInt64(message.count) * 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8((length >> UInt64(shift)) & 0xff)) }
        for chunk in stride(from: 0, to: data.count, by: 64) {
            var w = [UInt32](repeating: 0, count: 80)
            for i in 0..<16 {
                w[i] = (0..<4).reduce(UInt32(0)) { ($0 << 8) | UInt32(data[chunk + 4 * i + $1]) }
            }
            for i in 16..<80 {
                let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                w[i] = (x << 1) | (x >> 31)
            }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch i {
                case 0..<20: ((b & c) | (~b & d), 0x5A827999)
                case 20..<40: (b ^ c ^ d, 0x6ED9EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1BBCDC)
                default: (b ^ c ^ d, 0xCA62C1D6)
                }
                let temp = ((a << 5) | (a >> 27)) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, (b << 30) | (b >> 2), a, temp)
            }
            h[0] = h[0] &+ a; h[1] = h[1] &+ b; h[2] = h[2] &+ c; h[3] = h[3] &+ d; h[4] = h[4] &+ e
        }
        return h.flatMap { word in (0..<4).map { UInt8((word >> UInt32(24 - 8 * $0)) & 0xff) } }
    }

    static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > 64 ? sha1(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = sha1(block.map { $0 ^ 0x36 } + message)
        return sha1(block.map { $0 ^ 0x5c } + inner)
    }
}
