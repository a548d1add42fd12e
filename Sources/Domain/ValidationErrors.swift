/// Messages per form field, in the order the fields were checked, so a form can show each
/// message beside its input.
public struct ValidationErrors: Error, Sendable, Equatable {
    public private(set) var messages: [(field: String, message: String)] = []

    public init() {}

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(field: String) -> String? {
        messages.first { $0.field == field }?.message
    }

    public mutating func add(_ field: String, _ message: String) {
        guard self[field] == nil else { return }
        messages.append((field, message))
    }

    public static func == (lhs: ValidationErrors, rhs: ValidationErrors) -> Bool {
        lhs.messages.map { "\($0.field)\u{0}\($0.message)" } == rhs.messages.map { "\($0.field)\u{0}\($0.message)" }
    }
}
