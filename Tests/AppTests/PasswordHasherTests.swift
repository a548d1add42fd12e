import Crypto
import Foundation
import Testing
import _CryptoExtras
@testable import App

@Suite("PasswordHasher")
struct PasswordHasherTests {
    @Test func hashIsSelfDescribing() throws {
        let hash = try fastHasher.hash(testPassword)
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 5)
        #expect(parts[0] == "" && parts[1] == "scrypt" && parts[2] == "ln=10,r=8,p=1")
        let salt = try #require(Data(base64Encoded: parts[3]))
        let key = try #require(Data(base64Encoded: parts[4]))
        #expect(salt.count == 16)
        #expect(key.count == 32)
        #expect(hash.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
    }

    @Test func theStoredKeyIsScryptOfThePasswordAndSalt() throws {
        let hash = try PasswordHasher(logN: 10, blockSize: 4, parallelism: 2).hash("pässwörd ✓")
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        #expect(parts[2] == "ln=10,r=4,p=2")
        let salt = try #require(Data(base64Encoded: parts[3]))
        let expected = try KDF.Scrypt.deriveKey(from: Array("pässwörd ✓".utf8), salt: salt, outputByteCount: 32,
                                                rounds: 1 << 10, blockSize: 4, parallelism: 2)
        #expect(expected.withUnsafeBytes { Data($0) } == Data(base64Encoded: parts[4]))
    }

    @Test func eachHashHasItsOwnSalt() throws {
        let first = try fastHasher.hash(testPassword)
        let second = try fastHasher.hash(testPassword)
        #expect(first != second)
        #expect(fastHasher.verify(testPassword, against: first))
        #expect(fastHasher.verify(testPassword, against: second))
    }

    @Test func verifiesTheRightPasswordOnly() throws {
        let hash = try fastHasher.hash(testPassword)
        #expect(fastHasher.verify(testPassword, against: hash))
        #expect(!fastHasher.verify(testPassword + " ", against: hash))
        #expect(!fastHasher.verify("Correct horse battery staple", against: hash))
        #expect(!fastHasher.verify("", against: hash))
    }

    @Test func verificationUsesTheStoredParametersNotTheHashersOwn() throws {
        let hash = try PasswordHasher(logN: 11).hash(testPassword)
        #expect(fastHasher.verify(testPassword, against: hash))
        #expect(PasswordHasher(logN: 12, blockSize: 16, parallelism: 4).verify(testPassword, against: hash))
    }

    @Test func emptyAndUnicodePasswordsRoundTrip() throws {
        for password in ["", "日本語のパスワード", "e\u{301}", "\u{0}null inside"] {
            #expect(fastHasher.verify(password, against: try fastHasher.hash(password)), "\(password)")
        }
        // NFC and NFD spellings are different bytes: the hasher does not normalize.
        #expect(!fastHasher.verify("\u{E9}", against: try fastHasher.hash("e\u{301}")))
    }

    static let validSalt = Data(repeating: 7, count: 16).base64EncodedString()
    static let validKey = Data(repeating: 9, count: 32).base64EncodedString()

    static let malformed: [String] = [
        "",
        "$",
        "scrypt",
        "$scrypt$",
        "$bcrypt$ln=10,r=8,p=1$\(validSalt)$\(validKey)",
        "scrypt$ln=10,r=8,p=1$\(validSalt)$\(validKey)",
        "x$scrypt$ln=10,r=8,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=10,r=8,p=1$\(validSalt)$\(validKey)$extra",
        "$scrypt$ln=10,r=8,p=1$\(validSalt)",
        "$scrypt$ln=10,r=8,p=1$!!not base64!!$\(validKey)",
        "$scrypt$ln=10,r=8,p=1$\(validSalt)$!!not base64!!",
        "$scrypt$ln=10,r=8,p=1$$\(validKey)",
        "$scrypt$ln=10,r=8,p=1$\(validSalt)$\(Data(repeating: 9, count: 31).base64EncodedString())",
        "$scrypt$ln=10,r=8,p=1$\(validSalt)$\(Data(repeating: 9, count: 64).base64EncodedString())",
        "$scrypt$ln=99,r=8,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=0,r=8,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=-1,r=8,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=10,r=0,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=10,r=33,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=10,r=8,p=0$\(validSalt)$\(validKey)",
        "$scrypt$ln=10,r=8,p=17$\(validSalt)$\(validKey)",
        "$scrypt$ln=10,r=8$\(validSalt)$\(validKey)",
        "$scrypt$ln=ten,r=8,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=10,r=8,p=1,x$\(validSalt)$\(validKey)",
        "$scrypt$ln=10=1,r=8,p=1$\(validSalt)$\(validKey)",
        "$scrypt$ln=99999999999999999999,r=8,p=1$\(validSalt)$\(validKey)",
        "$scrypt$$\(validSalt)$\(validKey)",
    ]

    @Test(arguments: malformed)
    func aMalformedStoredHashNeverVerifiesAndAsksForARehash(stored: String) {
        #expect(!fastHasher.verify(testPassword, against: stored))
        #expect(!fastHasher.verify("", against: stored))
        #expect(fastHasher.needsRehash(stored))
    }

    @Test func aWellFormedHashOfAnotherKeyDoesNotVerify() {
        #expect(!fastHasher.verify(testPassword, against: "$scrypt$ln=10,r=8,p=1$\(Self.validSalt)$\(Self.validKey)"))
    }

    @Test func tamperingWithTheParametersBreaksVerification() throws {
        let hash = try fastHasher.hash(testPassword)
        #expect(!fastHasher.verify(testPassword, against: hash.replacingOccurrences(of: "ln=10,", with: "ln=11,")))
        #expect(!fastHasher.verify(testPassword, against: hash.replacingOccurrences(of: "r=8,", with: "r=7,")))
    }

    @Test func needsRehashWhenAnyParameterIsWeaker() throws {
        let current = PasswordHasher(logN: 11, blockSize: 8, parallelism: 2)
        #expect(!current.needsRehash(try current.hash("pw")))
        #expect(current.needsRehash(try PasswordHasher(logN: 10, blockSize: 8, parallelism: 2).hash("pw")))
        #expect(current.needsRehash(try PasswordHasher(logN: 11, blockSize: 4, parallelism: 2).hash("pw")))
        #expect(current.needsRehash(try PasswordHasher(logN: 11, blockSize: 8, parallelism: 1).hash("pw")))
        #expect(!current.needsRehash(try PasswordHasher(logN: 12, blockSize: 8, parallelism: 2).hash("pw")),
                "a stronger hash is never downgraded")
    }

    @Test func productionParametersAreOWASPs() {
        #expect(PasswordHasher.production.logN == 17)
        #expect(PasswordHasher.production.blockSize == 8)
        #expect(PasswordHasher.production.parallelism == 1)
        #expect(PasswordHasher.production.needsRehash("$scrypt$ln=10,r=8,p=1$\(Self.validSalt)$\(Self.validKey)"))
    }
}
