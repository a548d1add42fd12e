import App
import Domain
import Foundation
import Store

/// The client pages. Every id is looked up within the signed-in company: another company's
/// id is a 404 for every verb.
enum ClientPages {
    /// GET /clients?q=&status=deleted&page= — Permission: viewClients.
    static func index(_ request: Request, _ context: RequestContext) throws -> Response {
        let search = String((request.query["q"] ?? "").prefix(200))
        let filter = ClientListFilter(rawValue: request.query["status"] ?? "") ?? .live
        let page = try context.app.clients.list(for: context.actor(), search: search, filter: filter,
                                                page: PageRequest(query: request.query["page"], after: request.query["after"],
                                                                  before: request.query["before"]))
        return .html(ClientViews.index(page, search: search, filter: filter, context))
    }

    /// GET /clients/{id} — Permission: viewClients. Lists the client's projects too.
    static func show(_ request: Request, _ context: RequestContext) throws -> Response {
        let actor = try context.actor()
        let client = try context.app.clients.get(request.id(), for: actor)
        let projects = try context.app.projects.projects(ofClient: client.id ?? 0, for: actor)
        return .html(ClientViews.detail(client, projects: projects, context))
    }

    /// GET /clients/new — Permission: editClients.
    static func new(_ request: Request, _ context: RequestContext) throws -> Response {
        .html(ClientViews.form(ClientDraft(), errors: ValidationErrors(), clientId: nil, context))
    }

    /// POST /clients — Permission: editClients. 303 → the new client; invalid → 422 with messages.
    static func create(_ request: Request, _ context: RequestContext) throws -> Response {
        let draft = try draft(from: request.form())
        do {
            let client = try context.app.clients.create(draft, by: context.actor())
            context.setFlash(.success, "Client “\(client.name)” added.")
            return .seeOther("/clients/\(client.id ?? 0)")
        } catch AppError.invalid(let errors) {
            return .html(ClientViews.form(draft, errors: errors, clientId: nil, context), status: 422)
        }
    }

    /// GET /clients/{id}/edit — Permission: editClients.
    static func edit(_ request: Request, _ context: RequestContext) throws -> Response {
        let client = try context.app.clients.get(request.id(), for: context.actor())
        let draft = ClientDraft(name: client.name, email: client.email, companyName: client.companyName,
                                phone: client.phone, address: client.address, notes: client.notes)
        return .html(ClientViews.form(draft, errors: ValidationErrors(), clientId: client.id, context))
    }

    /// POST /clients/{id}/edit — Permission: editClients. 303 → the client; invalid → 422.
    static func update(_ request: Request, _ context: RequestContext) throws -> Response {
        let id = try request.id()
        let draft = try draft(from: request.form())
        do {
            let client = try context.app.clients.update(id, with: draft, by: context.actor())
            context.setFlash(.success, "Client “\(client.name)” saved.")
            return .seeOther("/clients/\(id)")
        } catch AppError.invalid(let errors) {
            // Confirm the client is ours before echoing the form back.
            _ = try context.app.clients.get(id, for: context.actor())
            return .html(ClientViews.form(draft, errors: errors, clientId: id, context), status: 422)
        }
    }

    /// POST /clients/{id}/delete — Permission: deleteClients. Soft delete; 303 → the list.
    static func delete(_ request: Request, _ context: RequestContext) throws -> Response {
        let client = try context.app.clients.delete(request.id(), by: context.actor())
        context.setFlash(.success, "Client “\(client.name)” deleted. You can restore it from Deleted clients.")
        return .seeOther("/clients")
    }

    /// POST /clients/{id}/restore — Permission: deleteClients. 303 → the client.
    static func restore(_ request: Request, _ context: RequestContext) throws -> Response {
        let client = try context.app.clients.restore(request.id(), by: context.actor())
        context.setFlash(.success, "Client “\(client.name)” restored.")
        return .seeOther("/clients/\(client.id ?? 0)")
    }

    /// GET /api/clients/{id} — Permission: viewClients. JSON; errors as Problem+JSON.
    static func apiShow(_ request: Request, _ context: RequestContext) throws -> Response {
        let client = try context.app.clients.get(request.id(), for: context.actor())
        return .json(ClientJSON(client))
    }

    static func draft(from form: FormData) -> ClientDraft {
        ClientDraft(name: form["name"] ?? "", email: form["email"] ?? "", companyName: form["company_name"] ?? "",
                    phone: form["phone"] ?? "", address: form["address"] ?? "", notes: form["notes"] ?? "")
    }
}

struct ClientJSON: Encodable {
    let id: Int64
    let name: String
    let email: String
    let companyName: String
    let phone: String
    let address: String
    let notes: String
    let createdAt: Date
    let updatedAt: Date
    let deletedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, email, phone, address, notes
        case companyName = "company_name", createdAt = "created_at", updatedAt = "updated_at", deletedAt = "deleted_at"
    }

    init(_ client: ClientRecord) {
        id = client.id ?? 0
        name = client.name
        email = client.email
        companyName = client.companyName
        phone = client.phone
        address = client.address
        notes = client.notes
        createdAt = client.createdAt
        updatedAt = client.updatedAt
        deletedAt = client.deletedAt
    }
}
