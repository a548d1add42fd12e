import Domain

/// The shared partials: one way to render a form field, a table, pagination, an empty state.
enum Components {
    static func csrfField(_ context: RequestContext) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(context.csrfToken)\">"
    }

    enum FieldKind {
        case text, email, tel, password, search, date
        case textarea(rows: Int)

        var inputType: String {
            switch self {
            case .text: "text"
            case .email: "email"
            case .tel: "tel"
            case .password: "password"
            case .search: "search"
            case .date: "date"
            case .textarea: "textarea"
            }
        }
    }

    /// A labelled input with its error message (announced via aria-describedby) and hint.
    static func field(_ label: String, name: String, value: String, error: String? = nil, kind: FieldKind = .text,
                      hint: String? = nil, required: Bool = false, autocomplete: String? = nil, maxLength: Int? = nil) -> HTML {
        var describedBy: [String] = []
        if error != nil { describedBy.append("\(name)-error") }
        if hint != nil { describedBy.append("\(name)-hint") }
        var attributes: HTML = "id=\"\(name)\" name=\"\(name)\""
        if !describedBy.isEmpty { attributes.append(" aria-describedby=\"\(describedBy.joined(separator: " "))\"") }
        if error != nil { attributes.append(" aria-invalid=\"true\"") }
        if required { attributes.append(" required") }
        if let autocomplete { attributes.append(" autocomplete=\"\(autocomplete)\"") }
        if let maxLength { attributes.append(" maxlength=\"\(maxLength)\"") }
        let control: HTML
        if case .textarea(let rows) = kind {
            control = "<textarea \(attributes) rows=\"\(rows)\">\(value)</textarea>"
        } else {
            control = "<input type=\"\(kind.inputType)\" \(attributes) value=\"\(value)\">"
        }
        let errorHTML: HTML = error.map { "<p class=\"field-error\" id=\"\(name)-error\">\($0)</p>" } ?? HTML()
        let hintHTML: HTML = hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" } ?? HTML()
        let requiredMark: HTML = required ? " <span class=\"muted\">(required)</span>" : HTML()
        return """
            <div class="field\(error == nil ? "" : " has-error")"><label for="\(name)">\(label)\(requiredMark)</label>\(control)\(errorHTML)\(hintHTML)</div>

            """
    }

    /// A table inside a horizontally scrolling wrapper (phones). Cells are already HTML.
    static func table(caption: String? = nil, headers: [(label: String, numeric: Bool)], rows: [[HTML]]) -> HTML {
        var bodyHTML = HTML()
        for cells in rows {
            bodyHTML.append("<tr>")
            for (cell, header) in zip(cells, headers) {
                bodyHTML.append(header.numeric ? "<td class=\"num\">" : "<td>")
                bodyHTML.append(cell)
                bodyHTML.append("</td>")
            }
            bodyHTML.append("</tr>\n")
        }
        return table(caption: caption, headers: headers, renderedRows: bodyHTML)
    }

    /// The same table from rows the caller rendered as `<tr>…</tr>` straight into one buffer:
    /// a 50-row list page then allocates once per row instead of once per cell (`make bench`).
    static func table(caption: String? = nil, headers: [(label: String, numeric: Bool)], renderedRows: HTML) -> HTML {
        let headHTML: [HTML] = headers.map { $0.numeric ? "<th scope=\"col\" class=\"num\">\($0.label)</th>" : "<th scope=\"col\">\($0.label)</th>" }
        let captionHTML: HTML = caption.map { "<caption class=\"visually-hidden\">\($0)</caption>" } ?? HTML()
        return """
            <div class="table-wrap"><table class="table">\(captionHTML)<thead><tr>\(headHTML)</tr></thead>
            <tbody>
            \(renderedRows)</tbody></table></div>

            """
    }

    /// Previous / "Page N of M" / Next, keeping the other query parameters. With `edges`
    /// (the ids of the page's first and last rows) the links carry a cursor, so the next
    /// page is found by seeking from this one rather than by counting from the start.
    static func pagination<Item>(_ page: Page<Item>, path: String, query: [(String, String)],
                                 edges: (first: Int64, last: Int64)? = nil) -> HTML {
        guard page.pageCount > 1 else { return HTML() }
        func link(_ number: Int, _ cursor: (String, Int64)?) -> String {
            var items = query.filter { !$0.1.isEmpty }
            if number > 1 {
                items.append(("page", String(number)))
                if let cursor { items.append((cursor.0, String(cursor.1))) }
            }
            guard !items.isEmpty else { return path }
            return path + "?" + items.map { "\(URLQuery.encode($0.0))=\(URLQuery.encode($0.1))" }.joined(separator: "&")
        }
        let previous: HTML = page.hasPrevious
            ? "<a rel=\"prev\" href=\"\(link(page.number - 1, edges.map { ("before", $0.first) }))\">Previous</a>" : HTML()
        let next: HTML = page.hasNext
            ? "<a rel=\"next\" href=\"\(link(page.number + 1, edges.map { ("after", $0.last) }))\">Next</a>" : HTML()
        return """
            <nav class="pagination" aria-label="Pagination">\(previous)<span class="page-status">Page \(page.number) of \(page.pageCount)</span>\(next)</nav>

            """
    }

    static func emptyState(_ message: String, action: HTML? = nil) -> HTML {
        "<div class=\"empty-state\"><p>\(message)</p>\(action)</div>\n"
    }

    /// A one-button form for an unsafe action (delete, restore, sign out): never a GET link.
    static func postButton(_ label: String, action: String, _ context: RequestContext, style: String = "button",
                           confirm: String? = nil) -> HTML {
        let confirmAttribute: HTML = confirm.map { " data-confirm=\"\($0)\"" } ?? HTML()
        return """
            <form method="post" action="\(action)" class="inline"\(confirmAttribute)>\(csrfField(context))<button type="submit" class="\(style)">\(label)</button></form>
            """
    }
}

enum URLQuery {
    static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func encode(_ value: String) -> String {
        var output = ""
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                output.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
