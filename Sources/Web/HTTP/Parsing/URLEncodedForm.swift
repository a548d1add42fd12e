/// `application/x-www-form-urlencoded` bodies and query strings, decoded as the WHATWG URL
/// standard does (`+` is a space, `%XX` is a byte, pairs split on `&`), working on UTF-8
/// bytes throughout.
public enum URLEncodedForm {
    /// Strict: a form body is something our own pages produced, so anything undecodable is
    /// a broken or hostile client and the whole request is refused.
    ///
    /// Empty pairs (`a=1&&b=2`) are skipped; a pair without `=` has an empty value; a pair
    /// with an empty name (`=x`) is kept under the name `""`, as browsers do.
    public static func parse(_ bytes: [UInt8], limits: FormLimits = .default) throws(FormParseError) -> FormData {
        try decode(bytes[...], limits: limits, strict: true)
    }

    /// Lenient: query strings come from links that anyone can type or truncate, so a bad
    /// pair is dropped instead of failing the page. Fields beyond `limits.maxFields` and
    /// over-long fields are dropped too. A leading `?` is ignored.
    public static func parseQuery(_ query: some StringProtocol, limits: FormLimits = .default) -> FormData {
        var bytes = Array(query.utf8)[...]
        if bytes.first == ASCII.questionMark {
            bytes = bytes.dropFirst()
        }
        do {
            return try decode(bytes, limits: limits, strict: false)
        } catch {
            // Lenient mode never throws; an empty form is the safe answer if it ever did.
            return FormData()
        }
    }

    private static func decode(
        _ bytes: ArraySlice<UInt8>, limits: FormLimits, strict: Bool
    ) throws(FormParseError) -> FormData {
        var form = FormData()
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: ASCII.ampersand) ?? bytes.endIndex
            let segment = bytes[start..<end]
            start = end + 1
            if segment.isEmpty { continue }

            if form.count >= limits.maxFields {
                if strict { throw .tooManyFields }
                break
            }
            let equals = segment.firstIndex(of: ASCII.equals)
            let rawName = segment[..<(equals ?? segment.endIndex)]
            let rawValue = equals.map { segment[($0 + 1)...] } ?? segment[segment.endIndex...]
            do {
                let name = try decodeComponent(rawName, maxBytes: limits.maxNameBytes)
                let value = try decodeComponent(rawValue, maxBytes: limits.maxValueBytes)
                form.append(name, value)
            } catch {
                if strict { throw error }
            }
        }
        return form
    }

    /// Percent- and plus-decodes one name or value, then checks the bytes are UTF-8.
    static func decodeComponent(_ raw: ArraySlice<UInt8>, maxBytes: Int) throws(FormParseError) -> String {
        // Most fields carry no escapes: validate them in place without copying.
        if !raw.contains(where: { $0 == ASCII.percent || $0 == ASCII.plus }) {
            guard raw.count <= maxBytes else { throw .fieldTooLong }
            guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8 }
            return text
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(min(raw.count, maxBytes))
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            switch byte {
            case ASCII.plus:
                decoded.append(ASCII.space)
                index += 1
            case ASCII.percent:
                guard raw.endIndex - index >= 3,
                      let high = hexValue(raw[index + 1]),
                      let low = hexValue(raw[index + 2])
                else { throw .malformedEscape }
                decoded.append(high << 4 | low)
                index += 3
            default:
                decoded.append(byte)
                index += 1
            }
            // Stop as soon as the limit is passed rather than decoding a huge field first.
            if decoded.count > maxBytes { throw .fieldTooLong }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
