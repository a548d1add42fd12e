import Crypto
import Foundation

/// HOTP (RFC 4226): an HMAC-SHA1 of an 8-byte big-endian counter, dynamically truncated to
/// `digits` decimal digits. Pure: no clock, no storage.
public enum HOTP {
    public static func code(secret: [UInt8], counter: UInt64, digits: Int = 6) -> String {
        var bigEndian = counter.bigEndian
        let message = withUnsafeBytes(of: &bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }
}

/// TOTP (RFC 6238) with SHA-1, 6 digits and 30-second steps, accepting one step either side
/// for clock drift. The caller stores the step it accepted and refuses any step ≤ it (replay).
public enum TOTP {
    public static let period: TimeInterval = 30
    public static let digits = 6

    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    public static func code(secret: [UInt8], at date: Date, digits: Int = TOTP.digits) -> String {
        HOTP.code(secret: secret, counter: UInt64(max(0, step(at: date))), digits: digits)
    }

    /// The time step `code` is valid for at `date` (± one step), or nil. Compares in constant time.
    public static func matchingStep(_ code: String, secret: [UInt8], at date: Date, window: Int64 = 1) -> Int64? {
        let typed = code.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        var found: Int64?
        for candidate in (now - window)...(now + window) where candidate >= 0 {
            if ConstantTime.equals(HOTP.code(secret: secret, counter: UInt64(candidate), digits: digits), typed) {
                found = found ?? candidate
            }
        }
        return found
    }

    /// The otpauth:// URI authenticator apps read (Key URI Format): issuer EZ360PM, the email as account.
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String = "EZ360PM") -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        let label = (issuer + ":" + account).addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: ":"))) ?? issuer
        let issuerParam = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerParam)"
    }
}

/// Base32 (RFC 4648 §6), upper case, without padding when encoding; decoding ignores case,
/// spaces, dashes and padding (people type secrets in groups).
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8], padded: Bool = false) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        if padded { while output.count % 8 != 0 { output.append(UInt8(ascii: "=")) } }
        return String(decoding: output, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.uppercased().utf8 {
            if character == UInt8(ascii: " ") || character == UInt8(ascii: "-") || character == UInt8(ascii: "=") { continue }
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return output
    }
}
