import Foundation

/// Finds the route for a method and path: a 404 when no pattern matches the path, a 405
/// (with the methods that would match) when the pattern matches but not the method.
/// HEAD is answered by the GET route.
public struct Router: Sendable {
    public let routes: [Route]

    public init(_ routes: [Route]) {
        self.routes = routes
    }

    public enum Match {
        case found(Route, parameters: [String: String])
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    public func match(method: String, path: String) -> Match {
        let pathSegments = path.split(separator: "/", omittingEmptySubsequences: true)
        // A trailing slash or doubled slash is not a different page; but "//x" never routes.
        guard !path.hasPrefix("//") else { return .notFound }
        let lookupMethod = method == "HEAD" ? "GET" : method
        var allowed: [String] = []
        for route in routes {
            guard let parameters = route.match(pathSegments) else { continue }
            if route.method == lookupMethod { return .found(route, parameters: parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") { allowed.append("HEAD") }
        return .methodNotAllowed(allowed: allowed)
    }
}
