extension SetCookie {
    /// A cookie whose name and value this code made itself (random tokens, base64url), which
    /// SetCookie's validation always accepts; nil would mean a programming error, and then no
    /// cookie is set rather than a malformed one.
    static func ours(_ name: String, _ value: String, maxAge: Int? = nil, secure: Bool) -> SetCookie? {
        try? SetCookie(name: name, value: value, maxAge: maxAge, secure: secure)
    }

    static func removal(_ name: String, secure: Bool) -> SetCookie? {
        try? SetCookie.deletion(name: name, secure: secure)
    }
}

extension MultipartError {
    /// Errors that mean "too big" (413) rather than "malformed" (400).
    var isSizeLimit: Bool {
        switch self {
        case .tooLarge, .fileTooLarge: true
        default: false
        }
    }
}
