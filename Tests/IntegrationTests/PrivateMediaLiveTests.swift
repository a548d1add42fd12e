import Foundation
import Testing

/// The internal media location of nginx/dev.conf in the running stack: the files ez360-fcgi
/// writes are where nginx's location points, and nobody reaches them from outside. The
/// end-to-end download (permission check → X-Accel-Redirect → file with the media headers)
/// is `ExpenseLiveTests`.
@Suite(.serialized)
struct PrivateMediaLiveTests {
    let stack: Stack
    static let secret = Array("%PDF-1.7\nsecret receipt of company A\n%%EOF\n".utf8)

    init() throws {
        stack = try Stack.get()
    }

    func randomKey(company: Int = 1, ext: String = "pdf") -> String {
        let hex = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return "receipts/\(company)/\(hex).\(ext)"
    }

    @Test("A media file is not reachable from outside: /media/_internal/… is internal (404), however spelled")
    func mediaIsNotReachableDirectly() throws {
        let key = randomKey()
        try stack.placeMedia(key: key, bytes: Self.secret)
        let secretText = String(decoding: Self.secret, as: UTF8.self)
        let browser = try signedInOwner()
        for path in ["/media/_internal/\(key)",
                     "/media/%5Finternal/\(key)",
                     "/media/_internal/\(key.replacingOccurrences(of: "/", with: "%2F"))",
                     "//media//_internal//\(key)",
                     "/media/x/../_internal/\(key)",
                     "/media/_internal/../_internal/\(key)",
                     "/MEDIA/_INTERNAL/\(key.uppercased())",
                     "/\(key)",
                     "/media/\(key)"] {
            for method in ["GET", "HEAD"] {
                // Signed in or not: only an X-Accel-Redirect from the app reaches the location.
                let anonymous = try RawHTTP.exchange(port: stack.port, request: RawHTTP.requestBytes(method: method, path: path,
                                                                                                    port: stack.port))
                let signedIn = try browser.request(method, path)
                for response in [anonymous, signedIn] {
                    #expect(response.status == 404, "\(method) \(path)\n\(response.summary)")
                    #expect(!response.text.contains(secretText), "\(method) \(path) leaked the file")
                }
            }
        }
    }

    @Test("nginx's internal media location aliases the stack's EZ360_DATA_DIR/media with the private media headers")
    func renderedConfigPointsAtTheAppsMediaDirectory() throws {
        let config = try String(contentsOfFile: stack.nginxConfigPath, encoding: .utf8)
        let block = try #require(Self.locationBlock("location ^~ /media/_internal/", in: config), "no media location:\n\(config)")
        #expect(block.contains("internal;"))
        #expect(block.contains("alias \(stack.mediaDirectory)/;"), "\(block)")
        #expect(block.contains("include \(Paths.repositoryRoot)/nginx/private-media-headers.conf;"), "\(block)")
        #expect(!block.contains("security-headers.conf"), "the page CSP does not belong on uploaded files:\n\(block)")
        #expect(!config.contains("@MEDIA@"))
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: stack.mediaDirectory, isDirectory: &isDirectory) && isDirectory.boolValue)

        let headers = try String(contentsOfFile: Paths.repositoryRoot + "/nginx/private-media-headers.conf", encoding: .utf8)
        #expect(headers.contains(#"add_header Content-Security-Policy "default-src 'none'; sandbox" always;"#))
        #expect(headers.contains(#"add_header X-Content-Type-Options "nosniff" always;"#))
    }

    @Test("The production site serves the same internal location from /var/lib/ez360/media/")
    func productionConfigMatches() throws {
        let config = try String(contentsOfFile: Paths.repositoryRoot + "/nginx/ez360.conf", encoding: .utf8)
        let block = try #require(Self.locationBlock("location ^~ /media/_internal/", in: config))
        #expect(block.contains("internal;"))
        #expect(block.contains("alias /var/lib/ez360/media/;"))
        #expect(block.contains("include snippets/ez360/private-media-headers.conf;"))
        #expect(block.contains("Strict-Transport-Security"))
    }

    /// The text of the location block that starts with `opening`, up to its closing brace.
    static func locationBlock(_ opening: String, in config: String) -> String? {
        guard let start = config.range(of: opening + " {") else { return nil }
        guard let end = config[start.upperBound...].firstIndex(of: "}") else { return nil }
        return String(config[start.lowerBound...end])
    }

    func signedInOwner() throws -> Browser {
        let browser = stack.browser("media")
        let response = try browser.signIn(Stack.ownerA)
        guard response.status == 303 else { throw HarnessError("sign-in failed:\n\(response.summary)") }
        return browser
    }
}
