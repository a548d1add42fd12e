/// Decoded form fields in the order they arrived. A multi-map because HTML sends one pair
/// per checked checkbox or selected option under the same name, and order matters for
/// repeated rows (invoice lines) that handlers zip back together.
public struct FormData: Sendable, Equatable {
    public private(set) var pairs: [(name: String, value: String)]

    public init() {
        pairs = []
    }

    public init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value sent under `name`: a single-valued control cannot be overridden by a
    /// second pair appended later (e.g. by a crafted query string).
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    public func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    public mutating func append(_ name: String, _ value: String) {
        pairs.append((name: name, value: value))
    }

    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }

    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.pairs.count == rhs.pairs.count
            && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}
