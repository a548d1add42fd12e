import Domain
import Testing
@testable import Web

@Suite struct RouterTests {
    let router = Router([
        Route("GET", "/clients", .viewClients) { _, _ in .text("list") },
        Route("GET", "/clients/new", .editClients) { _, _ in .text("new") },
        Route("POST", "/clients", .editClients) { _, _ in .text("create") },
        Route("GET", "/clients/{id}", .viewClients) { _, _ in .text("show") },
        Route("POST", "/clients/{id}/edit", .editClients) { _, _ in .text("update") },
    ])

    func matched(_ method: String, _ path: String) -> (String, [String: String])? {
        if case .found(let route, let parameters) = router.match(method: method, path: path) {
            return (route.pattern, parameters)
        }
        return nil
    }

    @Test func literalRoutesWinOverParametersDeclaredAfterThem() {
        #expect(matched("GET", "/clients/new")?.0 == "/clients/new")
        #expect(matched("GET", "/clients/42")?.0 == "/clients/{id}")
        #expect(matched("GET", "/clients/42")?.1 == ["id": "42"])
    }

    @Test func parametersArePercentDecoded() {
        #expect(matched("GET", "/clients/a%20b")?.1 == ["id": "a b"])
    }

    @Test func trailingSlashIsTheSamePage() {
        #expect(matched("GET", "/clients/")?.0 == "/clients")
    }

    @Test func headIsAnsweredByGet() {
        #expect(matched("HEAD", "/clients")?.0 == "/clients")
    }

    @Test func unknownPathIsNotFound() {
        guard case .notFound = router.match(method: "GET", path: "/nope") else { Issue.record("expected 404"); return }
        guard case .notFound = router.match(method: "GET", path: "/clients/1/2/3") else { Issue.record("expected 404"); return }
        guard case .notFound = router.match(method: "GET", path: "//clients") else { Issue.record("expected 404"); return }
    }

    @Test func wrongMethodListsTheAllowedOnes() {
        guard case .methodNotAllowed(let allowed) = router.match(method: "DELETE", path: "/clients") else {
            Issue.record("expected 405"); return
        }
        #expect(Set(allowed) == ["GET", "POST", "HEAD"])
        guard case .methodNotAllowed(let onlyPost) = router.match(method: "GET", path: "/clients/9/edit") else {
            Issue.record("expected 405"); return
        }
        #expect(onlyPost == ["POST"])
    }

    @Test func malformedIdsAreNotFoundNotErrors() throws {
        for raw in ["abc", "-1", "0", "99999999999999999999999", "1.5"] {
            let request = Request(method: "GET", path: "/clients/\(raw)")
            request.pathParameters = ["id": raw]
            #expect(throws: RequestError.notFound) { try request.id() }
        }
    }
}
