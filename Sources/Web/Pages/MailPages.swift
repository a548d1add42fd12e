import App
import Domain
import Foundation
import Store

/// The company's undelivered mail. Only dead letters of the signed-in company are listed or
/// replayed: another company's id is a 404.
enum MailPages {
    /// GET /mail/dead-letters?page= — Permission: manageMail.
    static func deadLetters(_ request: Request, _ context: RequestContext) throws -> Response {
        let page = try context.app.outbox.deadLetters(for: context.actor(), page: PageRequest(query: request.query["page"]))
        return .html(MailViews.deadLetters(page, context))
    }

    /// POST /mail/dead-letters/{id}/replay — Permission: manageMail. 303 → the list with a flash.
    static func replay(_ request: Request, _ context: RequestContext) throws -> Response {
        do {
            let message = try context.app.outbox.replay(request.id(), by: context.actor())
            context.setFlash(.success, "“\(message.subject)” to \(message.toAddress) will be sent again within a minute or two.")
        } catch AppError.conflict(let reason) {
            context.setFlash(.error, reason)
        }
        return .seeOther("/mail/dead-letters")
    }
}
