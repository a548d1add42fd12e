import Domain

/// Every route of the application, in one table: method, pattern, permission, handler.
/// A test walks it: every route declares a permission, and every unsafe route refuses a
/// missing CSRF token, a foreign Origin and an anonymous caller.
public enum Routes {
    public static let all: [Route] = [
        Route("GET", "/healthz", .anonymous, kind: .json, HealthPages.healthz),
        Route("GET", "/ping", .anonymous, HealthPages.ping),

        Route("GET", "/login", .anonymous, SignInPage.get),
        Route("POST", "/login", .anonymous, SignInPage.post),
        Route("POST", "/logout", .signedIn, SignInPage.logout),

        Route("GET", "/", .signedIn, HomePage.get),

        Route("GET", "/clients", .viewClients, ClientPages.index),
        Route("GET", "/clients/new", .editClients, ClientPages.new),
        Route("POST", "/clients", .editClients, ClientPages.create),
        Route("GET", "/clients/{id}", .viewClients, ClientPages.show),
        Route("GET", "/clients/{id}/edit", .editClients, ClientPages.edit),
        Route("POST", "/clients/{id}/edit", .editClients, ClientPages.update),
        Route("POST", "/clients/{id}/delete", .deleteClients, ClientPages.delete),
        Route("POST", "/clients/{id}/restore", .deleteClients, ClientPages.restore),

        Route("GET", "/api/clients/{id}", .viewClients, kind: .json, ClientPages.apiShow),
    ]
}
