import App

/// X-Request-ID: an inbound id is kept when it is well-formed (so nginx or a load balancer
/// can correlate), otherwise a fresh one is made. Always returned on the response.
enum RequestID {
    static func resolve(_ inbound: String?) -> String {
        if let inbound, isWellFormed(inbound) { return inbound }
        return Base64URL.encode(SecureRandom.bytes(12))
    }

    static func isWellFormed(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (8...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }
    }
}
