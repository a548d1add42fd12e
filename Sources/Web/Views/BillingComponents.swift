import Domain

/// Form partials the billing pages share: a select, a group of checkboxes, and the
/// company's currency for amount fields.
extension Components {
    /// A labelled `<select>` with its error and hint, like `field`.
    static func select(_ label: String, name: String, options: [(value: String, label: String)], selected: String,
                       error: String? = nil, hint: String? = nil, required: Bool = false) -> HTML {
        var describedBy: [String] = []
        if error != nil { describedBy.append("\(name)-error") }
        if hint != nil { describedBy.append("\(name)-hint") }
        var attributes: HTML = "id=\"\(name)\" name=\"\(name)\""
        if !describedBy.isEmpty { attributes.append(" aria-describedby=\"\(describedBy.joined(separator: " "))\"") }
        if error != nil { attributes.append(" aria-invalid=\"true\"") }
        if required { attributes.append(" required") }
        var optionsHTML = HTML()
        for option in options {
            optionsHTML.append(option.value == selected
                ? "<option value=\"\(option.value)\" selected>\(option.label)</option>"
                : "<option value=\"\(option.value)\">\(option.label)</option>")
        }
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"\(name)-error\">\($0)</p>" } ?? HTML()
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? HTML()
        let requiredMark: HTML = required ? " <span class=\"muted\">(required)</span>" : HTML()
        return """
            <div class="field\(error == nil ? "" : " has-error")"><label for="\(name)">\(label)\(requiredMark)</label><select \(attributes)>\(optionsHTML)</select>\(errorHTML)\(hintHTML)</div>

            """
    }

    /// A fieldset of checkboxes sharing one name (several values may be sent).
    static func checkboxes(_ legend: String, name: String, options: [(value: String, label: String)], checked: Set<String>,
                           error: String? = nil, hint: String? = nil) -> HTML {
        var boxes = HTML()
        for (index, option) in options.enumerated() {
            let id = "\(name)-\(index)"
            boxes.append(checked.contains(option.value)
                ? "<label class=\"checkbox\" for=\"\(id)\"><input type=\"checkbox\" id=\"\(id)\" name=\"\(name)\" value=\"\(option.value)\" checked> \(option.label)</label>\n"
                : "<label class=\"checkbox\" for=\"\(id)\"><input type=\"checkbox\" id=\"\(id)\" name=\"\(name)\" value=\"\(option.value)\"> \(option.label)</label>\n")
        }
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"\(name)-error\">\($0)</p>" } ?? HTML()
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? HTML()
        return """
            <fieldset class="field\(error == nil ? "" : " has-error")"><legend>\(legend)</legend>
            \(boxes)\(errorHTML)\(hintHTML)</fieldset>

            """
    }

    /// The signed-in company's billing currency (USD when it is not one we bill in).
    static func currency(_ context: RequestContext) -> Currency {
        context.signedIn.flatMap { Currency(code: $0.company.currency) } ?? .usd
    }

    static func money(_ cents: Int64, _ context: RequestContext) -> String {
        MoneyFormat.display(cents: cents, currency: currency(context))
    }

    static func errorSummary(_ errors: ValidationErrors) -> HTML {
        errors.isEmpty ? HTML()
            : "<div class=\"flash flash-error\" role=\"alert\">Please correct the \(errors.messages.count == 1 ? "field" : "fields") marked below.</div>\n"
    }
}
