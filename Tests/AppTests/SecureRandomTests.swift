import Foundation
import Testing
@testable import App

@Suite("SecureRandom, Base64URL, TokenHash, ConstantTime")
struct SecureRandomTests {
    static let base64URLAlphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test func tokensAre43Base64URLCharacters() {
        for _ in 0..<200 {
            let token = SecureRandom.token()
            #expect(token.count == 43)
            #expect(token.allSatisfy { Self.base64URLAlphabet.contains($0) }, "\(token)")
        }
    }

    @Test func tokensDoNotRepeat() {
        let tokens = (0..<2_000).map { _ in SecureRandom.token() }
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func bytesHaveTheAskedCountAndVary() {
        #expect(SecureRandom.bytes(0).isEmpty)
        #expect(SecureRandom.bytes(16).count == 16)
        let samples = (0..<64).map { _ in SecureRandom.bytes(32) }
        #expect(Set(samples.map { Data($0) }).count == 64)
        // Over 64 × 32 bytes every bit position is set somewhere: not a stuck generator.
        #expect(samples.joined().reduce(UInt8(0)) { $0 | $1 } == 0xFF)
    }

    @Test func passwordsUseTheUnambiguousAlphabet() {
        let alphabet = Set("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        let password = SecureRandom.password()
        #expect(password.count == 20)
        #expect(password.allSatisfy { alphabet.contains($0) })
        #expect(SecureRandom.password(length: 32).count == 32)
        for lookAlike in "il1Lo0OI" { #expect(!alphabet.contains(lookAlike)) }
        #expect(SecureRandom.password() != SecureRandom.password())
    }

    @Test func base64URLReplacesTheTwoUnsafeCharactersAndDropsPadding() {
        #expect(Base64URL.encode([]) == "")
        #expect(Base64URL.encode([0xFB, 0xFF, 0xFE]) == "-__-")       // standard: "+//+"
        #expect(Base64URL.encode([0xFF]) == "_w")                     // standard: "/w=="
        #expect(Base64URL.encode(Array("hello".utf8)) == "aGVsbG8")   // standard: "aGVsbG8="
        #expect(Base64URL.encode([UInt8](repeating: 0, count: 32)).count == 43)
    }

    @Test func base64URLAgreesWithFoundationForEveryLengthAndByte() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + length * 11) } + (length > 0 ? [0xFF, 0x00, 0xFB] : [])
            let standard = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == standard, "\(length)")
        }
    }

    @Test func tokenHashIsLowercaseHexSHA256() {
        #expect(TokenHash.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(TokenHash.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let hash = TokenHash.sha256Hex(SecureRandom.token())
        #expect(hash.count == 64)
        #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(TokenHash.sha256Hex("a") != TokenHash.sha256Hex("A"))
    }

    @Test func constantTimeEquals() {
        #expect(ConstantTime.equals("", ""))
        #expect(ConstantTime.equals("token", "token"))
        #expect(!ConstantTime.equals("token", "tokeN"))
        #expect(!ConstantTime.equals("Token", "token"))
        #expect(!ConstantTime.equals("token", "token "))
        #expect(!ConstantTime.equals("", "x"))
        #expect(!ConstantTime.equals("é", "e\u{301}"), "compares bytes, not canonical equivalence")
        #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 4]))
        #expect(!ConstantTime.equals([0] as [UInt8], [0, 0]))
        #expect(!ConstantTime.equals([0x80] as [UInt8], [0x00]))
    }
}
