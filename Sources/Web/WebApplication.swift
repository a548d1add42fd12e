import App
import Domain
import Foundation

/// The whole request pipeline, in DESIGN.md §3's order: request id → timing and log line →
/// route → session → permission → CSRF → handler, with security headers on every answer.
/// The same object serves FastCGI, `--cgi` and in-process tests.
public final class WebApplication: Sendable {
    public let app: EZ360App
    public let router: Router
    let limits: RequestBodyLimits

    public init(app: EZ360App, routes: [Route] = Routes.all) {
        self.app = app
        self.router = Router(routes)
        let temporary = (app.config.dataDirectory as NSString).appendingPathComponent("tmp")
        try? FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        self.limits = RequestBodyLimits(maxFormBytes: app.config.maxFormBytes, maxUploadBytes: app.config.maxUploadBytes,
                                        temporaryDirectory: temporary)
    }

    /// Answers one request given its CGI parameters and body.
    public func respond(cgiParams: [String: String], body: (any BodyStream)?) -> Response {
        respond(to: Request(cgiParams: cgiParams, body: body, limits: limits))
    }

    public func respond(to request: Request) -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let context = RequestContext(app: app, requestId: RequestID.resolve(request.headers["x-request-id"]),
                                     remoteAddress: request.remoteAddress)
        context.currentPath = request.path
        var routePattern = "-"
        var errorDescription: String?
        var response: Response
        do {
            (response, routePattern) = try dispatch(request, context)
        } catch {
            errorDescription = String(describing: error)
            response = ErrorPages.serverError(requestId: context.requestId, json: request.path.hasPrefix("/api/"))
        }
        request.cleanUp()
        finish(&response, request: request, context: context)
        log(request, context, routePattern: routePattern, status: response.status, started: started, error: errorDescription)
        return response
    }

    private func dispatch(_ request: Request, _ context: RequestContext) throws -> (Response, String) {
        switch router.match(method: request.method, path: request.path) {
        case .notFound:
            return (ErrorPages.notFound(context, json: request.path.hasPrefix("/api/")), "-")
        case .methodNotAllowed(let allowed):
            var response = ErrorPages.methodNotAllowed(context)
            response.setHeader("Allow", allowed.joined(separator: ", "))
            return (response, "-")
        case .found(let route, let parameters):
            request.pathParameters = parameters
            return (try run(route, request, context), route.pattern)
        }
    }

    private func run(_ route: Route, _ request: Request, _ context: RequestContext) throws -> Response {
        let json = route.kind == .json
        if let token = request.cookies[SessionCookie.name] {
            context.signedIn = try app.auth.resolve(token: token)
        }
        if let flashValue = request.cookies[Flash.cookieName] {
            context.flash = Flash(cookieValue: flashValue)
            context.setCookie(SetCookie.removal(Flash.cookieName, secure: app.config.isProduction))
        }

        if route.permission != .anonymous {
            guard let signedIn = context.signedIn else {
                if json || request.isUnsafeMethod {
                    return json ? Response.problem(status: 401, title: "Sign in required", requestId: context.requestId)
                        : ErrorPages.page(context, status: 401, title: "Sign in required",
                                          message: "Your session has ended. Sign in again, then retry.")
                }
                return .seeOther(SignInPage.path(next: request.path))
            }
            guard route.permission.isGranted(to: signedIn.role) else {
                return ErrorPages.forbidden(context, json: json)
            }
        }
        // The email verification gate (docs/security.md): an unverified user reaches only
        // /verify-email… and /logout while EZ360_REQUIRE_EMAIL_VERIFICATION is in force.
        if let signedIn = context.signedIn, app.emailVerification.isGated(signedIn),
           !VerifyEmailPages.isAllowedWhileUnverified(route) {
            return json ? Response.problem(status: 403, title: "Verify your email address first", requestId: context.requestId)
                : .seeOther("/verify-email")
        }
        // Company policy "require 2FA for owner, admin and manager": enrol before anything else.
        if let signedIn = context.signedIn, route.permission != .anonymous,
           let enrol = try TwoFactorGate.redirect(signedIn, route: route, app: app) {
            return json ? Response.problem(status: 403, title: "Set up two-factor sign-in first", requestId: context.requestId)
                : .seeOther(enrol)
        }

        context.incomingCSRFCookie = request.cookies[CSRF.cookieName]
        do {
            if request.isUnsafeMethod, route.csrf == .required,
               let refusal = try CSRF.check(request, context, json: json) { return refusal }
            return try route.handler(request, context)
        } catch let error as AppError {
            switch error {
            case .notFound: return ErrorPages.notFound(context, json: json)
            case .forbidden: return ErrorPages.forbidden(context, json: json)
            case .invalid(let errors):
                let detail = errors.messages.map(\.message).joined(separator: " ")
                return json ? .problem(status: 422, title: "Invalid input", detail: detail, requestId: context.requestId)
                    : ErrorPages.page(context, status: 422, title: "Invalid input", message: detail)
            case .conflict(let message):
                return json ? .problem(status: 409, title: "Conflict", detail: message, requestId: context.requestId)
                    : ErrorPages.page(context, status: 409, title: "That cannot be done", message: message)
            }
        } catch let error as RequestError {
            return ErrorPages.requestError(error, context, json: json)
        } catch let error as FormParseError {
            return ErrorPages.requestError(.badRequest(error.message), context, json: json)
        } catch let error as MediaError {
            // The uploader's to fix (empty, too large, not an accepted type): say so. Our
            // own storage failures go on to the 500 page and the log.
            guard let message = error.userMessage else { throw error }
            return json ? .problem(status: 422, title: "File not accepted", detail: message, requestId: context.requestId)
                : ErrorPages.page(context, status: 422, title: "File not accepted", message: message)
        } catch let error as MultipartError {
            return ErrorPages.requestError(error.isSizeLimit ? .payloadTooLarge : .badRequest("The upload could not be read."),
                                           context, json: json)
        }
    }

    private func finish(_ response: inout Response, request: Request, context: RequestContext) {
        for cookie in context.outgoingCookies { response.addCookie(cookie) }
        SecurityHeaders.apply(to: &response, production: app.config.isProduction)
        response.setHeader("X-Request-ID", context.requestId)
        response.setHeader("Content-Length", String(response.body.count))
        if request.method == "HEAD" { response.body = [] }
    }

    private func log(_ request: Request, _ context: RequestContext, routePattern: String, status: Int, started: UInt64, error: String?) {
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        let slow = milliseconds >= Double(app.config.slowRequestMilliseconds)
        AccessLog.write(.init(ts: AccessLog.timestamp(Date()), level: error != nil ? "error" : (slow ? "warning" : "info"),
                              rid: context.requestId, method: request.method, route: routePattern, status: status,
                              ms: (milliseconds * 100).rounded() / 100, company: context.signedIn?.company.id,
                              user: context.signedIn?.user.id, slow: slow ? true : nil, error: error))
    }
}
