import Domain
import Foundation

/// A mail to send, as a use case hands it to `OutboxService.enqueue`. Validated before it
/// is written: the delivery runner must never meet a row it cannot send because of its
/// content.
public struct OutboxMessage: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case invitation, verification
        case passwordReset = "password_reset"
        case invoice, estimate, reminder, test
    }

    public static let maxSubjectLength = 300
    public static let maxNameLength = 200
    public static let maxBodyBytes = 1 << 20
    public static let maxAttachments = 10
    public static let maxAttachmentBytes = 10 << 20
    public static let maxTotalAttachmentBytes = 20 << 20

    /// nil for system mail (sent on behalf of no company).
    public var companyId: Int64?
    public var kind: Kind
    public var toAddress: String
    public var toName: String
    public var subject: String
    public var textBody: String
    public var htmlBody: String
    public var attachments: [MailAttachment]

    public init(companyId: Int64?, kind: Kind, toAddress: String, toName: String = "", subject: String,
                textBody: String, htmlBody: String = "", attachments: [MailAttachment] = []) {
        self.companyId = companyId
        self.kind = kind
        self.toAddress = toAddress
        self.toName = toName
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
    }

    /// The message with its address normalized, or every problem found.
    public func validated() -> Result<OutboxMessage, ValidationErrors> {
        var clean = self
        var errors = ValidationErrors()
        clean.toAddress = EmailAddress.normalized(toAddress)
        if !EmailAddress.isValid(clean.toAddress) || !MailAddress.isSafeAddress(clean.toAddress) {
            errors.add("to", "Enter an email address like name@example.com.")
        }
        clean.toName = MIMEMessage.singleLine(toName)
        if clean.toName.unicodeScalars.count > Self.maxNameLength {
            errors.add("to_name", "The recipient's name is longer than \(Self.maxNameLength) characters.")
        }
        clean.subject = MIMEMessage.singleLine(subject)
        if clean.subject.isEmpty || clean.subject.unicodeScalars.count > Self.maxSubjectLength {
            errors.add("subject", "A subject of 1 to \(Self.maxSubjectLength) characters is required.")
        }
        if textBody.trimmingWhitespace().isEmpty || textBody.utf8.count > Self.maxBodyBytes {
            errors.add("text_body", "A text body of at most 1 MB is required.")
        }
        if htmlBody.utf8.count > Self.maxBodyBytes {
            errors.add("html_body", "The HTML body is larger than 1 MB.")
        }
        if attachments.count > Self.maxAttachments {
            errors.add("attachments", "At most \(Self.maxAttachments) attachments.")
        }
        if attachments.contains(where: { $0.data.isEmpty || $0.data.count > Self.maxAttachmentBytes })
            || attachments.reduce(0, { $0 + $1.data.count }) > Self.maxTotalAttachmentBytes {
            errors.add("attachments", "Attachments must be 1 byte to 10 MB each, 20 MB in all.")
        }
        clean.attachments = attachments.map {
            MailAttachment(filename: MIMEMessage.safeFilename($0.filename),
                           contentType: MIMEMessage.safeContentType($0.contentType), data: $0.data)
        }
        return errors.isEmpty ? .success(clean) : .failure(errors)
    }
}
