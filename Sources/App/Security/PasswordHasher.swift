import Crypto
import _CryptoExtras
import Foundation

/// scrypt password hashes in a self-describing string, `$scrypt$ln=17,r=8,p=1$SALT$HASH`
/// (base64), so the parameters can be raised later and old hashes upgraded at sign-in.
public struct PasswordHasher: Sendable {
    /// log2 of scrypt's N. 17 (N=2^17, r=8, p=1: 128 MiB) is the OWASP ASVS minimum for scrypt.
    public let logN: Int
    public let blockSize: Int
    public let parallelism: Int

    public static let production = PasswordHasher(logN: 17, blockSize: 8, parallelism: 1)

    public init(logN: Int, blockSize: Int = 8, parallelism: Int = 1) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    public func hash(_ password: String) throws -> String {
        let salt = SecureRandom.bytes(16)
        let key = try derive(password, salt: salt, logN: logN, blockSize: blockSize, parallelism: parallelism)
        return "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Constant-time comparison of the derived key. A malformed stored hash never verifies.
    public func verify(_ password: String, against stored: String) -> Bool {
        guard let parsed = ParsedHash(stored),
              let key = try? derive(password, salt: parsed.salt, logN: parsed.logN,
                                    blockSize: parsed.blockSize, parallelism: parsed.parallelism)
        else { return false }
        return ConstantTime.equals(key, parsed.key)
    }

    /// True when the stored hash was made with weaker parameters than these.
    public func needsRehash(_ stored: String) -> Bool {
        guard let parsed = ParsedHash(stored) else { return true }
        return parsed.logN < logN || parsed.blockSize < blockSize || parsed.parallelism < parallelism
    }

    private func derive(_ password: String, salt: [UInt8], logN: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32,
                                           rounds: 1 << logN, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    private struct ParsedHash {
        let logN: Int, blockSize: Int, parallelism: Int
        let salt: [UInt8], key: [UInt8]

        init?(_ stored: String) {
            let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
            var values: [String: Int] = [:]
            for item in parts[2].split(separator: ",") {
                let pair = item.split(separator: "=")
                guard pair.count == 2, let value = Int(pair[1]) else { return nil }
                values[String(pair[0])] = value
            }
            guard let logN = values["ln"], let r = values["r"], let p = values["p"],
                  (10...20).contains(logN), (1...16).contains(r), (1...4).contains(p),
                  let salt = Data(base64Encoded: String(parts[3])), let key = Data(base64Encoded: String(parts[4])),
                  !salt.isEmpty, key.count == 32
            else { return nil }
            (self.logN, self.blockSize, self.parallelism) = (logN, r, p)
            (self.salt, self.key) = (Array(salt), Array(key))
        }
    }
}
