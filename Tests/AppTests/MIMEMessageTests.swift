import Foundation
import Testing
@testable import App

/// RFC 5322 / MIME building: exact output for ordinary mail, and hostile input that must
/// neither add a header nor break the structure.
@Suite struct MIMEMessageTests {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)  // Fri, 15 Jan 2027 08:00:00 UTC

    static func message(subject: String = "Invoice INV-202611-0001", toName: String = "Ada Lovelace",
                        text: String = "Hello Ada,\nYour invoice is attached.", html: String = "<p>Hello Ada</p>",
                        attachments: [MailAttachment] = []) -> MIMEMessage {
        MIMEMessage(from: MailAddress(name: "EZ360PM", address: "no-reply@example.com"),
                    to: MailAddress(name: toName, address: "ada@example.com"), subject: subject, textBody: text,
                    htmlBody: html, attachments: attachments, date: date, messageID: "m1@example.com", boundaryToken: "abc123")
    }

    static func render(_ message: MIMEMessage) throws -> String {
        String(decoding: try message.rendered(), as: UTF8.self)
    }

    /// The header section, unfolded: one entry per field.
    static func headers(_ rendered: String) -> [String] {
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        return head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
    }

    /// Decodes RFC 2047 B encoded-words of a header value (what a mail client shows).
    static func decodeWords(_ value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n ", with: " ")
        guard unfolded.hasPrefix("=?UTF-8?B?") else { return unfolded }
        var bytes: [UInt8] = []
        for word in unfolded.split(separator: " ") {
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            bytes += Data(base64Encoded: String(payload)).map { [UInt8]($0) } ?? []
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
               let byte = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func assertWellFormedLines(_ rendered: String, maxLength: Int = 998, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(rendered.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)", sourceLocation: sourceLocation) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)", sourceLocation: sourceLocation) }
        }
        #expect(rendered.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        for line in rendered.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= maxLength, "line of \(line.utf8.count): \(line.prefix(80))", sourceLocation: sourceLocation)
        }
    }

    @Test func aTextAndHTMLMessageIsExactlyThis() throws {
        let expected = [
            "From: EZ360PM <no-reply@example.com>",
            "To: Ada Lovelace <ada@example.com>",
            "Subject: Invoice INV-202611-0001",
            "Date: Fri, 15 Jan 2027 08:00:00 +0000",
            "Message-ID: <m1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;",
            " boundary=\"=_ez360_alt_abc123\"",
            "",
            "--=_ez360_alt_abc123",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Hello Ada,",
            "Your invoice is attached.",
            "--=_ez360_alt_abc123",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "<p>Hello Ada</p>",
            "--=_ez360_alt_abc123--",
            "",
        ].joined(separator: "\r\n")
        #expect(try Self.render(Self.message()) == expected)
    }

    @Test func aTextOnlyMessageIsASinglePart() throws {
        let rendered = try Self.render(Self.message(html: ""))
        #expect(rendered.hasSuffix("""
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Hello Ada,\r
            Your invoice is attached.\r

            """))
        #expect(!rendered.contains("multipart"))
    }

    @Test func attachmentsWrapTheAlternativeInMixed() throws {
        let pdf: [UInt8] = [0, 1, 2, 255, 254, 253]
        let rendered = try Self.render(Self.message(attachments: [
            MailAttachment(filename: "invoice.pdf", contentType: "application/pdf", data: pdf),
        ]))
        #expect(rendered.contains("""
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed;\r
             boundary="=_ez360_mix_abc123"\r
            \r
            --=_ez360_mix_abc123\r
            Content-Type: multipart/alternative;\r
             boundary="=_ez360_alt_abc123"\r
            \r
            --=_ez360_alt_abc123\r
            """))
        #expect(rendered.hasSuffix("""
            --=_ez360_alt_abc123--\r
            --=_ez360_mix_abc123\r
            Content-Type: application/pdf;\r
             name="invoice.pdf"\r
            Content-Disposition: attachment;\r
             filename="invoice.pdf"\r
            Content-Transfer-Encoding: base64\r
            \r
            AAEC//79\r
            --=_ez360_mix_abc123--\r

            """))
    }

    @Test func largeAttachmentsAreBase64InLinesOf76() throws {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let rendered = try Self.render(Self.message(attachments: [MailAttachment(filename: "a.bin", contentType: "application/octet-stream", data: data)]))
        let body = try #require(rendered.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n").last)
        let base64Lines = body.components(separatedBy: "\r\n--=_ez360_mix_abc123--")[0].components(separatedBy: "\r\n")
        #expect(base64Lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        #expect(Data(base64Encoded: base64Lines.joined()).map { [UInt8]($0) } == data)
        Self.assertWellFormedLines(rendered, maxLength: 78)
    }

    @Test func nonASCIIHeadersBecomeEncodedWords() throws {
        let rendered = try Self.render(Self.message(subject: "Grüße aus Köln", toName: "Zoë Ünal"))
        let headers = Self.headers(rendered)
        #expect(headers.contains("Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?="))
        #expect(headers.contains("To: =?UTF-8?B?Wm/DqyDDnG5hbA==?= <ada@example.com>"))
    }

    @Test func aLongNonASCIISubjectIsFoldedIntoWholeCharacterWords() throws {
        let subject = String(repeating: "Счёт за ноябрь — €1 234,50 ✓ ", count: 8).trimmingCharacters(in: .whitespaces)
        let rendered = try Self.render(Self.message(subject: subject))
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        let lines = head.components(separatedBy: "\r\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        var value = String(lines[start].dropFirst("Subject: ".count))
        var next = start + 1
        while lines[next].hasPrefix(" ") {
            value += "\r\n" + lines[next]
            next += 1
        }
        #expect(next - start > 3, "a long subject takes several lines")
        for line in lines[start..<next] { #expect(line.utf8.count <= 78) }
        for word in value.replacingOccurrences(of: "\r\n ", with: " ").split(separator: " ") {
            #expect(word.utf8.count <= 75)
            // Each word decodes on its own to valid UTF-8 (no character split across words).
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = try #require(Data(base64Encoded: String(payload)))
            #expect(String(data: bytes, encoding: .utf8) != nil)
        }
        #expect(Self.decodeWords(value) == subject)
    }

    @Test func aLongASCIISubjectIsFoldedAtSpaces() throws {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ")
        let rendered = try Self.render(Self.message(subject: subject))
        let subjectHeader = try #require(Self.headers(rendered).first { $0.hasPrefix("Subject: ") })
        #expect(subjectHeader == "Subject: " + subject)
        Self.assertWellFormedLines(rendered.components(separatedBy: "\r\n\r\n")[0] + "\r\n", maxLength: 78)
    }

    @Test func headerInjectionThroughSubjectOrNameIsImpossible() throws {
        let hostile = Self.message(subject: "Hello\r\nBcc: victim@example.com\r\n\r\nInjected body",
                                   toName: "Evil \"Boss\"\nBcc: victim@example.com")
        let rendered = try Self.render(hostile)
        let headers = Self.headers(rendered)
        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
        #expect(headers.contains("Subject: Hello Bcc: victim@example.com Injected body"))
        #expect(headers.contains("To: \"Evil \\\"Boss\\\" Bcc: victim@example.com\" <ada@example.com>"))
        #expect(headers.count == 7)  // From To Subject Date Message-ID MIME-Version Content-Type
        for (character, name) in [("\u{0}", "NUL"), ("\u{85}", "NEL"), ("\u{2028}", "LS"), ("\u{7F}", "DEL")] {
            let value = try Self.render(Self.message(subject: "a\(character)b"))
            #expect(Self.headers(value).contains("Subject: a b"), "\(name)")
        }
    }

    @Test func textThatLooksLikeAnEncodedWordIsEncoded() throws {
        let rendered = try Self.render(Self.message(subject: "=?UTF-8?B?SGk=?= literally"))
        let subject = try #require(Self.headers(rendered).first { $0.hasPrefix("Subject: ") })
        #expect(subject != "Subject: =?UTF-8?B?SGk=?= literally")
        #expect(Self.decodeWords(String(subject.dropFirst("Subject: ".count))) == "=?UTF-8?B?SGk=?= literally")
    }

    @Test(arguments: ["ada@example.com\r\nBcc: victim@example.com", "ada@example.com\nBcc:x@y.z", "a b@example.com",
                      "<ada@example.com>", "ada@exa,mple.com", "adä@example.com", "@example.com", "ada@", "ada@@example.com",
                      "\"ada\"@example.com", ""])
    func unsafeAddressesAreRefused(address: String) {
        var message = Self.message()
        message.to = MailAddress(name: "Ada", address: address)
        #expect(throws: MIMEError.self) { try message.rendered() }
        message.to = MailAddress(address: "ada@example.com")
        message.from = MailAddress(address: address)
        #expect(throws: MIMEError.self) { try message.rendered() }
    }

    @Test func quotedPrintableEncodesWhatItMust() {
        #expect(MIMEMessage.quotedPrintable("a = b") == "a =3D b")
        #expect(MIMEMessage.quotedPrintable("trailing space \nnext") == "trailing space=20\r\nnext")
        #expect(MIMEMessage.quotedPrintable("tab\t") == "tab=09")
        #expect(MIMEMessage.quotedPrintable("café €") == "caf=C3=A9 =E2=82=AC")
        #expect(MIMEMessage.quotedPrintable(".\n.. dots") == "=2E\r\n=2E. dots")
        #expect(MIMEMessage.quotedPrintable("From here\nFrom: x\nFromage") == "=46rom here\r\nFrom: x\r\nFromage")
        #expect(MIMEMessage.quotedPrintable("one\r\ntwo\rthree\n") == "one\r\ntwo\r\nthree\r\n")
        #expect(MIMEMessage.quotedPrintable("\u{0}\u{1B}[31m") == "=00=1B[31m")
    }

    @Test func quotedPrintableLinesStayWithin76AndRoundTrip() {
        let texts = [
            String(repeating: "x", count: 500),
            String(repeating: "é", count: 300),
            String(repeating: "a=", count: 200) + " ",
            String(repeating: "word ", count: 100),
            String(repeating: "x", count: 75) + ".",
            String(repeating: "x", count: 74) + "==",
            "<html><body>" + String(repeating: "<p class=\"x\">Ünïcödé ✓ </p>", count: 40) + "</body></html>",
        ]
        for text in texts {
            let encoded = MIMEMessage.quotedPrintable(text)
            for line in encoded.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 76, "\(line)")
                #expect(!line.hasPrefix("."), "a physical line starts with a dot: \(line)")
                #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
            }
            #expect(Self.decodeQuotedPrintable(encoded) == text)
        }
    }

    @Test func bodiesCannotForgeABoundary() throws {
        let text = "--=_ez360_alt_abc123\r\nContent-Type: text/html\r\n\r\n<script>--=_ez360_alt_abc123--"
        let rendered = try Self.render(Self.message(text: text, html: text))
        let delimiterLines = rendered.components(separatedBy: "\r\n").filter { $0.hasPrefix("--=_ez360_alt_abc123") }
        #expect(delimiterLines == ["--=_ez360_alt_abc123", "--=_ez360_alt_abc123", "--=_ez360_alt_abc123--"])
        Self.assertWellFormedLines(rendered)
    }

    @Test func nonASCIIFilenamesUseRFC2231() throws {
        let rendered = try Self.render(Self.message(attachments: [
            MailAttachment(filename: "Résumé 2026.pdf", contentType: "application/pdf", data: [1]),
        ]))
        #expect(rendered.contains("Content-Type: application/pdf;\r\n name*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf\r\n"))
        #expect(rendered.contains("Content-Disposition: attachment;\r\n filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf\r\n"))
    }

    @Test func longFilenamesAreSplitIntoContinuations() throws {
        let name = String(repeating: "Überweisung-", count: 12) + ".pdf"
        let rendered = try Self.render(Self.message(attachments: [MailAttachment(filename: name, contentType: "application/pdf", data: [1])]))
        let disposition = try #require(Self.headers(rendered.components(separatedBy: "--=_ez360_mix_abc123\r\n").last ?? "")
            .first { $0.hasPrefix("Content-Disposition:") })
        #expect(disposition.hasPrefix("Content-Disposition: attachment; filename*0*=UTF-8''%C3%9Cberweisung-"))
        #expect(disposition.contains("; filename*1*="))
        // Joining the pieces and percent-decoding gives the name back.
        var joined = ""
        for piece in disposition.components(separatedBy: "; ").dropFirst() {
            let value = String(piece[piece.index(after: try #require(piece.firstIndex(of: "=")))...])
            joined += value.hasPrefix("UTF-8''") ? String(value.dropFirst(7)) : value
        }
        #expect(joined.removingPercentEncoding == name)
        Self.assertWellFormedLines(rendered, maxLength: 78)
    }

    @Test func hostileFilenamesAndTypesAreNeutralised() throws {
        let rendered = try Self.render(Self.message(attachments: [
            MailAttachment(filename: "../../etc/passwd\"\r\nContent-Type: text/html", contentType: "text/html\r\nX-Evil: 1", data: [1]),
            MailAttachment(filename: "\r\n", contentType: "", data: [2]),
        ]))
        let lines = rendered.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.hasPrefix("X-Evil") })
        #expect(rendered.contains("Content-Type: application/octet-stream;\r\n name=\"_.._etc_passwd_ Content-Type: text_html\"\r\n"))
        #expect(rendered.contains("Content-Disposition: attachment;\r\n filename=\"attachment\"\r\n"))
        #expect(MIMEMessage.safeContentType("Application/PDF") == "application/pdf")
        #expect(MIMEMessage.safeContentType("image/svg+xml") == "image/svg+xml")
        #expect(MIMEMessage.safeContentType("text/html; charset=\"x\"") == "application/octet-stream")
    }

    @Test func mailAddressesParseFromConfiguration() throws {
        #expect(try MailAddress.parse("EZ360PM <no-reply@localhost>") == MailAddress(name: "EZ360PM", address: "no-reply@localhost"))
        #expect(try MailAddress.parse(" billing@example.com ") == MailAddress(address: "billing@example.com"))
        #expect(try MailAddress.parse("\"Billing, \\\"Acme\\\" Inc.\" <b@example.com>")
            == MailAddress(name: "Billing, \"Acme\" Inc.", address: "b@example.com"))
        for bad in ["", "EZ360PM", "EZ360PM <>", "a <b@example.com>\r\nBcc: c@example.com", "x <a b@example.com>"] {
            #expect(throws: MIMEError.self, "\(bad)") { try MailAddress.parse(bad) }
        }
        let from = MIMEMessage.mailbox(MailAddress(name: "Billing, Inc.", address: "b@example.com"))
        #expect(from == "\"Billing, Inc.\" <b@example.com>")
    }

    @Test func theDateIsRFC5322InUTC() {
        #expect(MIMEMessage.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MIMEMessage.rfc5322Date(Self.date) == "Fri, 15 Jan 2027 08:00:00 +0000")
    }
}
