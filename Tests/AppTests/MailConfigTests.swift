import Testing
@testable import App

@Suite struct MailConfigTests {
    @Test func defaults() throws {
        let config = try MailConfig.fromEnvironment([:])
        #expect(config.from == "EZ360PM <no-reply@localhost>")
        #expect(config.sendmailCommand == ["/usr/sbin/sendmail", "-t", "-i"])
        #expect(config.retryPolicy.maxAttempts == 8)
        #expect(try config.fromAddress() == MailAddress(name: "EZ360PM", address: "no-reply@localhost"))
    }

    @Test func environmentOverrides() throws {
        let config = try MailConfig.fromEnvironment([
            "EZ360_MAIL_FROM": "Acme Billing <billing@acme.example>",
            "EZ360_SENDMAIL": "msmtp  -C /etc/msmtprc -t",
            "EZ360_OUTBOX_MAX_ATTEMPTS": " 3 ",
        ])
        #expect(try config.fromAddress() == MailAddress(name: "Acme Billing", address: "billing@acme.example"))
        #expect(config.sendmailCommand == ["msmtp", "-C", "/etc/msmtprc", "-t"])
        #expect(config.retryPolicy.maxAttempts == 3)
        #expect(try MailConfig.fromEnvironment(["EZ360_SENDMAIL": "   "]).sendmailCommand == ["/usr/sbin/sendmail", "-t", "-i"])
    }

    @Test(arguments: [["EZ360_MAIL_FROM": "no address"], ["EZ360_MAIL_FROM": "a@b.c\nBcc: d@e.f"],
                      ["EZ360_OUTBOX_MAX_ATTEMPTS": "0"], ["EZ360_OUTBOX_MAX_ATTEMPTS": "many"],
                      ["EZ360_OUTBOX_MAX_ATTEMPTS": "101"]])
    func badValuesAreClearErrors(environment: [String: String]) {
        #expect(throws: MailConfigError.self) { try MailConfig.fromEnvironment(environment) }
    }
}
