import App
import Domain
import Foundation
import Store

/// The demo's estimates, made through `EstimateService` like the pages and the client's link
/// make them: ten over the last days — drafts, sent ones awaiting an answer, accepted and
/// declined ones (answered by name through the public link's use case), and two converted
/// into invoice drafts.
struct DemoEstimates {
    let app: EZ360App
    let actor: Actor
    let timeline: SeedTimeline
    /// The seed's real today: the timeline never passes it (converted invoices are dated on it).
    let today: Date

    enum Outcome { case draft, sent, accepted, declined, converted }

    static let plan: [Outcome] = [.converted, .accepted, .declined, .sent, .converted, .accepted, .sent, .declined, .draft, .draft]

    /// A couple of hours on, unless that would pass today.
    private func step() {
        if timeline.clock.now().addingTimeInterval(0.1 * 86_400) < today { timeline.advance(days: 0.1) }
    }

    func seed(clients: [ClientRecord]) throws {
        guard !clients.isEmpty else { return }
        for (index, outcome) in Self.plan.enumerated() {
            let client = clients[(index * 5 + 2) % clients.count]
            guard !client.isDeleted else { continue }
            let today = CalendarDate(daysSinceEpoch: Int((timeline.clock.now().timeIntervalSince1970 / 86_400).rounded(.down)))
            let lines = (0..<(1 + index % 3)).map { DemoInvoices.services[(index + $0 * 3) % DemoInvoices.services.count] }
            var draft = EstimateDraft(clientId: String(client.id ?? 0), issueDate: today.description,
                                      notes: "Estimate for the work we discussed.", terms: "50% on acceptance, the rest on delivery.",
                                      lines: lines)
            if index % 4 == 1 {
                draft.discountKind = "percentage"
                draft.discountValue = "5"
            }
            let estimate = try app.estimates.create(draft, by: actor)
            guard outcome != .draft, let id = estimate.id else { continue }
            step()
            let sent = try app.estimates.send(id, by: actor).estimate
            step()
            let contact = client.name.split(separator: " ").first.map(String.init) ?? client.name
            switch outcome {
            case .accepted, .converted:
                _ = try app.estimates.respond(token: sent.publicToken, .accept, name: contact, requestId: "seed", ip: "198.51.100.7")
            case .declined:
                _ = try app.estimates.respond(token: sent.publicToken, .decline, name: contact, requestId: "seed", ip: "198.51.100.8")
            case .draft, .sent:
                break
            }
            if outcome == .converted {
                _ = try app.estimates.convert(id, by: actor)
            }
        }
    }
}
