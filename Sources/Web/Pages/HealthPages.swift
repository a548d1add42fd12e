import App

/// GET /healthz — a real query against the database: 200 with `{"status":"ok","db":"ok"}`, or
/// 503 when the database cannot answer. GET /ping — the cheapest dynamic answer there is
/// (no database, no session): the ceiling `make bench` measures FastCGI against.
enum HealthPages {
    struct Health: Encodable {
        let status: String
        let db: String
        let version: String
    }

    static func healthz(_ request: Request, _ context: RequestContext) throws -> Response {
        let healthy = context.app.databaseIsHealthy()
        return .json(Health(status: healthy ? "ok" : "error", db: healthy ? "ok" : "unavailable",
                            version: context.app.config.version), status: healthy ? 200 : 503)
    }

    static func ping(_ request: Request, _ context: RequestContext) throws -> Response {
        .text("pong\n")
    }
}
