/// Error answers, as a page or as Problem+JSON. None of them says whether a missing row
/// exists in another company.
enum ErrorPages {
    static func page(_ context: RequestContext, status: Int, title: String, message: String) -> Response {
        let body: HTML = """
            <div class="error-page"><h1>\(title)</h1><p>\(message)</p>
            <p class="muted">Request id: <code>\(context.requestId)</code></p></div>
            """
        let html = context.signedIn == nil ? Layout.bare(title, context, body: body) : Layout.page(title, context, body: body)
        return .html(html, status: status)
    }

    static func notFound(_ context: RequestContext, json: Bool) -> Response {
        json ? .problem(status: 404, title: "Not found", requestId: context.requestId)
            : page(context, status: 404, title: "Page not found",
                   message: "There is nothing here. It may have been moved, or the link may be wrong.")
    }

    static func forbidden(_ context: RequestContext, json: Bool) -> Response {
        json ? .problem(status: 403, title: "Forbidden", requestId: context.requestId)
            : page(context, status: 403, title: "Not allowed",
                   message: "Your role does not allow this. Ask an owner or admin of your company.")
    }

    static func methodNotAllowed(_ context: RequestContext) -> Response {
        page(context, status: 405, title: "Method not allowed", message: "This address does not accept that kind of request.")
    }

    static func csrfRefused(_ context: RequestContext, json: Bool, reason: String) -> Response {
        json ? .problem(status: 403, title: "Security check failed", detail: reason, requestId: context.requestId)
            : page(context, status: 403, title: "Security check failed",
                   message: "\(reason) Go back, reload the page and try again.")
    }

    static func requestError(_ error: RequestError, _ context: RequestContext, json: Bool) -> Response {
        let (status, title, message): (Int, String, String) = switch error {
        case .notFound: (404, "Page not found", "There is nothing here.")
        case .payloadTooLarge: (413, "Too large", "What you sent is larger than this form accepts.")
        case .unsupportedMediaType: (415, "Unsupported form", "This form must be sent as a regular web form.")
        case .badRequest(let detail): (400, "Bad request", detail)
        }
        return json ? .problem(status: status, title: title, detail: message, requestId: context.requestId)
            : page(context, status: status, title: title, message: message)
    }

    /// The last resort: no layout (it may be what failed), no details, just the request id
    /// that finds the log line.
    static func serverError(requestId: String, json: Bool) -> Response {
        if json { return .problem(status: 500, title: "Internal server error", requestId: requestId) }
        return .html("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Something went wrong · EZ360PM</title>
            <link rel="stylesheet" href="/assets/app.css"></head>
            <body><main id="main" class="container error-page"><h1>Something went wrong</h1>
            <p>The request failed and nothing was saved. Try again; if it keeps failing, give this id to your administrator.</p>
            <p class="muted">Request id: <code>\(requestId)</code></p></main></body>
            </html>
            """, status: 500)
    }
}
