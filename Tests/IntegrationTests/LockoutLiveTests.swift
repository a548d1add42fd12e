import Foundation
import Testing

/// Issue 3, as a person would meet it: repeated wrong passwords through nginx lock the account
/// and the client address (nginx's `$remote_addr`, here 127.0.0.77 so no other test shares
/// it); the right password is then refused too, with no hint whether the account exists.
@Suite(.serialized)
struct LockoutLiveTests {
    static let user = TestUser(email: "careless@example.com", password: "the right password, long", company: "Company Lockout")

    @Test func fiveWrongPasswordsLockTheAccount() throws {
        let stack = try Stack.get()
        try ChildProcess.runChecked(Paths.ez360, ["user", "create", "--data-dir", stack.dataDirectory, "--email", Self.user.email,
                                                  "--company", Self.user.company, "--role", "owner", "--password-stdin"],
                                    environment: ChildProcess.environment(), stdin: Self.user.password + "\n",
                                    scratchDirectory: stack.varDirectory)
        let attacker = stack.browser("attacker")
        attacker.sourceAddress = "127.0.0.77"
        for attempt in 1...4 {
            let wrong = try attacker.signIn(Self.user, password: "wrong guess number \(attempt)")
            #expect(wrong.status == 422, "attempt \(attempt): \(wrong.summary)")
        }
        // The fifth failure is the one that locks: it is already answered as locked.
        #expect(try attacker.signIn(Self.user, password: "wrong guess number 5").status == 429)
        let locked = try attacker.signIn(Self.user)
        #expect(locked.status == 429, "\(locked.summary)")
        #expect(locked.text.contains("Try again later"))
        let unknown = try attacker.signIn(TestUser(email: "nobody-here@example.com", password: "whatever it is, long",
                                                   company: ""))
        #expect(unknown.status == 429, "the address is locked too, whatever the email")

        let owner = stack.browser("owner from another address")
        owner.sourceAddress = "127.0.0.78"
        #expect(try owner.signIn(Self.user).status == 429, "the account itself is locked, from any address")
        let someoneElse = stack.browser("someone else")
        someoneElse.sourceAddress = "127.0.0.79"
        #expect(try someoneElse.signIn(Stack.ownerB).status == 303, "other accounts and addresses are unaffected")

        let log = try String(contentsOfFile: stack.fcgiLogPath, encoding: .utf8)
        #expect(log.contains("\"status\":429"))
    }
}
