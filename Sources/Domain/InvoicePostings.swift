/// One side of a double-entry posting: an account of the minimal chart and the amount it
/// is debited or credited (exactly one of the two is non-zero).
public struct Posting: Sendable, Hashable {
    public let account: Account
    public let debitCents: Int64
    public let creditCents: Int64
    /// What the posting is for, when the account alone does not say (the tax's label).
    public let memo: String

    public init(account: Account, debitCents: Int64 = 0, creditCents: Int64 = 0, memo: String = "") {
        self.account = account
        self.debitCents = debitCents
        self.creditCents = creditCents
        self.memo = memo
    }

    /// The accounts invoices post to (the minimal chart onboarding will provision).
    public enum Account: String, Sendable, Hashable, CaseIterable {
        case accountsReceivable = "1200"
        case salesTaxPayable = "2200"
        case revenue = "4000"

        public var code: String { rawValue }

        public var name: String {
            switch self {
            case .accountsReceivable: "Accounts receivable"
            case .salesTaxPayable: "Sales tax payable"
            case .revenue: "Revenue"
            }
        }
    }
}

/// The posting rules of invoices (DESIGN.md §2: Domain holds which accounts an event
/// debits and credits). Postings always balance; zero amounts are left out.
public enum InvoicePostings {
    /// Sending an invoice: debit Accounts receivable with the total; credit Revenue with the
    /// subtotal after discount, and Sales tax payable with each rate's tax.
    public static func sent(_ totals: DocumentTotals) -> [Posting] {
        var postings: [Posting] = []
        if totals.total.cents > 0 {
            postings.append(Posting(account: .accountsReceivable, debitCents: totals.total.cents))
        }
        if totals.discountedSubtotal.cents > 0 {
            postings.append(Posting(account: .revenue, creditCents: totals.discountedSubtotal.cents))
        }
        for row in totals.taxSummary where row.tax.cents > 0 {
            postings.append(Posting(account: .salesTaxPayable, creditCents: row.tax.cents, memo: row.rate.label))
        }
        return postings
    }

    /// Voiding: the exact reverse of what sending posted, every debit a credit and back.
    public static func reversing(_ postings: [Posting]) -> [Posting] {
        postings.map { Posting(account: $0.account, debitCents: $0.creditCents, creditCents: $0.debitCents, memo: $0.memo) }
    }

    /// Sum of debits and sum of credits.
    public static func sides(_ postings: [Posting]) -> (debits: Int64, credits: Int64) {
        postings.reduce((Int64(0), Int64(0))) { ($0.0 + $1.debitCents, $0.1 + $1.creditCents) }
    }
}
