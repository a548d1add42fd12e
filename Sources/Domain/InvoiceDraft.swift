/// What a user typed into the invoice form, before validation: every field as text, so the
/// form can be shown back exactly as typed next to its messages.
public struct InvoiceDraft: Sendable, Equatable {
    /// One row of the line table, as typed.
    public struct Line: Sendable, Equatable {
        public var description: String
        public var quantity: String
        public var unitPrice: String
        public var taxName: String
        public var taxPercent: String
        /// The catalog item the line was copied from, if any: a snapshot source, never a link.
        public var catalogItemId: Int64?
        /// The stored line this row edits (a hidden field): a line billing time or expenses
        /// keeps its id, so its entries and expenses stay linked. Only trusted when it is a
        /// line of the invoice being edited.
        public var lineId: Int64?

        public init(description: String = "", quantity: String = "", unitPrice: String = "", taxName: String = "",
                    taxPercent: String = "", catalogItemId: Int64? = nil, lineId: Int64? = nil) {
            self.description = description
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.taxName = taxName
            self.taxPercent = taxPercent
            self.catalogItemId = catalogItemId
            self.lineId = lineId
        }

        /// A row left entirely empty (the form always offers one more): ignored, not an error.
        public var isBlank: Bool {
            [description, quantity, unitPrice, taxName, taxPercent].allSatisfy { $0.trimmingWhitespace().isEmpty }
        }
    }

    public enum DiscountKind: String, Sendable, CaseIterable {
        case none, percentage, fixed
    }

    public var clientId: String
    /// Blank: no project. Otherwise one of the client's projects (the service checks which).
    public var projectId: String
    public var issueDate: String
    /// Blank: the issue date plus the payment terms.
    public var dueDate: String
    public var paymentTermsDays: String
    public var discountKind: String
    public var discountValue: String
    public var notes: String
    public var terms: String
    public var lines: [Line]

    public static let maxLines = 200
    public static let descriptionLimit = 2_000
    public static let taxNameLimit = 50
    public static let longFieldLimit = 5_000
    public static let defaultPaymentTermsDays = 30

    public init(clientId: String = "", projectId: String = "", issueDate: String = "", dueDate: String = "", paymentTermsDays: String = "",
                discountKind: String = "none", discountValue: String = "", notes: String = "", terms: String = "",
                lines: [Line] = []) {
        self.clientId = clientId
        self.projectId = projectId
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.paymentTermsDays = paymentTermsDays
        self.discountKind = discountKind
        self.discountValue = discountValue
        self.notes = notes
        self.terms = terms
        self.lines = lines
    }

    /// The form field of line `index` (0-based) and `column`, as error messages name it:
    /// `line_2_quantity` is the second row's quantity.
    public static func lineField(_ index: Int, _ column: String) -> String { "line_\(index + 1)_\(column)" }

    /// Checks every field against `currency` (amounts are parsed in its minor unit). Blank
    /// rows are dropped. The totals are computed too, so a discount larger than the subtotal
    /// or an overflow is a field message rather than a failure at sending.
    public func validated(currency: Currency) -> Result<ValidInvoice, ValidationErrors> {
        var errors = ValidationErrors()

        let clientText = clientId.trimmingWhitespace()
        var client: Int64 = 0
        if clientText.isEmpty {
            errors.add("client_id", "Choose a client.")
        } else if let parsed = Int64(clientText), parsed > 0 {
            client = parsed
        } else {
            errors.add("client_id", "Choose a client from the list.")
        }

        var project: Int64?
        let projectText = projectId.trimmingWhitespace()
        if !projectText.isEmpty {
            if let parsed = Int64(projectText), parsed > 0 {
                project = parsed
            } else {
                errors.add("project_id", "Choose a project from the list, or none.")
            }
        }

        var issued = CalendarDate(year: 2000, month: 1, day: 1) ?? CalendarDate(daysSinceEpoch: 0)
        let issueText = issueDate.trimmingWhitespace()
        if issueText.isEmpty {
            errors.add("issue_date", "Enter the issue date.")
        } else if let parsed = CalendarDate(parsing: issueText) {
            issued = parsed
        } else {
            errors.add("issue_date", "Enter a date like 2026-11-30.")
        }

        var paymentTerms = PaymentTerms(netDays: Self.defaultPaymentTermsDays) ?? .dueOnReceipt
        let termsText = paymentTermsDays.trimmingWhitespace()
        if !termsText.isEmpty {
            if let days = Int(termsText), let parsed = PaymentTerms(netDays: days) {
                paymentTerms = parsed
            } else {
                errors.add("payment_terms_days", "Enter a number of days from 0 to \(PaymentTerms.maxNetDays).")
            }
        }

        var due = paymentTerms.dueDate(issuedOn: issued)
        let dueText = dueDate.trimmingWhitespace()
        if !dueText.isEmpty {
            if let parsed = CalendarDate(parsing: dueText) {
                due = parsed
                if errors["issue_date"] == nil && parsed < issued {
                    errors.add("due_date", "The due date cannot be before the issue date.")
                }
            } else {
                errors.add("due_date", "Enter a date like 2026-12-30, or leave it empty to use the payment terms.")
            }
        }

        var discount: Discount?
        let kind = DiscountKind(rawValue: discountKind.trimmingWhitespace()) ?? .none
        if DiscountKind(rawValue: discountKind.trimmingWhitespace()) == nil && !discountKind.trimmingWhitespace().isEmpty {
            errors.add("discount_kind", "Choose no discount, a percentage or a fixed amount.")
        }
        switch kind {
        case .none:
            break
        case .percentage:
            do throws(NumberInputError) { discount = .percentage(milliPercent: try PercentInput.parseMilliPercent(discountValue)) } catch {
                errors.add("discount_value", error.message)
            }
        case .fixed:
            do throws(NumberInputError) { discount = .fixed(Money(cents: try MoneyInput.parse(discountValue, currency: currency), currency: currency)) } catch {
                errors.add("discount_value", error.message)
            }
        }

        let cleanNotes = notes.trimmingWhitespace()
        let cleanTerms = terms.trimmingWhitespace()
        if cleanNotes.unicodeScalars.count > Self.longFieldLimit {
            errors.add("notes", "Notes must be at most \(Self.longFieldLimit) characters.")
        }
        if cleanTerms.unicodeScalars.count > Self.longFieldLimit {
            errors.add("terms", "Terms must be at most \(Self.longFieldLimit) characters.")
        }

        var validLines: [ValidInvoice.Line] = []
        let kept = lines.enumerated().filter { !$0.element.isBlank }
        if kept.count > Self.maxLines {
            errors.add("lines", "An invoice has at most \(Self.maxLines) lines.")
        }
        for (index, line) in kept.prefix(Self.maxLines) {
            let description = line.description.trimmingWhitespace()
            var lineIsValid = true
            func fail(_ column: String, _ message: String) {
                errors.add(Self.lineField(index, column), message)
                lineIsValid = false
            }
            if description.isEmpty {
                fail("description", "Describe this line.")
            } else if description.unicodeScalars.count > Self.descriptionLimit {
                fail("description", "A description has at most \(Self.descriptionLimit) characters.")
            }
            var quantity: Int64 = 0
            do throws(NumberInputError) { quantity = try QuantityInput.parseThousandths(line.quantity) } catch { fail("quantity", error.message) }
            var price: Int64 = 0
            do throws(NumberInputError) { price = try MoneyInput.parse(line.unitPrice, currency: currency) } catch { fail("unit_price", error.message) }
            let taxName = line.taxName.trimmingWhitespace()
            var tax: TaxRate?
            if taxName.unicodeScalars.count > Self.taxNameLimit {
                fail("tax_name", "A tax name has at most \(Self.taxNameLimit) characters.")
            } else if taxName.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                fail("tax_name", "Remove the control characters from the tax name.")
            }
            let percentText = line.taxPercent.trimmingWhitespace()
            if percentText.isEmpty {
                if !taxName.isEmpty { fail("tax_percent", "Enter the rate of \(taxName), e.g. 8.25.") }
            } else {
                do throws(NumberInputError) {
                    let rate = try PercentInput.parseMilliPercent(percentText)
                    if taxName.isEmpty {
                        if rate != 0 { fail("tax_name", "Name the tax, e.g. Sales tax or GST.") }
                    } else {
                        tax = TaxRate(name: taxName, milliPercent: rate)
                    }
                } catch {
                    fail("tax_percent", error.message)
                }
            }
            if lineIsValid {
                validLines.append(ValidInvoice.Line(description: description, quantityThousandths: quantity,
                                                    unitPriceCents: price, tax: tax, catalogItemId: line.catalogItemId,
                                                    lineId: line.lineId))
            }
        }

        // The totals, so a discount over the subtotal or an overflow is reported on the form.
        var totals: DocumentTotals?
        if errors.isEmpty {
            let billing = validLines.map { line in
                BillingLine(quantityThousandths: line.quantityThousandths,
                            unitPrice: Money(cents: line.unitPriceCents, currency: currency),
                            taxes: line.tax.map { [$0] } ?? [])
            }
            do {
                totals = try DocumentTotals(lines: billing, discount: discount, currency: currency)
            } catch BillingError.discountExceedsSubtotal {
                errors.add("discount_value", "The discount cannot be more than the subtotal.")
            } catch {
                errors.add("lines", "These amounts are too large to add up; split the invoice.")
            }
        }

        guard errors.isEmpty, let totals else { return .failure(errors) }
        return .success(ValidInvoice(clientId: client, projectId: project, issueDate: issued, dueDate: due, paymentTerms: paymentTerms,
                                     discount: discount, notes: cleanNotes, terms: cleanTerms, lines: validLines,
                                     totals: totals))
    }
}

/// An invoice draft that passed validation: typed values, ready to store or send.
public struct ValidInvoice: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let description: String
        public let quantityThousandths: Int64
        public let unitPriceCents: Int64
        /// One named tax per line, snapshotted (name and rate) onto the line.
        public let tax: TaxRate?
        public let catalogItemId: Int64?
        /// The stored line this one replaces (see `InvoiceDraft.Line.lineId`).
        public let lineId: Int64?

        public init(description: String, quantityThousandths: Int64, unitPriceCents: Int64, tax: TaxRate?,
                    catalogItemId: Int64? = nil, lineId: Int64? = nil) {
            self.description = description
            self.quantityThousandths = quantityThousandths
            self.unitPriceCents = unitPriceCents
            self.tax = tax
            self.catalogItemId = catalogItemId
            self.lineId = lineId
        }
    }

    public let clientId: Int64
    public let projectId: Int64?
    public let issueDate: CalendarDate
    public let dueDate: CalendarDate
    public let paymentTerms: PaymentTerms
    public let discount: Discount?
    public let notes: String
    public let terms: String
    public let lines: [Line]
    public let totals: DocumentTotals

    /// Sending needs at least one line: an empty invoice is not a bill.
    public var sendingErrors: ValidationErrors {
        var errors = ValidationErrors()
        if lines.isEmpty { errors.add("lines", "Add at least one line before sending the invoice.") }
        return errors
    }
}

extension InvoiceDraft {
    /// "1.5" from 1500 thousandths, "3" from 3000: what `QuantityInput` reads back unchanged.
    public static func quantityText(_ thousandths: Int64) -> String {
        let magnitude = thousandths.magnitude
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return (thousandths < 0 ? "-" : "") + String(magnitude / 1000) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// "8.25" from 8250 thousandths of a percent (no % sign, as a form field shows it).
    public static func percentText(_ milliPercent: Int) -> String {
        String(TaxRate(name: "", milliPercent: milliPercent).percentText.dropLast())
    }

    /// The form as it would be typed for a stored valid invoice: `validated` of the result
    /// gives the same invoice back (what sending re-checks).
    public init(_ valid: ValidInvoice, currency: Currency) {
        let discountKind: DiscountKind
        let discountValue: String
        switch valid.discount {
        case nil: (discountKind, discountValue) = (.none, "")
        case .percentage(let milli): (discountKind, discountValue) = (.percentage, Self.percentText(milli))
        case .fixed(let money): (discountKind, discountValue) = (.fixed, MoneyFormat.plain(cents: money.cents, currency: currency))
        }
        self.init(clientId: String(valid.clientId), projectId: valid.projectId.map(String.init) ?? "", issueDate: valid.issueDate.description, dueDate: valid.dueDate.description,
                  paymentTermsDays: String(valid.paymentTerms.netDays), discountKind: discountKind.rawValue,
                  discountValue: discountValue, notes: valid.notes, terms: valid.terms,
                  lines: valid.lines.map { line in
                      Line(description: line.description, quantity: Self.quantityText(line.quantityThousandths),
                           unitPrice: MoneyFormat.plain(cents: line.unitPriceCents, currency: currency),
                           taxName: line.tax?.name ?? "", taxPercent: line.tax.map { Self.percentText($0.milliPercent) } ?? "",
                           catalogItemId: line.catalogItemId, lineId: line.lineId)
                  })
    }
}
