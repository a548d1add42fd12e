import Foundation
import Testing

/// A form read off a page, to be submitted as a browser would: the successful controls in
/// document order (hidden and text inputs with their values, checked checkboxes and radios,
/// each select's selected option — else its first — and textareas), so a test changes only
/// what a person would type or pick and sends the rest as the page gave it, `_csrf` included.
/// Buttons are not sent (the forms here do not name them); file inputs are listed apart.
/// It reads the markup this app writes (double-quoted attributes), not arbitrary HTML.
struct HTMLForm {
    let action: String
    let method: String
    let enctype: String
    private(set) var fields: [(name: String, value: String)]
    /// Each select's options, by the select's name: what a person could pick.
    let options: [String: [(value: String, label: String)]]
    let fileInputs: [String]

    /// Every form of the page, in order.
    static func all(in html: String) -> [HTMLForm] {
        guard let formPattern = try? Regex(#"(?s)<form\b([^>]*)>(.*?)</form>"#) else { return [] }
        return html.matches(of: formPattern).compactMap { match in
            guard let attributes = match[1].substring, let body = match[2].substring else { return nil }
            return HTMLForm(attributes: String(attributes), body: String(body))
        }
    }

    /// The page's first form that posts to `action` (a path, as in the markup).
    static func find(_ action: String, in html: String) -> HTMLForm? {
        all(in: html).first { $0.action == action }
    }

    private init(attributes: String, body: String) {
        let attributes = Self.attributes(attributes)
        action = attributes["action"] ?? ""
        method = (attributes["method"] ?? "get").lowercased()
        enctype = attributes["enctype"] ?? "application/x-www-form-urlencoded"
        var fields: [(name: String, value: String)] = []
        var options: [String: [(value: String, label: String)]] = [:]
        var files: [String] = []
        let controls = try? Regex(#"(?s)<input\b([^>]*)>|<select\b([^>]*)>(.*?)</select>|<textarea\b([^>]*)>(.*?)</textarea>"#)
        let optionPattern = try? Regex(#"(?s)<option\b([^>]*)>(.*?)</option>"#)
        for match in controls.map({ body.matches(of: $0) }) ?? [] {
            if let input = match[1].substring {
                let a = Self.attributes(String(input))
                guard let name = a["name"], a["disabled"] == nil else { continue }
                switch (a["type"] ?? "text").lowercased() {
                case "checkbox", "radio":
                    if a["checked"] != nil { fields.append((name, a["value"] ?? "on")) }
                case "file": files.append(name)
                case "submit", "button", "image", "reset": continue
                default: fields.append((name, a["value"] ?? ""))
                }
            } else if let select = match[2].substring, let content = match[3].substring {
                let a = Self.attributes(String(select))
                guard let name = a["name"], a["disabled"] == nil else { continue }
                var choices: [(value: String, label: String, selected: Bool)] = []
                for option in optionPattern.map({ String(content).matches(of: $0) }) ?? [] {
                    let o = Self.attributes(String(option[1].substring ?? ""))
                    let label = Self.unescape(String(option[2].substring ?? "")).trimmingCharacters(in: .whitespacesAndNewlines)
                    choices.append((o["value"] ?? label, label, o["selected"] != nil))
                }
                options[name] = choices.map { ($0.value, $0.label) }
                let selected = choices.filter(\.selected)
                if a["multiple"] != nil {
                    fields += selected.map { (name, $0.value) }
                } else if let chosen = selected.first ?? choices.first {
                    fields.append((name, chosen.value))
                }
            } else if let textarea = match[4].substring, let content = match[5].substring {
                let a = Self.attributes(String(textarea))
                guard let name = a["name"], a["disabled"] == nil else { continue }
                var text = Self.unescape(String(content))
                if text.hasPrefix("\n") { text.removeFirst() }
                fields.append((name, text))
            }
        }
        self.fields = fields
        self.options = options
        self.fileInputs = files
    }

    /// The value the form would send for `name` (the first, when several).
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Types `value` into the control `name` (every earlier value of it replaced); a name the
    /// form does not have is a test failure, not a silent extra field.
    mutating func set(_ name: String, _ value: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let index = fields.firstIndex(where: { $0.name == name }) else {
            Issue.record("the form to \(action) has no field \(name): \(fields.map(\.name))", sourceLocation: sourceLocation)
            return
        }
        fields[index].value = value
        fields = fields.enumerated().filter { $0.element.name != name || $0.offset == index }.map(\.element)
    }

    /// Ticks the checkbox `name` with `value` (a no-op when it is ticked already).
    mutating func check(_ name: String, _ value: String = "1") {
        if !fields.contains(where: { $0.name == name && $0.value == value }) { fields.append((name, value)) }
    }

    /// Picks the option labelled `label` in the select `name`.
    mutating func choose(_ name: String, label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let option = options[name]?.first(where: { $0.label == label }) else {
            Issue.record("the select \(name) of \(action) offers no \"\(label)\": \(options[name]?.map(\.label) ?? [])",
                         sourceLocation: sourceLocation)
            return
        }
        set(name, option.value, sourceLocation: sourceLocation)
    }

    /// `name="value"` pairs (and bare boolean attributes, as "") of a tag's attribute text.
    static func attributes(_ text: String) -> [String: String] {
        guard let pattern = try? Regex(#"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*"([^"]*)")?"#) else { return [:] }
        var result: [String: String] = [:]
        for match in text.matches(of: pattern) {
            guard let name = match[1].substring else { continue }
            let key = name.lowercased()
            if result[key] == nil { result[key] = match[2].substring.map { unescape(String($0)) } ?? "" }
        }
        return result
    }

    /// The character references this app's escaping writes (Sources/Web/Views/HTML.swift), and numeric ones.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else { output += "&"; rest = rest.dropFirst(); continue }
            let entity = rest[rest.index(after: rest.startIndex)..<semicolon]
            var replacement: String?
            switch entity {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if entity.hasPrefix("#") {
                    replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                }
            }
            if let replacement {
                output += replacement
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output += "&"
                rest = rest.dropFirst()
            }
        }
        return output + rest
    }
}

extension Browser {
    /// The form posting to `action` on the page at `path` (which must answer 200).
    func form(_ action: String, on path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> HTMLForm {
        let page = try get(path, sourceLocation: sourceLocation)
        guard page.status == 200 else { throw HarnessError("GET \(path) did not answer 200:\n\(page.summary)") }
        return try form(action, in: page, path: path)
    }

    /// The form posting to `action` in a page already fetched.
    func form(_ action: String, in page: HTTPResponse, path: String = "the page") throws -> HTMLForm {
        guard let form = HTMLForm.find(action, in: page.text) else {
            throw HarnessError("\(path) has no form posting to \(action); it has \(HTMLForm.all(in: page.text).map(\.action))")
        }
        return form
    }

    /// Submits `form` as a browser would: urlencoded, or multipart with `files` when the form
    /// says so (files go with the file inputs the form has).
    @discardableResult
    func submit(_ form: HTMLForm, files: [(name: String, filename: String, type: String, content: [UInt8])] = [],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> HTTPResponse {
        for file in files where !form.fileInputs.contains(file.name) {
            Issue.record("the form to \(form.action) has no file input \(file.name)", sourceLocation: sourceLocation)
        }
        let fields = form.fields.map { ($0.name, $0.value) }
        if form.enctype == "multipart/form-data" {
            return try postMultipart(form.action, fields: fields, files: files, sourceLocation: sourceLocation)
        }
        if !files.isEmpty { Issue.record("files for the urlencoded form to \(form.action)", sourceLocation: sourceLocation) }
        return try post(form.action, fields, sourceLocation: sourceLocation)
    }
}
