import Foundation
import Testing
import Domain
@testable import Web

@Suite struct MultipartFormParserTests {
    // A body as Chrome sends it for a form with two text inputs, a file and an untouched
    // file input.
    static let chromeBoundary = "----WebKitFormBoundaryePkpFF7tjBAqx29L"
    static let chromeBody = Array("""
        ------WebKitFormBoundaryePkpFF7tjBAqx29L\r
        Content-Disposition: form-data; name="title"\r
        \r
        Q3 report\r
        ------WebKitFormBoundaryePkpFF7tjBAqx29L\r
        Content-Disposition: form-data; name="notes"\r
        \r
        line one\r
        line two\r
        ------WebKitFormBoundaryePkpFF7tjBAqx29L\r
        Content-Disposition: form-data; name="attachment"; filename="Q3 report.pdf"\r
        Content-Type: application/pdf\r
        \r
        %PDF-1.4 fake\r
        %%EOF\r
        ------WebKitFormBoundaryePkpFF7tjBAqx29L\r
        Content-Disposition: form-data; name="receipt"; filename=""\r
        Content-Type: application/octet-stream\r
        \r
        \r
        ------WebKitFormBoundaryePkpFF7tjBAqx29L--\r

        """.utf8)
    static let chromeContentType = "multipart/form-data; boundary=----WebKitFormBoundaryePkpFF7tjBAqx29L"

    private func expectChromeForm(_ form: MultipartForm, in directory: ScratchDirectory) throws {
        #expect(form.fields == FormData([("title", "Q3 report"), ("notes", "line one\r\nline two")]))
        try #require(form.files.count == 1)
        let file = form.files[0]
        #expect(file.fieldName == "attachment")
        #expect(file.filename == "Q3 report.pdf")
        #expect(file.declaredContentType == "application/pdf")
        #expect(file.size == 20)
        #expect(contents(of: file) == Array("%PDF-1.4 fake\r\n%%EOF".utf8))
        #expect(file.path.hasPrefix(directory.path + "/"))
        #expect(!file.path.contains("Q3"))
        #expect(directory.entries.count == 1)
    }

    @Test func chromeShapedBody() throws {
        let directory = try ScratchDirectory()
        let form = try parseMultipart(Self.chromeBody, contentType: Self.chromeContentType, in: directory)
        try expectChromeForm(form, in: directory)
        #expect(form.file("attachment") == form.files.first)
        #expect(form.file("receipt") == nil)
    }

    @Test func everyChunkSizeGivesTheSameForm() throws {
        for chunkLimit in 1...70 {
            let directory = try ScratchDirectory()
            let form = try parseMultipart(
                Self.chromeBody, contentType: Self.chromeContentType, in: directory, chunkLimit: chunkLimit
            )
            try expectChromeForm(form, in: directory)
        }
    }

    @Test func uploadedFilesAreReadableOnlyByTheOwner() throws {
        let directory = try ScratchDirectory()
        let form = try parseMultipart(Self.chromeBody, contentType: Self.chromeContentType, in: directory)
        let file = try #require(form.files.first)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func firefoxShapedBodyWithPreambleEpilogueAndRepeatedNames() throws {
        let boundary = "---------------------------9051914041544843365972754266"
        let body = Array("""
            This is a preamble that must be ignored.\r
            -----------------------------9051914041544843365972754266\r
            Content-Disposition: form-data; name="city"\r
            \r
            Zürich\r
            -----------------------------9051914041544843365972754266\r
            Content-Disposition: form-data; name="tag"\r
            \r
            urgent\r
            -----------------------------9051914041544843365972754266\r
            Content-Disposition: form-data; name="tag"\r
            \r
            billing\r
            -----------------------------9051914041544843365972754266\r
            Content-Disposition: form-data; name="notes"; filename="notes.txt"\r
            Content-Type: text/plain\r
            \r
            hello\r
            -----------------------------9051914041544843365972754266--\r
            This epilogue is ignored too, even with a boundary:\r
            -----------------------------9051914041544843365972754266\r

            """.utf8)
        for chunkLimit in [1, 3, 64, Int.max] {
            let directory = try ScratchDirectory()
            let form = try parseMultipart(
                body, contentType: "multipart/form-data; boundary=\"\(boundary)\"", in: directory, chunkLimit: chunkLimit
            )
            #expect(form.fields == FormData([("city", "Zürich"), ("tag", "urgent"), ("tag", "billing")]))
            #expect(form.fields.all("tag") == ["urgent", "billing"])
            try #require(form.files.count == 1)
            #expect(form.files[0].filename == "notes.txt")
            #expect(form.files[0].declaredContentType == "text/plain")
            #expect(contents(of: form.files[0]) == Array("hello".utf8))
        }
    }

    @Test func leadingCRLFAndTransportPaddingAreAccepted() throws {
        let body = Array("\r\n--b  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--b--".utf8)
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body, contentType: "multipart/form-data; boundary=b", in: directory)
        #expect(form.fields == FormData([("a", "1"), ("b", "2")]))
    }

    @Test func foldedHeaderLinesAndHeaderCaseAreHandled() throws {
        let body = Array("--b\r\ncontent-disposition: FORM-DATA;\r\n  NAME=\"a\"\r\nCONTENT-TYPE: text/plain\r\n\r\nx\r\n--b--".utf8)
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body, contentType: "multipart/form-data; boundary=b", in: directory)
        #expect(form.fields == FormData([("a", "x")]))
    }

    @Test func emptyFormAndEmptyValues() throws {
        let directory = try ScratchDirectory()
        #expect(try parseMultipart(Array("--b--\r\n".utf8), contentType: "multipart/form-data; boundary=b", in: directory)
            == MultipartForm())
        var body = MultipartBody(boundary: "b")
        body.field("empty", "")
        body.field("crlf", "\r\n")
        let form = try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        #expect(form.fields == FormData([("empty", ""), ("crlf", "\r\n")]))
    }

    @Test func textPartWithContentTypeButNoFilenameIsAField() throws {
        var body = MultipartBody(boundary: "b")
        body.part(headers: ["Content-Disposition: form-data; name=\"json\"", "Content-Type: application/json"],
                  content: Array("{\"a\":1}".utf8))
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        #expect(form.fields == FormData([("json", "{\"a\":1}")]))
        #expect(form.files.isEmpty)
    }

    // MARK: Content that looks like a boundary

    static let trickyContent = Array(
        "--XyZ123boundary at the start\r\n--XyZ123boundar\r\n\r\n-\r\n--\r\n--XyZ123boundarX\r\r\n--Xy\nXyZ123boundary\r\n\r\n--"
            .utf8
    ) + [13, 10, 45, 45, 88, 0, 255, 13]

    @Test func contentWithPartialBoundariesAndCRLFsSurvivesEveryChunkSize() throws {
        var body = MultipartBody(boundary: "XyZ123boundary")
        body.field("before", "text\r\n--XyZ123boundar")
        body.file("upload", filename: "tricky.bin", content: Self.trickyContent)
        body.field("after", "\r\n--XyZ123boundar\r")
        let bytes = body.closed()
        for chunkLimit in 1...70 {
            let directory = try ScratchDirectory()
            let form = try parseMultipart(bytes, contentType: body.contentType, in: directory, chunkLimit: chunkLimit)
            #expect(form.fields == FormData([("before", "text\r\n--XyZ123boundar"), ("after", "\r\n--XyZ123boundar\r")]))
            try #require(form.files.count == 1)
            #expect(form.files[0].size == Self.trickyContent.count)
            #expect(contents(of: form.files[0]) == Self.trickyContent)
        }
    }

    @Test func contentEndingInCRLFKeepsIt() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "a.txt", content: Array("x\r\n\r\n".utf8))
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body.closed(), contentType: body.contentType, in: directory, chunkLimit: 2)
        #expect(contents(of: try #require(form.files.first)) == Array("x\r\n\r\n".utf8))
    }

    // MARK: Binary content

    @Test func binaryFilesRoundTripByteForByte() throws {
        var generator = SplitMix64(seed: 0xE2_360)
        let everyByte = (0..<1024).map { UInt8(truncatingIfNeeded: $0) }
        var large = generator.bytes(300_000)
        // Sprinkle almost-delimiters through the random data.
        let nearMiss = Array("\r\n--0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_'()".utf8)
        for offset in stride(from: 1_000, to: 290_000, by: 37_119) {
            large.replaceSubrange(offset..<offset + nearMiss.count, with: nearMiss)
        }
        var body = MultipartBody(boundary: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_'()+")
        body.file("small", filename: "bytes.bin", content: everyByte)
        body.field("between", "ok")
        body.file("large", filename: "random.bin", contentType: nil, content: large)
        let bytes = body.closed()
        for chunkLimit in [Int.max, 65_536 + 7, 4_096, 1_000, 333] {
            let directory = try ScratchDirectory()
            let form = try parseMultipart(bytes, contentType: body.contentType, in: directory, chunkLimit: chunkLimit)
            #expect(form.fields == FormData([("between", "ok")]))
            try #require(form.files.count == 2)
            #expect(form.files[0].size == 1024)
            #expect(contents(of: form.files[0]) == everyByte)
            #expect(form.files[1].size == large.count)
            #expect(form.files[1].declaredContentType == nil)
            #expect(contents(of: form.files[1]) == large)
            #expect(form.files[0].path != form.files[1].path)
        }
    }

    @Test func smallBinaryFileAtEveryChunkSize() throws {
        // "\r\n--bn\r" is a delimiter for "bnd" cut one byte short.
        let content: [UInt8] = [0, 13, 10, 45, 45, 98, 110, 13, 13, 10, 45, 255, 254, 10, 13]
        var body = MultipartBody(boundary: "bnd")
        body.file("f", filename: "x", content: content)
        let bytes = body.closed()
        for chunkLimit in 1...bytes.count + 1 {
            let directory = try ScratchDirectory()
            let form = try parseMultipart(bytes, contentType: body.contentType, in: directory, chunkLimit: chunkLimit)
            #expect(contents(of: try #require(form.files.first)) == content)
        }
    }

    // MARK: Empty file inputs and filenames

    @Test func untouchedFileInputYieldsNothing() throws {
        var body = MultipartBody(boundary: "b")
        body.file("receipt", filename: "", content: [])
        body.field("after", "1")
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        #expect(form.files.isEmpty)
        #expect(form.fields == FormData([("after", "1")]))
        #expect(directory.entries.isEmpty)
    }

    @Test func emptyFileWithANameIsKept() throws {
        var body = MultipartBody(boundary: "b")
        body.file("receipt", filename: "empty.txt", contentType: "text/plain", content: [])
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        let file = try #require(form.files.first)
        #expect(file.filename == "empty.txt")
        #expect(file.size == 0)
        #expect(contents(of: file) == [])
    }

    @Test func contentWithoutAFilenameGetsTheFallbackName() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "", content: Array("data".utf8))
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body.closed(), contentType: body.contentType, in: directory, chunkLimit: 1)
        let file = try #require(form.files.first)
        #expect(file.filename == DisplayFilename.fallback)
        #expect(contents(of: file) == Array("data".utf8))
    }

    @Test(arguments: [
        ("../../etc/passwd", "passwd"),
        (#"C:\Users\me\Q3 report.pdf"#, "Q3 report.pdf"),
        ("/", "file"),
        ("..", "file"),
        ("a\u{202E}fdp.exe", "afdp.exe"),
    ])
    func filenamesLoseTheirPaths(sent: String, kept: String) throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: sent, content: [1])
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        #expect(form.files.first?.filename == kept)
    }

    @Test func removeTemporaryFilesDeletesThem() throws {
        let directory = try ScratchDirectory()
        let form = try parseMultipart(Self.chromeBody, contentType: Self.chromeContentType, in: directory)
        #expect(directory.entries.count == 1)
        form.removeTemporaryFiles()
        #expect(directory.entries.isEmpty)
        form.removeTemporaryFiles()  // already gone: harmless
    }

    // MARK: Truncated bodies

    @Test func everyTruncationIsReportedAndLeavesNoFiles() throws {
        var body = MultipartBody(boundary: "bnd")
        body.field("a", "1")
        body.file("f", filename: "a.bin", content: Array("content\r\n--bn".utf8))
        body.field("b", "2")
        let bytes = body.closed(epilogue: "")
        for length in 0..<bytes.count {
            let directory = try ScratchDirectory()
            for chunkLimit in [1, 5, Int.max] {
                #expect(throws: MultipartError.truncated, "prefix of \(length) bytes") {
                    try parseMultipart(Array(bytes[..<length]), contentType: body.contentType, in: directory, chunkLimit: chunkLimit)
                }
            }
            #expect(directory.entries.isEmpty)
        }
        let directory = try ScratchDirectory()
        #expect(try parseMultipart(bytes, contentType: body.contentType, in: directory).files.count == 1)
    }

    @Test func bodyWithoutTheClosingBoundaryIsTruncated() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "a.txt", content: Array("hello".utf8))
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.truncated) {
            try parseMultipart(body.bytes, contentType: body.contentType, in: directory)
        }
        #expect(directory.entries.isEmpty)
    }

    @Test func bodyWithoutAnyBoundaryIsTruncated() throws {
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.truncated) {
            try parseMultipart(Array("a=1&b=2".utf8), contentType: "multipart/form-data; boundary=b", in: directory)
        }
    }

    // MARK: Limits

    @Test func fileOverMaxFileBytesFailsAndLeavesNoFiles() throws {
        let limits = MultipartLimits(maxFileBytes: 1_000)
        var body = MultipartBody(boundary: "b")
        body.file("ok", filename: "ok.bin", content: [UInt8](repeating: 7, count: 1_000))
        body.file("big", filename: "big.bin", content: [UInt8](repeating: 8, count: 1_001))
        for chunkLimit in [1, 13, 4_096, Int.max] {
            let directory = try ScratchDirectory()
            #expect(throws: MultipartError.fileTooLarge(fieldName: "big")) {
                try parseMultipart(body.closed(), contentType: body.contentType, in: directory, chunkLimit: chunkLimit, limits: limits)
            }
            #expect(directory.entries.isEmpty)
        }
    }

    @Test func defaultFileLimitIsTenMiB() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "big.bin", content: [UInt8](repeating: 1, count: 10 * 1024 * 1024 + 1))
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.fileTooLarge(fieldName: "f")) {
            try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        }
        #expect(directory.entries.isEmpty)
    }

    @Test func bodyOverMaxTotalBytesFails() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "a.bin", content: [UInt8](repeating: 1, count: 500))
        let bytes = body.closed(epilogue: "")
        let directory = try ScratchDirectory()
        #expect(try parseMultipart(bytes, contentType: body.contentType, in: directory,
                                   limits: MultipartLimits(maxTotalBytes: bytes.count)).files.count == 1)
        for chunkLimit in [1, 100, Int.max] {
            let directory = try ScratchDirectory()
            #expect(throws: MultipartError.tooLarge) {
                try parseMultipart(bytes, contentType: body.contentType, in: directory, chunkLimit: chunkLimit,
                                   limits: MultipartLimits(maxTotalBytes: bytes.count - 1))
            }
            #expect(directory.entries.isEmpty)
        }
    }

    @Test func tooManyParts() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "a.bin", content: [1, 2, 3])
        body.field("a", "1")
        let directory = try ScratchDirectory()
        let limits = MultipartLimits(maxParts: 2)
        #expect(try parseMultipart(body.closed(), contentType: body.contentType, in: directory, limits: limits).fields.count == 1)
        let atLimit = directory.entries.count
        #expect(atLimit == 1)

        body.field("b", "2")
        let failing = try ScratchDirectory()
        #expect(throws: MultipartError.tooManyParts) {
            try parseMultipart(body.closed(), contentType: body.contentType, in: failing, limits: limits)
        }
        #expect(failing.entries.isEmpty)
    }

    @Test func headerBlockLimitIsExact() throws {
        var body = MultipartBody(boundary: "b")
        body.field("a", "1")
        // The block runs from after "--b" to before the blank line.
        let blockSize = "\r\nContent-Disposition: form-data; name=\"a\"".utf8.count
        for chunkLimit in [1, 2, 3, 4, Int.max] {
            let directory = try ScratchDirectory()
            #expect(try parseMultipart(body.closed(), contentType: body.contentType, in: directory, chunkLimit: chunkLimit,
                                       limits: MultipartLimits(maxHeaderBytes: blockSize)).fields == FormData([("a", "1")]))
            #expect(throws: MultipartError.headerTooLarge) {
                try parseMultipart(body.closed(), contentType: body.contentType, in: directory, chunkLimit: chunkLimit,
                                   limits: MultipartLimits(maxHeaderBytes: blockSize - 1))
            }
        }
    }

    @Test func overlongHeaderIsRefusedBeforeTheBodyEnds() throws {
        let longHeader = "X-Padding: " + String(repeating: "p", count: 9_000)
        var body = MultipartBody(boundary: "b")
        body.part(headers: ["Content-Disposition: form-data; name=\"a\"", longHeader], content: [])
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.headerTooLarge) {
            try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        }
        // A header that never ends is still refused at the limit, not read to the end.
        let endless = Array("--b\r\nX: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
        #expect(throws: MultipartError.headerTooLarge) {
            try parseMultipart(endless, contentType: body.contentType, in: directory, chunkLimit: 100)
        }
    }

    @Test func textFieldsObeyFormLimits() throws {
        let directory = try ScratchDirectory()
        let limits = MultipartLimits(fields: FormLimits(maxFields: 2, maxNameBytes: 4, maxValueBytes: 5))

        var valueAtLimit = MultipartBody(boundary: "b")
        valueAtLimit.field("name", "12345")
        #expect(try parseMultipart(valueAtLimit.closed(), contentType: valueAtLimit.contentType, in: directory,
                                   chunkLimit: 1, limits: limits).fields == FormData([("name", "12345")]))

        var longValue = MultipartBody(boundary: "b")
        longValue.field("a", "123456")
        #expect(throws: MultipartError.field(.fieldTooLong)) {
            try parseMultipart(longValue.closed(), contentType: longValue.contentType, in: directory, limits: limits)
        }

        var longName = MultipartBody(boundary: "b")
        longName.field("names", "1")
        #expect(throws: MultipartError.field(.fieldTooLong)) {
            try parseMultipart(longName.closed(), contentType: longName.contentType, in: directory, limits: limits)
        }

        var longFileFieldName = MultipartBody(boundary: "b")
        longFileFieldName.file("files", filename: "a.txt", content: [1])
        #expect(throws: MultipartError.field(.fieldTooLong)) {
            try parseMultipart(longFileFieldName.closed(), contentType: longFileFieldName.contentType, in: directory, limits: limits)
        }

        var tooMany = MultipartBody(boundary: "b")
        tooMany.field("a", "1")
        tooMany.file("f", filename: "a.txt", content: [1])  // files do not count as fields
        tooMany.field("b", "2")
        #expect(try parseMultipart(tooMany.closed(), contentType: tooMany.contentType, in: directory, limits: limits).fields.count == 2)
        tooMany.field("c", "3")
        let failing = try ScratchDirectory()
        #expect(throws: MultipartError.field(.tooManyFields)) {
            try parseMultipart(tooMany.closed(), contentType: tooMany.contentType, in: failing, limits: limits)
        }
        #expect(failing.entries.isEmpty)
    }

    @Test func textFieldMustBeUTF8() throws {
        var body = MultipartBody(boundary: "b")
        body.part(headers: ["Content-Disposition: form-data; name=\"a\""], content: [0x66, 0xC3, 0x28])
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.field(.invalidUTF8)) {
            try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        }
    }

    // MARK: Content-Type

    @Test(arguments: [
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
        "multipart/form-data; charset=utf-8", "multipart/form-data; boundary",
    ])
    func missingBoundary(contentType: String) throws {
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.missingBoundary) {
            try parseMultipart(Array("--b--".utf8), contentType: contentType, in: directory)
        }
    }

    @Test(arguments: ["application/x-www-form-urlencoded", "multipart/mixed; boundary=b", "", "text/plain"])
    func notMultipartFormData(contentType: String) throws {
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.notMultipartFormData) {
            try parseMultipart(Array("--b--".utf8), contentType: contentType, in: directory)
        }
    }

    @Test(arguments: [String(repeating: "a", count: 71), "a@b", "bad\r\n", "trailing ", "é"])
    func invalidBoundary(boundary: String) throws {
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.malformed("invalid boundary in Content-Type")) {
            try parseMultipart(Array("--b--".utf8), contentType: "multipart/form-data; boundary=\"\(boundary)\"", in: directory)
        }
    }

    @Test func seventyCharacterBoundaryWithSpacesIsAccepted() throws {
        let boundary = "a b" + String(repeating: "z", count: 67)
        var body = MultipartBody(boundary: boundary)
        body.field("k", "v")
        let directory = try ScratchDirectory()
        let form = try parseMultipart(body.closed(), contentType: "multipart/form-data; boundary=\"\(boundary)\"", in: directory)
        #expect(form.fields == FormData([("k", "v")]))
    }

    // MARK: Malformed parts

    @Test(arguments: [
        ("--b\r\n\r\nno headers\r\n--b--", "part without Content-Disposition"),
        ("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "part without Content-Disposition"),
        ("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--", "part without Content-Disposition: form-data; name=…"),
        ("--b\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--b--", "part without Content-Disposition: form-data; name=…"),
        ("--b\r\nContent-Disposition form-data\r\n\r\nx\r\n--b--", "part header line without a colon"),
        ("--bjunk\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--", "text after a boundary on the same line"),
        ("--b\r\nContent-Disposition: form-data; name=\"a\"\nX: y\r\n\r\nx\r\n--b--", "stray CR, LF or NUL in part headers"),
        ("--b\r\n folded: first\r\n\r\nx\r\n--b--", "part headers start with a folded line"),
        ("--b\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--", "text after a boundary on the same line"),
    ])
    func malformedParts(body: String, reason: String) throws {
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.malformed(reason)) {
            try parseMultipart(Array(body.utf8), contentType: "multipart/form-data; boundary=b", in: directory)
        }
    }

    @Test func nonUTF8PartHeadersAreMalformed() throws {
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"a\"; filename=\"".utf8) + [0xE9]
            + Array(".txt\"\r\n\r\nx\r\n--b--".utf8)
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.malformed("part headers are not valid UTF-8")) {
            try parseMultipart(body, contentType: "multipart/form-data; boundary=b", in: directory)
        }
    }

    @Test func malformedPartAfterAFileLeavesNoFiles() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "a.bin", content: [1, 2, 3])
        body.part(headers: ["Nonsense"], content: [])
        let directory = try ScratchDirectory()
        #expect(throws: MultipartError.malformed("part header line without a colon")) {
            try parseMultipart(body.closed(), contentType: body.contentType, in: directory)
        }
        #expect(directory.entries.isEmpty)
    }

    // MARK: I/O failures

    @Test func readFailureLeavesNoFiles() throws {
        var body = MultipartBody(boundary: "b")
        body.file("f", filename: "a.bin", content: [UInt8](repeating: 1, count: 1_000))
        let bytes = body.closed()
        let directory = try ScratchDirectory()
        var stream = FailingBodyStream(inner: BytesBodyStream(bytes, chunkLimit: 100), remainingBytes: 500)
        #expect(throws: MultipartError.readFailed(String(describing: FailingBodyStream.Disconnected()))) {
            try MultipartFormParser.parse(
                contentType: body.contentType, body: &stream, temporaryDirectory: directory.path
            )
        }
        #expect(directory.entries.isEmpty)
    }

    @Test func missingTemporaryDirectoryIsAStorageFailure() throws {
        var body = MultipartBody(boundary: "b")
        body.field("a", "1")
        body.file("f", filename: "a.bin", content: [1])
        var stream = BytesBodyStream(body.closed())
        let error = #expect(throws: MultipartError.self) {
            try MultipartFormParser.parse(
                contentType: body.contentType, body: &stream, temporaryDirectory: "/nonexistent/ez360-\(UUID().uuidString)"
            )
        }
        guard case .storageFailed(let detail) = error else {
            Issue.record("expected .storageFailed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("No such file or directory"))
    }

    @Test func errorMessagesDoNotEchoClientBytes() {
        let errors: [MultipartError] = [
            .notMultipartFormData, .missingBoundary, .malformed("secret detail"), .truncated, .tooLarge,
            .fileTooLarge(fieldName: "secret"), .tooManyParts, .headerTooLarge, .field(.fieldTooLong),
            .readFailed("secret"), .storageFailed("secret"),
        ]
        for error in errors {
            #expect(!error.message.isEmpty)
            #expect(!error.message.contains("secret"))
        }
    }
}
