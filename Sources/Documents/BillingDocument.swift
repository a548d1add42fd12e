/// An invoice, estimate or credit note as it is printed: every value is already a string,
/// formatted by the caller (money with its currency, dates in the company's format), so
/// this target knows nothing of Money, locales or the database. `PDFRenderer` draws it.
///
/// Any text may be hostile (a client typed it): control characters, very long strings and
/// characters the font lacks are all drawn without failing — see `PDFRenderer`.
public struct BillingDocument: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case invoice, estimate, creditNote

        /// The word in the heading: "Invoice", "Estimate", "Credit note".
        public var title: String {
            switch self {
            case .invoice: "Invoice"
            case .estimate: "Estimate"
            case .creditNote: "Credit note"
            }
        }

        /// The label of `dueDate`: "Due" for invoices (and credit notes), "Valid until" for
        /// estimates.
        public var dueLabel: String {
            switch self {
            case .invoice, .creditNote: "Due"
            case .estimate: "Valid until"
            }
        }
    }

    /// The seller (the company) or the buyer (the client).
    public struct Party: Sendable {
        public var name: String
        public var addressLines: [String]
        public var email: String
        public var phone: String?
        public var taxId: String?
        /// A PNG, drawn top-left for the seller (ignored for the buyer). Decoded and checked
        /// by the renderer: a corrupt image is `PDFRenderError.badLogo`, never a crash.
        public var logoPNG: [UInt8]?

        public init(
            name: String, addressLines: [String] = [], email: String = "", phone: String? = nil,
            taxId: String? = nil, logoPNG: [UInt8]? = nil
        ) {
            self.name = name
            self.addressLines = addressLines
            self.email = email
            self.phone = phone
            self.taxId = taxId
            self.logoPNG = logoPNG
        }
    }

    /// One row of the line table. `taxLabel` names the rate ("VAT 20%"), may be empty.
    public struct Line: Sendable {
        public var description: String
        public var quantity: String
        public var unitPrice: String
        public var taxLabel: String
        public var amount: String

        public init(description: String, quantity: String, unitPrice: String, taxLabel: String, amount: String) {
            self.description = description
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.taxLabel = taxLabel
            self.amount = amount
        }
    }

    /// One row of the tax summary: the rate's label, the amount it applies to, the tax.
    public struct TaxRow: Sendable {
        public var label: String
        public var base: String
        public var amount: String

        public init(label: String, base: String, amount: String) {
            self.label = label
            self.base = base
            self.amount = amount
        }
    }

    /// The totals block; the optional rows are left out when nil.
    public struct Totals: Sendable {
        public var subtotal: String
        public var discount: String?
        public var taxTotal: String
        public var total: String
        public var amountPaid: String?
        public var balanceDue: String?

        public init(
            subtotal: String, discount: String? = nil, taxTotal: String, total: String,
            amountPaid: String? = nil, balanceDue: String? = nil
        ) {
            self.subtotal = subtotal
            self.discount = discount
            self.taxTotal = taxTotal
            self.total = total
            self.amountPaid = amountPaid
            self.balanceDue = balanceDue
        }
    }

    public var kind: Kind
    public var number: String
    public var issueDate: String
    public var dueDate: String?
    public var status: String?
    public var seller: Party
    public var buyer: Party
    public var lines: [Line]
    public var taxSummary: [TaxRow]
    public var totals: Totals
    /// Free text; newlines start new paragraphs. Empty sections are left out.
    public var notes: String
    public var terms: String
    public var paymentInstructions: String
    /// Printed small at the bottom of every page; may be empty.
    public var footer: String

    /// The label of `dueDate` for this kind of document.
    public var dueLabel: String { kind.dueLabel }

    public init(
        kind: Kind, number: String, issueDate: String, dueDate: String? = nil, status: String? = nil,
        seller: Party, buyer: Party, lines: [Line], taxSummary: [TaxRow], totals: Totals,
        notes: String = "", terms: String = "", paymentInstructions: String = "", footer: String = ""
    ) {
        self.kind = kind
        self.number = number
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.status = status
        self.seller = seller
        self.buyer = buyer
        self.lines = lines
        self.taxSummary = taxSummary
        self.totals = totals
        self.notes = notes
        self.terms = terms
        self.paymentInstructions = paymentInstructions
        self.footer = footer
    }
}

extension BillingDocument {
    /// A complete invoice with `lineCount` lines, UTF-8 names and two tax rates, for tests
    /// and the benchmark. Amounts are consistent (cents, 20 % and 7 % rates).
    public static func sample(lineCount: Int) -> BillingDocument {
        let services = [
            "Consulting — discovery workshop", "Design review", "Implementation, sprint",
            "Data migration (Łódź office)", "Training session", "Support retainer",
        ]
        var lines: [Line] = []
        var base20 = 0
        var base7 = 0
        for index in 0..<max(0, lineCount) {
            let quantity = index % 4 + 1
            let unitCents = 7_500 + (index % 7) * 1_250
            let amount = quantity * unitCents
            let standard = index % 3 != 2
            if standard { base20 += amount } else { base7 += amount }
            lines.append(Line(
                description: "\(services[index % services.count]) #\(index + 1)",
                quantity: "\(quantity)",
                unitPrice: formatEuros(unitCents),
                taxLabel: standard ? "VAT 20%" : "VAT 7%",
                amount: formatEuros(amount)))
        }
        let tax20 = base20 / 5
        let tax7 = (base7 * 7 + 50) / 100
        let subtotal = base20 + base7
        let total = subtotal + tax20 + tax7
        let paid = total / 4
        return BillingDocument(
            kind: .invoice, number: "INV-202611-0001", issueDate: "2026-11-30", dueDate: "2026-12-30",
            status: "Sent",
            seller: Party(
                name: "Ångström & Søn Consulting Ltd",
                addressLines: ["12 Rue de l’Église", "75004 Paris", "France"],
                email: "billing@angstrom.example", phone: "+33 1 23 45 67 89", taxId: "FR 12 345678901"),
            buyer: Party(
                name: "Zoë Ångström", addressLines: ["ul. Piotrkowska 104", "90-001 Łódź", "Poland"],
                email: "zoe@example.pl", taxId: "PL 1234567890"),
            lines: lines,
            taxSummary: [
                TaxRow(label: "VAT 20%", base: formatEuros(base20), amount: formatEuros(tax20)),
                TaxRow(label: "VAT 7%", base: formatEuros(base7), amount: formatEuros(tax7)),
            ],
            totals: Totals(
                subtotal: formatEuros(subtotal), taxTotal: formatEuros(tax20 + tax7), total: formatEuros(total),
                amountPaid: formatEuros(paid), balanceDue: formatEuros(total - paid)),
            notes: "Thank you for your business.\nQuestions about this invoice: billing@angstrom.example.",
            terms: "Payment within 30 days. Late payments bear interest at three times the legal rate.",
            paymentInstructions: "Bank transfer to IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, "
                + "reference INV-202611-0001.",
            footer: "Ångström & Søn Consulting Ltd · SAS au capital de 10 000 € · RCS Paris 123 456 789")
    }

    /// "€1,234.56" from cents (sample data only; real callers format with Domain's Money).
    private static func formatEuros(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = abs(cents)
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        let fraction = magnitude % 100
        return "\(sign)€\(whole)\(grouped).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
