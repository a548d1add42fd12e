import Testing
@testable import Domain

@Suite struct InvoiceStatusTests {
    @Test func rawValuesAreWhatTheDatabaseStores() {
        #expect(InvoiceStatus.allCases.map(\.rawValue) == ["draft", "sent", "partially_paid", "paid", "void"])
        #expect(InvoiceStatus(rawValue: "partially_paid") == .partiallyPaid)
        #expect(InvoiceStatus.allCases.map(\.label) == ["Draft", "Sent", "Partially paid", "Paid", "Void"])
    }

    @Test func onlyTheseTransitionsExist() {
        var allowed: [String] = []
        for from in InvoiceStatus.allCases {
            for to in InvoiceStatus.allCases {
                for money in [false, true] where from.canTransition(to: to, hasMoneyApplied: money) {
                    allowed.append("\(from.rawValue)->\(to.rawValue)\(money ? "+money" : "")")
                }
            }
        }
        #expect(allowed == [
            "draft->sent", "draft->sent+money",
            "sent->partially_paid", "sent->partially_paid+money", "sent->paid", "sent->paid+money", "sent->void",
            "partially_paid->paid", "partially_paid->paid+money",
        ])
    }

    @Test func neverBackwardsDraftsAreDeletedAndMoneyBlocksVoid() {
        #expect(!InvoiceStatus.sent.canTransition(to: .draft, hasMoneyApplied: false))
        #expect(!InvoiceStatus.paid.canTransition(to: .partiallyPaid, hasMoneyApplied: true))
        #expect(!InvoiceStatus.paid.canTransition(to: .void, hasMoneyApplied: false))
        #expect(!InvoiceStatus.void.canTransition(to: .sent, hasMoneyApplied: false))
        #expect(!InvoiceStatus.partiallyPaid.canTransition(to: .sent, hasMoneyApplied: true))
        #expect(!InvoiceStatus.partiallyPaid.canTransition(to: .void, hasMoneyApplied: true))
        #expect(!InvoiceStatus.draft.canTransition(to: .void, hasMoneyApplied: false))
        #expect(!InvoiceStatus.draft.canTransition(to: .paid, hasMoneyApplied: false))
        #expect(!InvoiceStatus.sent.canTransition(to: .void, hasMoneyApplied: true))
        #expect(InvoiceStatus.sent.canTransition(to: .void, hasMoneyApplied: false))
        #expect(InvoiceStatus.allCases.allSatisfy { !$0.canTransition(to: $0, hasMoneyApplied: false) })
    }

    @Test func everythingButADraftIsLocked() {
        #expect(InvoiceStatus.allCases.filter(\.isLocked) == [.sent, .partiallyPaid, .paid, .void])
        #expect(InvoiceStatus.allCases.filter(\.isDeletable) == [.draft])
    }
}
