import Domain
import Foundation
import GRDB
import Store

/// What the project form offers: the company's live clients and its members.
public struct ProjectFormOptions: Sendable {
    public let clients: [(id: Int64, name: String)]
    public let members: [MemberRow]
}

extension ProjectService {
    /// The choices for the project form, read in one snapshot; `includeClient` adds a
    /// project's current client when it has been deleted since (so the form can keep it).
    /// At most `clientLimit` clients, by name.
    public func formOptions(for actor: Actor, includeClient: Int64? = nil, clientLimit: Int = 1_000) throws -> ProjectFormOptions {
        try require(.editProjects, actor)
        return try database.read { db in
            let page = try ClientQueries.page(db, companyId: actor.companyId, search: "", filter: .live,
                                              page: PageRequest(number: 1, size: clientLimit))
            var clients = page.items.map { (id: $0.id, name: $0.name) }
            if let includeClient, !clients.contains(where: { $0.id == includeClient }),
               let client = try ClientQueries.find(db, companyId: actor.companyId, id: includeClient) {
                clients.append((id: includeClient, name: client.name + " (deleted)"))
            }
            return ProjectFormOptions(clients: clients, members: try InvitationQueries.members(db, companyId: actor.companyId))
        }
    }
}
