/// Why a form body was refused. Every case maps to a 400 response; `message` is safe to
/// show to the user because it never echoes their input.
public enum FormParseError: Error, Equatable, Sendable {
    /// A `%` not followed by two hexadecimal digits.
    case malformedEscape
    /// The decoded bytes of a name or value are not UTF-8.
    case invalidUTF8
    /// More fields than `FormLimits.maxFields`.
    case tooManyFields
    /// A name longer than `FormLimits.maxNameBytes` or a value longer than `maxValueBytes`.
    case fieldTooLong

    public var message: String {
        switch self {
        case .malformedEscape: "The form contains a malformed percent-escape."
        case .invalidUTF8: "The form contains text that is not valid UTF-8."
        case .tooManyFields: "The form has too many fields."
        case .fieldTooLong: "A form field is too long."
        }
    }
}
