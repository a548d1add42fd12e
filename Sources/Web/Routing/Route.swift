import Domain

/// One row of the route table: method, pattern, the permission it needs, and its handler.
public struct Route: Sendable {
    public typealias Handler = @Sendable (Request, RequestContext) throws -> Response

    public enum Kind: Sendable {
        /// Errors render as HTML pages; anonymous visitors are sent to sign in.
        case page
        /// Errors render as Problem+JSON; anonymous callers get 401.
        case json
    }

    /// Whether the pipeline checks the CSRF token and Origin of an unsafe request.
    public enum CSRFCheck: Sendable {
        case required
        /// Only for an endpoint browsers post to by themselves, without cookies or tokens
        /// (POST /csp-report). The route-table test allows exactly that one.
        case exempt
    }

    public let method: String
    public let pattern: String
    public let permission: Permission
    public let kind: Kind
    public let csrf: CSRFCheck
    public let handler: Handler
    let segments: [Segment]

    enum Segment: Equatable, Sendable {
        case literal(String)
        case parameter(String)
    }

    public init(_ method: String, _ pattern: String, _ permission: Permission, kind: Kind = .page,
                csrf: CSRFCheck = .required, _ handler: @escaping Handler) {
        self.method = method
        self.pattern = pattern
        self.permission = permission
        self.kind = kind
        self.csrf = csrf
        self.handler = handler
        self.segments = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }

    /// The path parameters when `pathSegments` matches this route's pattern.
    func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let literal): if literal != part { return nil }
            case .parameter(let name):
                guard !part.isEmpty, let decoded = String(part).removingPercentEncoding else { return nil }
                parameters[name] = decoded
            }
        }
        return parameters
    }
}
