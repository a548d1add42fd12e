import Testing
@testable import Domain

@Suite("EmailAddress")
struct EmailAddressTests {
    @Test func normalizedTrimsAndLowercases() {
        #expect(EmailAddress.normalized("  Ada.Lovelace@Example.COM \n") == "ada.lovelace@example.com")
        #expect(EmailAddress.normalized("") == "")
        #expect(EmailAddress.normalized(" \t ") == "")
    }

    @Test(arguments: ["a@b.c", "ada@example.com", "first.last+tag@sub.example.co.uk", "x@xn--bcher-kva.example",
                      "o'brien@example.ie", "zoë@exämple.de"])
    func validAddresses(email: String) {
        #expect(EmailAddress.isValid(email))
    }

    @Test(arguments: ["", "a@b", "a b@c.d", "@x.y", "a@", "a@@b.c", "a@b@c.d", "a@.b.c", "a@b.c.", "a@b..c",
                      "a\u{0}@b.c", "a\t@b.c", "a@b.c\n", "a\u{7F}@b.c", "<a>@b.c", "a,b@c.d", "a;b@c.d",
                      "a:b@c.d", "\"a\"@b.c", "a(b)@c.d", "a[b]@c.d", "a\\b@c.d", "a@b\u{A0}.c"])
    func invalidAddresses(email: String) {
        #expect(!EmailAddress.isValid(email))
    }

    @Test func localPartIsLimitedTo64Bytes() {
        #expect(EmailAddress.isValid(String(repeating: "a", count: 64) + "@example.com"))
        #expect(!EmailAddress.isValid(String(repeating: "a", count: 65) + "@example.com"))
    }

    @Test func wholeAddressIsLimitedTo254Bytes() {
        let domain254 = String(repeating: "d", count: 254 - 2 - 4) + ".com"       // "a@" + domain = 254
        #expect(EmailAddress.isValid("a@" + domain254))
        #expect(!EmailAddress.isValid("ab@" + domain254))
        #expect(EmailAddress.maxLength == 254)
    }

    @Test func trimmingWhitespaceKeepsInnerWhitespace() {
        #expect("  a  b \n".trimmingWhitespace() == "a  b")
        #expect("\u{2003}x\u{A0}".trimmingWhitespace() == "x")
        #expect("".trimmingWhitespace() == "")
        #expect("\n\t ".trimmingWhitespace() == "")
        #expect("é".trimmingWhitespace() == "é")
    }
}
