import Domain

/// What a new password must be (issue 3 point 12, OWASP ASVS V6.2): at least 12 characters,
/// at most 1,024 (so nobody can make us hash megabytes), and not on the list of common and
/// breached passwords. Every use case that sets a password calls `check`.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 1_024

    /// The message to show for `password`, or nil when it is acceptable.
    public static func problem(with password: String, email: String = "") -> String? {
        if password.count < minimumLength {
            return "Passwords must be at least \(minimumLength) characters."
        }
        if password.count > maximumLength {
            return "Passwords can be at most \(maximumLength) characters."
        }
        if CommonPasswords.contains(password) {
            return "That password is on a list of common or leaked passwords; choose another (a few unrelated words make a good one)."
        }
        if !email.isEmpty, password.lowercased() == email.lowercased() {
            return "Your password cannot be your email address."
        }
        return nil
    }

    /// Adds the problem, if any, to `errors` under `field`.
    public static func check(_ password: String, email: String = "", field: String = "password", into errors: inout ValidationErrors) {
        if let problem = problem(with: password, email: email) { errors.add(field, problem) }
    }
}
