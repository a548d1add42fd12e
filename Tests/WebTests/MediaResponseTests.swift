import App
import Domain
import Foundation
import Testing
@testable import Web

@Suite struct MediaResponseTests {
    static let key = MediaKey(parsing: "receipts/12/0123456789abcdef0123456789abcdef.pdf")!

    @Test func accelRedirectHandsTheKeyToNginxWithAnEmptyBody() {
        let response = Response.accelRedirect(mediaKey: Self.key, downloadName: "March receipt.pdf")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.header("X-Accel-Redirect") == "/media/_internal/receipts/12/0123456789abcdef0123456789abcdef.pdf")
        #expect(response.header("Content-Type") == "application/pdf")
        #expect(response.header("Content-Disposition")
            == "attachment; filename=\"March receipt.pdf\"; filename*=UTF-8''March%20receipt.pdf")
    }

    @Test func inlineShowsTheFileInsteadOfSavingIt() throws {
        let key = try #require(MediaKey(category: .receipts, companyId: 3, randomBytes: [UInt8](repeating: 0xAB, count: 16),
                                        kind: .jpeg))
        let response = Response.accelRedirect(mediaKey: key, downloadName: "photo.jpg", inline: true)
        #expect(response.header("Content-Type") == "image/jpeg")
        #expect(response.header("Content-Disposition") == "inline; filename=\"photo.jpg\"; filename*=UTF-8''photo.jpg")
        #expect(response.header("X-Accel-Redirect") == "/media/_internal/receipts/3/" + String(repeating: "ab", count: 16) + ".jpg")
    }

    @Test func theKindOfTheKeyDecidesTheContentType() throws {
        for kind in FileKind.allCases {
            let key = try #require(MediaKey(category: .receipts, companyId: 1, randomBytes: [UInt8](repeating: 1, count: 16),
                                            kind: kind))
            // Whatever the name claims.
            #expect(Response.accelRedirect(mediaKey: key, downloadName: "x.html").header("Content-Type") == kind.contentType)
        }
    }

    @Test(arguments: [
        ("receipt.pdf", "attachment; filename=\"receipt.pdf\"; filename*=UTF-8''receipt.pdf"),
        ("Zoë Ångström.pdf", "attachment; filename=\"Zo_ _ngstr_m.pdf\"; filename*=UTF-8''Zo%C3%AB%20%C3%85ngstr%C3%B6m.pdf"),
        ("東京.heic", "attachment; filename=\"__.heic\"; filename*=UTF-8''%E6%9D%B1%E4%BA%AC.heic"),
        ("100% done.pdf", "attachment; filename=\"100_ done.pdf\"; filename*=UTF-8''100%25%20done.pdf"),
        ("a\"b.pdf", "attachment; filename=\"ab.pdf\"; filename*=UTF-8''ab.pdf"),
        ("x.pdf\r\nSet-Cookie: a=b", "attachment; filename=\"x.pdfSet-Cookie: a=b\"; filename*=UTF-8''x.pdfSet-Cookie%3A%20a%3Db"),
        ("../../etc/passwd", "attachment; filename=\"passwd\"; filename*=UTF-8''passwd"),
        ("", "attachment; filename=\"file\"; filename*=UTF-8''file"),
        ("semi;colon,comma'quote.pdf", "attachment; filename=\"semi;colon,comma'quote.pdf\"; filename*=UTF-8''semi%3Bcolon%2Ccomma%27quote.pdf"),
        ("emoji 😀.png", "attachment; filename=\"emoji _.png\"; filename*=UTF-8''emoji%20%F0%9F%98%80.png"),
    ])
    func contentDispositionEncodesAnyName(name: String, expected: String) {
        #expect(ContentDisposition.value(filename: name, inline: false) == expected)
    }

    @Test func contentDispositionValuesAreOneHeaderLineOfASCII() {
        let hostile = "\u{0}\u{1F}\u{7F}\u{85}\u{2028}\u{202E}\"\\/\r\n" + String(repeating: "é", count: 400)
        let value = ContentDisposition.value(filename: hostile, inline: true)
        #expect(value.utf8.allSatisfy { (0x20...0x7E).contains($0) })
        #expect(value.hasPrefix("inline; filename=\""))
        // filename="…" closes where it should: exactly two quotes.
        #expect(value.filter { $0 == "\"" }.count == 2)
    }

    // MARK: The pipeline

    /// A pipeline with one route that throws `error`; test-only, the production table has no such route.
    static func pipeline(throwing error: MediaError, harness: WebHarness) -> WebApplication {
        WebApplication(app: harness.app, routes: [
            Route("GET", "/media-error", .anonymous) { _, _ in throw error },
            Route("GET", "/api/media-error", .anonymous, kind: .json) { _, _ in throw error },
        ])
    }

    static func get(_ web: WebApplication, _ path: String) -> Response {
        web.respond(to: Request(method: "GET", path: path, query: FormData(), headers: [:], remoteAddress: "127.0.0.1",
                                body: BytesBodyStream([])))
    }

    @Test(arguments: [MediaError.empty, .tooLarge(.receipts), .unsupportedType(.receipts)])
    func userMediaErrorsAre422WithTheirMessage(error: MediaError) throws {
        let harness = try WebHarness()
        let web = Self.pipeline(throwing: error, harness: harness)
        let page = Self.get(web, "/media-error")
        #expect(page.status == 422)
        let message = try #require(error.userMessage)
        #expect(page.bodyText.contains(HTML.escaped(message)))
        let problem = Self.get(web, "/api/media-error")
        #expect(problem.status == 422)
        #expect(problem.header("Content-Type") == "application/problem+json")
        #expect(problem.bodyText.contains("File not accepted"))
    }

    @Test func storageFailuresAre500WithoutTheirDetail() throws {
        let harness = try WebHarness()
        let web = Self.pipeline(throwing: .storageFailed("cannot create /secret/path: No space left"), harness: harness)
        let page = Self.get(web, "/media-error")
        #expect(page.status == 500)
        #expect(!page.bodyText.contains("/secret/path"))
    }

    @Test func theSecurityHeadersAndNoStoreAreStillAdded() throws {
        let harness = try WebHarness()
        let web = WebApplication(app: harness.app, routes: [
            Route("GET", "/download", .anonymous) { _, _ in .accelRedirect(mediaKey: Self.key, downloadName: "r.pdf") },
        ])
        let response = Self.get(web, "/download")
        #expect(response.header("X-Accel-Redirect") != nil)
        #expect(response.header("Cache-Control") == "no-store")
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Content-Length") == "0")
    }
}

/// nginx and the app must refuse the same bodies: a limit only nginx knows is lost in `--cgi`
/// mode and tests; one only the app knows lets nginx spool bodies the app then refuses.
@Suite struct UploadLimitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func appAndNginxAgreeOn12MiB() throws {
        #expect(AppConfig.defaultMaxUploadBytes == 12 * 1024 * 1024)
        #expect(AppConfig().maxUploadBytes == AppConfig.defaultMaxUploadBytes)
        #expect(RequestBodyLimits.default.maxUploadBytes == AppConfig.defaultMaxUploadBytes)
        #expect(MultipartLimits.default.maxTotalBytes == AppConfig.defaultMaxUploadBytes)
        // The largest receipt fits with room for the multipart framing and the form's fields.
        #expect(MultipartLimits.default.maxFileBytes == MediaCategory.receipts.maxBytes)
        #expect(AppConfig.defaultMaxUploadBytes - MediaCategory.receipts.maxBytes >= 1024 * 1024)

        for conf in ["nginx/ez360.conf", "nginx/dev.conf"] {
            let text = try String(contentsOf: Self.repository.appendingPathComponent(conf), encoding: .utf8)
            let limits = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("client_max_body_size") }
            // The server-wide limit, and the CSP report endpoint's small one.
            #expect(limits.sorted() == ["client_max_body_size 12m;", "client_max_body_size 16k;"], "\(conf)")
        }
    }
}
