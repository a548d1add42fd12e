import App
import Domain
import Foundation
import Store

/// The invoice line editor's tax select and catalog picker (see `InvoiceViews.form`).
extension InvoiceViews {
    /// A row's tax select and the hidden fields it travels with: the row's stored line id and
    /// catalog item (so editing keeps a line's time and expenses linked), and its current
    /// snapshot (kept while "as on the line" stays chosen).
    static func taxCell(_ line: InvoiceDraft.Line, index: Int, rates: [TaxRateRecord], errors: ValidationErrors) -> HTML {
        let field = InvoiceDraft.lineField(index, "tax")
        let messages = ["tax", "tax_name", "tax_percent"].compactMap { errors[InvoiceDraft.lineField(index, $0)] }
        let isNew = line.isBlank && line.lineId == nil
        let percent = try? PercentInput.parseMilliPercent(line.taxPercent)
        let name = line.taxName.trimmingWhitespace()
        let matching = name.isEmpty ? nil : rates.first { $0.name == name && $0.milliPercent == percent }
        var options = HTML()
        if !isNew && !name.isEmpty && matching == nil {
            options.append("<option value=\"\" selected>\(name) \(line.taxPercent)% (as on the line)</option>")
        }
        let noTax = (!isNew && name.isEmpty) || (isNew && !rates.contains { $0.isDefault })
        options.append("<option value=\"none\"\(noTax ? " selected" : HTML())>No tax</option>")
        for rate in rates {
            let selected = isNew ? rate.isDefault : (matching != nil && rate.id == matching?.id)
            options.append("<option value=\"\(rate.id ?? 0)\"\(selected ? " selected" : HTML())>\(rate.name) \(rate.taxRate.percentText)</option>")
        }
        let errorHTML: HTML = messages.isEmpty ? HTML()
            : "<p class=\"field-error\" id=\"\(field)-error\">\(messages.joined(separator: " "))</p>"
        let invalid: HTML = messages.isEmpty ? HTML() : " aria-invalid=\"true\" aria-describedby=\"\(field)-error\""
        let lineId = line.lineId.map { String($0) } ?? ""
        let catalogId = line.catalogItemId.map { String($0) } ?? ""
        return """
            <td><label class="visually-hidden" for="\(field)">Tax, line \(index + 1)</label>\
            <select id="\(field)" name="line_tax"\(invalid)>\(options)</select>\
            <input type="hidden" name="line_tax_name" value="\(line.taxName)">\
            <input type="hidden" name="line_tax_percent" value="\(line.taxPercent)">\
            <input type="hidden" name="line_id" value="\(lineId)">\
            <input type="hidden" name="line_catalog_item_id" value="\(catalogId)">\(errorHTML)</td>
            """
    }

    /// "Add from catalog": a select of the live items and a button posting the form back.
    static func catalogPicker(_ catalog: [CatalogItemRecord], errors: ValidationErrors) -> HTML {
        guard !catalog.isEmpty else { return HTML() }
        var options: HTML = "<option value=\"\">Choose an item…</option>"
        for item in catalog {
            options.append("<option value=\"\(item.id ?? 0)\">\(item.name)</option>")
        }
        let error: HTML = errors["catalog_item_id"].map { "<p class=\"field-error\" id=\"catalog_item_id-error\">\($0)</p>" } ?? HTML()
        return """
            <div class="field catalog-picker"><label for="catalog_item_id">Add from catalog</label> \
            <select id="catalog_item_id" name="catalog_item_id">\(options)</select> \
            <button class="button" type="submit" name="intent" value="add_catalog_item">Add item</button>\(error)</div>

            """
    }

    static let taxHeader: HTML = "<th scope=\"col\">Tax</th>"
    static let freeTaxHeader: HTML = "<th scope=\"col\">Tax name</th><th scope=\"col\">Tax %</th>"
}
