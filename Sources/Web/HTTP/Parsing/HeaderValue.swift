/// Header values of the form `token; name=value; name="quoted value"` (Content-Type,
/// Content-Disposition; RFC 9110 §5.6.6 and RFC 6266).
public enum HeaderValue {
    /// The leading value and its parameters. The value is trimmed and lowercased, and
    /// parameter names are lowercased, because media types, disposition types and
    /// parameter names are all case-insensitive; parameter values keep their case
    /// (boundaries and filenames are case-sensitive).
    ///
    /// Parsing is lenient and never fails: parameters without `=` or with an empty name
    /// are skipped, an unterminated quoted string runs to the end of the header, text after
    /// a closing quote up to the next `;` is ignored, and a repeated parameter keeps its
    /// first value so that two readers of the same header cannot disagree.
    ///
    /// Inside quotes, a backslash escapes only `"` and `\`. Browsers do not escape
    /// backslashes in multipart filenames (the HTML standard only percent-encodes `"`, CR
    /// and LF), and some send Windows paths, so `"C:\Users\a.pdf"` keeps its backslashes
    /// for the filename sanitizer to cut at.
    public static func parameters(_ value: String) -> (value: String, parameters: [String: String]) {
        let bytes = Array(value.utf8)
        let count = bytes.count
        var index = bytes.firstIndex(of: ASCII.semicolon) ?? count
        let leading = ASCII.lowercasedString(ASCII.trimmed(bytes[..<index]))

        var parameters: [String: String] = [:]
        while index < count {
            while index < count, bytes[index] == ASCII.semicolon || ASCII.isWhitespace(bytes[index]) {
                index += 1
            }
            let nameStart = index
            while index < count, bytes[index] != ASCII.equals, bytes[index] != ASCII.semicolon {
                index += 1
            }
            let name = ASCII.lowercasedString(ASCII.trimmed(bytes[nameStart..<index]))
            guard index < count, bytes[index] == ASCII.equals else { continue }
            index += 1
            while index < count, ASCII.isWhitespace(bytes[index]) {
                index += 1
            }

            var parameterValue: [UInt8] = []
            if index < count, bytes[index] == ASCII.quote {
                index += 1
                while index < count {
                    let byte = bytes[index]
                    if byte == ASCII.quote {
                        index += 1
                        break
                    }
                    if byte == ASCII.backslash, index + 1 < count,
                       bytes[index + 1] == ASCII.quote || bytes[index + 1] == ASCII.backslash {
                        parameterValue.append(bytes[index + 1])
                        index += 2
                        continue
                    }
                    parameterValue.append(byte)
                    index += 1
                }
                while index < count, bytes[index] != ASCII.semicolon {
                    index += 1
                }
            } else {
                let valueStart = index
                while index < count, bytes[index] != ASCII.semicolon {
                    index += 1
                }
                parameterValue = Array(ASCII.trimmed(bytes[valueStart..<index]))
            }
            if !name.isEmpty, parameters[name] == nil {
                // Only ASCII bytes were removed, so the bytes are still valid UTF-8.
                parameters[name] = String(decoding: parameterValue, as: UTF8.self)
            }
        }
        return (leading, parameters)
    }
}
