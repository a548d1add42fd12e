import App
import Domain
import Foundation

/// The Content-Security-Policy report endpoint and the page that lists what it stored.
enum CSPReportPages {
    /// POST /csp-report — Permission: anonymous; no CSRF or Origin check (`csrf: .exempt`):
    /// browsers send reports on their own, without cookies or tokens. What keeps it cheap to
    /// abuse: nginx's rate limit, a 16 KB body limit, three content types, at most 20 reports a
    /// request, and a table capped at the newest 1,000. 204 on success.
    static func receive(_ request: Request, _ context: RequestContext) throws -> Response {
        let type = HeaderValue.parameters(request.contentType).value.lowercased()
        guard CSPReportBody.contentTypes.contains(type) else { throw RequestError.unsupportedMediaType }
        let violations = try CSPReportBody.parse(request.rawBody(limit: CSPReportBody.maxBytes))
        try context.app.cspReports.record(violations, userAgent: request.userAgent)
        return Response(status: 204)
    }

    /// GET /security/csp-reports — Permission: viewCSPReports. The newest 200.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let reports = try context.app.cspReports.recent(for: context.actor())
        return .html(SecurityViews.cspReports(reports, context))
    }
}
