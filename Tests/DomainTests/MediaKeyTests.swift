import Testing
@testable import Domain

@Suite("MediaKey")
struct MediaKeyTests {
    static let hex = "0123456789abcdef0123456789abcdef"
    static let bytes: [UInt8] = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]

    @Test func aNewKeyIsCategoryCompanyAndRandomHex() throws {
        let key = try #require(MediaKey(category: .receipts, companyId: 12, randomBytes: Self.bytes, kind: .pdf))
        #expect(key.value == "receipts/12/\(Self.hex).pdf")
        #expect(key.directory == "receipts/12")
        #expect(key.name == Self.hex)
        #expect(key.description == key.value)
        #expect(MediaKey(parsing: key.value) == key)
    }

    @Test func everyKindRoundTrips() throws {
        for kind in FileKind.allCases {
            let key = try #require(MediaKey(category: .receipts, companyId: 9_223_372_036_854_775_807,
                                            randomBytes: Self.bytes, kind: kind))
            #expect(key.value.hasSuffix("." + kind.fileExtension))
            #expect(MediaKey(parsing: key.value) == key)
        }
    }

    @Test func aNewKeyNeedsAPositiveCompanyAnd16RandomBytes() {
        #expect(MediaKey(category: .receipts, companyId: 0, randomBytes: Self.bytes, kind: .pdf) == nil)
        #expect(MediaKey(category: .receipts, companyId: -1, randomBytes: Self.bytes, kind: .pdf) == nil)
        #expect(MediaKey(category: .receipts, companyId: 1, randomBytes: Array(Self.bytes.dropLast()), kind: .pdf) == nil)
        #expect(MediaKey(category: .receipts, companyId: 1, randomBytes: Self.bytes + [0], kind: .pdf) == nil)
        #expect(MediaKey(category: .receipts, companyId: 1, randomBytes: [], kind: .pdf) == nil)
    }

    @Test(arguments: [
        "receipts/1/\(hex).jpg",
        "receipts/1/\(hex).png",
        "receipts/1/\(hex).pdf",
        "receipts/1/\(hex).heic",
        "receipts/42/ffffffffffffffffffffffffffffffff.pdf",
        "receipts/9223372036854775807/\(hex).pdf",
    ])
    func wellFormedKeysParse(text: String) throws {
        let key = try #require(MediaKey(parsing: text))
        #expect(key.value == text)
    }

    @Test(arguments: [
        // traversal and path tricks
        "../receipts/1/\(hex).pdf",
        "receipts/../1/\(hex).pdf",
        "receipts/1/../\(hex).pdf",
        "receipts/1/../../../etc/passwd",
        "receipts/1/..",
        "receipts/..",
        "..",
        "receipts/1/\(hex).pdf/..",
        "/receipts/1/\(hex).pdf",
        "receipts//1/\(hex).pdf",
        "receipts/1//\(hex).pdf",
        "receipts/1/\(hex).pdf/",
        "receipts/1/x/\(hex).pdf",
        "./receipts/1/\(hex).pdf",
        "receipts/./1/\(hex).pdf",
        "receipts\\1\\\(hex).pdf",
        "receipts/1/%2e%2e/\(hex).pdf",
        "receipts%2f1%2f\(hex).pdf",
        "receipts/1/\(hex).pdf\u{0}",
        "receipts/1/\(hex).pdf\n",
        " receipts/1/\(hex).pdf",
        // wrong shape
        "",
        "receipts",
        "receipts/1",
        "receipts/1/",
        "receipts/1/\(hex)",
        "receipts/1/\(hex).",
        "receipts/1/.pdf",
        "receipts/1/\(hex).pdf.pdf",
        "receipts/1/\(hex).tar.gz",
        // uppercase anywhere
        "Receipts/1/\(hex).pdf",
        "receipts/1/0123456789ABCDEF0123456789abcdef.pdf",
        "receipts/1/\(hex).PDF",
        // name length and alphabet
        "receipts/1/0123456789abcdef0123456789abcde.pdf",
        "receipts/1/0123456789abcdef0123456789abcdef0.pdf",
        "receipts/1/0123456789abcdef0123456789abcdeg.pdf",
        "receipts/1/0123456789abcdef-123456789abcdef.pdf",
        // wrong extension
        "receipts/1/\(hex).jpeg",
        "receipts/1/\(hex).html",
        "receipts/1/\(hex).svg",
        "receipts/1/\(hex).exe",
        // company ids
        "receipts/0/\(hex).pdf",
        "receipts/01/\(hex).pdf",
        "receipts/-1/\(hex).pdf",
        "receipts/+1/\(hex).pdf",
        "receipts/1e3/\(hex).pdf",
        "receipts/9223372036854775808/\(hex).pdf",
        "receipts/99999999999999999999/\(hex).pdf",
        "receipts/١/\(hex).pdf",
        // unknown category
        "logos/1/\(hex).pdf",
        "tmp/1/\(hex).pdf",
    ])
    func malformedKeysAreRefused(text: String) {
        #expect(MediaKey(parsing: text) == nil)
    }
}
