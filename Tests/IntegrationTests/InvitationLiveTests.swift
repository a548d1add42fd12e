import Foundation
import Testing

/// Issue 3, tried as a new user would: the owner invites a colleague through nginx and
/// ez360-fcgi, `ez360 outbox deliver` sends the mail through msmtp to the SMTP sink, and the
/// colleague follows the link from the received mail, sets a password and lands signed in.
@Suite(.serialized)
struct InvitationLiveTests {
    @Test func anInvitationArrivesByMailAndItsLinkSignsTheColleagueIn() throws {
        Stack.outboxLock.lock()
        defer { Stack.outboxLock.unlock() }
        let stack = try Stack.get()
        let lab = try MailDeliveryTests.MailLab()
        let owner = stack.browser("inviter")
        #expect(try owner.signIn(Stack.ownerA).status == 303)
        let email = "colleague-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let sent = try owner.post("/members/invitations", [("_csrf", try owner.formToken("/members")), ("email", email),
                                                           ("role", "staff")])
        #expect(sent.status == 303, "\(sent.summary)")

        try ChildProcess.runChecked(Paths.ez360, ["outbox", "deliver", "--data-dir", stack.dataDirectory],
                                    environment: ChildProcess.environment(lab.msmtpEnvironment), scratchDirectory: lab.directory)
        let message = try #require(try lab.received().first { ($0["rcpt_tos"] as? [String]) == [email] }, "\(lab.log())")
        #expect(MailDeliveryTests.header(message, "Subject") == ["You are invited to join Company A on EZ360PM"])
        let text = try #require(message["text"] as? String)
        let start = try #require(text.range(of: "/invitations/"))
        let path = String(text[start.lowerBound...].prefix { !$0.isWhitespace })

        let colleague = stack.browser("colleague")
        let form = try colleague.get(path)
        #expect(form.status == 200 && form.text.contains("Join Company A"), "\(form.summary)")
        let token = try #require(Scrape.csrfToken(form.text))
        let accepted = try colleague.post(path, [("_csrf", token), ("name", "New Colleague"),
                                                 ("password", "colleague password long enough")])
        #expect(accepted.status == 303 && accepted.location == "/", "\(accepted.summary)")
        let home = try colleague.get("/")
        #expect(home.status == 200 && home.text.contains(email))
        #expect(try colleague.get(path).status == 410)
    }
}
