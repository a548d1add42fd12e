import Foundation
import Testing

/// Issue 3, as a person would: forgot the password, the reset mail arrives through
/// `ez360 outbox deliver` → msmtp → the SMTP sink, its link sets a new password, the old
/// one stops working and the old session is gone.
@Suite(.serialized)
struct PasswordResetLiveTests {
    static let user = TestUser(email: "forgetful@example.com", password: "the old password, long", company: "Company Reset")

    @Test func aResetLinkFromTheMailSetsANewPassword() throws {
        Stack.outboxLock.lock()
        defer { Stack.outboxLock.unlock() }
        let stack = try Stack.get()
        let lab = try MailDeliveryTests.MailLab()
        try ChildProcess.runChecked(Paths.ez360, ["user", "create", "--data-dir", stack.dataDirectory, "--email", Self.user.email,
                                                  "--company", Self.user.company, "--role", "owner", "--password-stdin"],
                                    environment: ChildProcess.environment(), stdin: Self.user.password + "\n",
                                    scratchDirectory: stack.varDirectory)
        let oldDevice = stack.browser("old device")
        #expect(try oldDevice.signIn(Self.user).status == 303)

        let browser = stack.browser("forgetful")
        let form = try browser.get("/password/forgot")
        let token = try #require(Scrape.csrfToken(form.text), "\(form.summary)")
        let asked = try browser.post("/password/forgot", [("_csrf", token), ("email", Self.user.email)])
        #expect(asked.status == 303, "\(asked.summary)")

        try ChildProcess.runChecked(Paths.ez360, ["outbox", "deliver", "--data-dir", stack.dataDirectory],
                                    environment: ChildProcess.environment(lab.msmtpEnvironment), scratchDirectory: lab.directory)
        let message = try #require(try lab.received().first { ($0["rcpt_tos"] as? [String]) == [Self.user.email] }, "\(lab.log())")
        #expect(MailDeliveryTests.header(message, "Subject") == ["Reset your EZ360PM password"])
        let text = try #require(message["text"] as? String)
        let start = try #require(text.range(of: "/password/reset/"))
        let path = String(text[start.lowerBound...].prefix { !$0.isWhitespace })

        let resetForm = try browser.get(path)
        #expect(resetForm.status == 200, "\(resetForm.summary)")
        let resetToken = try #require(Scrape.csrfToken(resetForm.text))
        let newPassword = "a brand new password, long enough"
        let reset = try browser.post(path, [("_csrf", resetToken), ("password", newPassword)])
        #expect(reset.status == 303, "\(reset.summary)")
        #expect(try browser.get(path).status == 410, "the link works once")

        #expect(try oldDevice.get("/clients").status == 303, "every session ended with the reset")
        #expect(try stack.browser("old password").signIn(Self.user).status == 422)
        let fresh = stack.browser("new password")
        #expect(try fresh.signIn(Self.user, password: newPassword).status == 303)
        #expect(try fresh.get("/clients").status == 200)
    }
}
