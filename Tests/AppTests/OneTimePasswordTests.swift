import Foundation
import Testing
@testable import App

/// HOTP (RFC 4226 Appendix D), TOTP (RFC 6238 Appendix B, SHA-1) and Base32 (RFC 4648 §10).
@Suite struct OneTimePasswordTests {
    static let secret = Array("12345678901234567890".utf8)

    @Test func hotpMatchesRFC4226AppendixD() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, code) in expected.enumerated() {
            #expect(HOTP.code(secret: Self.secret, counter: UInt64(counter)) == code, "counter \(counter)")
        }
    }

    @Test(arguments: [(59.0, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
                      (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130")])
    func totpMatchesRFC6238AppendixB(time: Double, code: String) {
        let date = Date(timeIntervalSince1970: time)
        #expect(TOTP.code(secret: Self.secret, at: date, digits: 8) == code)
        #expect(TOTP.code(secret: Self.secret, at: date) == String(code.suffix(6)))
    }

    @Test func acceptsOneStepEitherSideAndNoMore() throws {
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = TOTP.step(at: now)
        for offset in [-1.0, 0, 1] {
            let code = TOTP.code(secret: Self.secret, at: now.addingTimeInterval(offset * 30))
            #expect(TOTP.matchingStep(code, secret: Self.secret, at: now) == step + Int64(offset))
        }
        for offset in [-2.0, 2] {
            let code = TOTP.code(secret: Self.secret, at: now.addingTimeInterval(offset * 30))
            #expect(TOTP.matchingStep(code, secret: Self.secret, at: now) == nil)
        }
        #expect(TOTP.matchingStep("12345", secret: Self.secret, at: now) == nil)
        #expect(TOTP.matchingStep("abcdef", secret: Self.secret, at: now) == nil)
    }

    @Test func provisioningURIFollowsTheKeyURIFormat() {
        let uri = TOTP.provisioningURI(secret: Self.secret, account: "ann@acme.example")
        #expect(uri == "otpauth://totp/EZ360PM:ann@acme.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=EZ360PM")
    }

    @Test(arguments: [("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
                      ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======")])
    func base32MatchesRFC4648(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8), padded: true) == encoded)
        #expect(Base32.encode(Array(plain.utf8)) == encoded.replacingOccurrences(of: "=", with: ""))
        #expect(Base32.decode(encoded) == Array(plain.utf8))
        #expect(Base32.decode(encoded.lowercased()) == Array(plain.utf8))
    }

    @Test func base32RoundTripsAndRefusesForeignCharacters() {
        for length in 0..<40 {
            let bytes = SecureRandom.bytes(length)
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(Base32.decode("MZXW 6YTB-OI") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
        #expect(Base32.decode("MZ!W") == nil)
    }
}
