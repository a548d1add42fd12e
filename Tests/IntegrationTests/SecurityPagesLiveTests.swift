import Foundation
import Testing

/// The identity issue's security pages and the CSP report endpoint through the real nginx
/// (nginx/dev.conf) and ez360-fcgi: nginx passes reports on, limits their size, and every
/// page passes `tidy -errors` (Browser runs it on each HTML answer).
@Suite(.serialized)
struct SecurityPagesLiveTests {
    let stack: Stack

    init() throws {
        stack = try Stack.get()
    }

    @Test("POST /csp-report through nginx: 204 with no cookie or token; over 16 KB refused by nginx")
    func cspReportThroughNginx() throws {
        let browser = stack.browser()
        let report = #"{"csp-report":{"document-uri":"http://127.0.0.1/clients?q=x","violated-directive":"style-src","blocked-uri":"inline"}}"#
        let stored = try browser.request("POST", "/csp-report", headers: [("Origin", "https://elsewhere.example")],
                                         body: Array(report.utf8), contentType: "application/csp-report")
        #expect(stored.status == 204, "\(stored.summary)")
        #expect(stored.header("Content-Security-Policy")?.hasSuffix("report-uri /csp-report") == true)
        let huge = try browser.request("POST", "/csp-report", body: [UInt8](repeating: 0x20, count: 20_000),
                                       contentType: "application/csp-report")
        #expect(huge.status == 413, "\(huge.summary)")
    }

    @Test("An owner's security pages render through nginx and pass tidy")
    func ownersSecurityPages() throws {
        let browser = stack.browser(Stack.ownerA.email)
        let signedIn = try browser.signIn(Stack.ownerA)
        #expect(signedIn.status == 303, "\(signedIn.summary)")
        for path in ["/account/sessions", "/audit", "/audit?action=auth.login", "/security/lockouts", "/security/csp-reports"] {
            let page = try browser.get(path)
            #expect(page.status == 200, "\(path): \(page.summary)")
        }
        #expect(try browser.get("/audit?from=nonsense").status == 422)
    }
}
